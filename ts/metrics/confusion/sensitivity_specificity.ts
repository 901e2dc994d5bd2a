/**
 * `SensitivityAtSpecificity`, `SpecificityAtSensitivity`, `PrecisionAtRecall` and
 * `RecallAtPrecision`, as Keras's: the four confusion counts at `numThresholds` evenly spaced
 * thresholds, and, as result, the best of one rate among the thresholds where the other reaches
 * the target value.
 */
import { type KerasArgs, REQUIRED, kerasClassName, signature } from '../../arguments/signature.js';
import * as ops from '../../ops/index.js';
import type { DType, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr } from '../../utils/python_repr.js';
import { Metric, type MetricArgs } from '../metric.js';
import { divideNoNan } from './divide_no_nan.js';
import { evenThresholds } from './thresholds.js';
import { type ConfusionSettings, type ConfusionVariables, updateConfusion } from './update.js';

/** Options every one of the four takes beside its target value. */
export interface AtValueArgs extends MetricArgs {
  /** How many evenly spaced thresholds the rates are computed at. Default 200. */
  numThresholds?: number;
  /** Only this class (last-axis column) counts. */
  classId?: number | null;
}

/** The rates the results are made of, from the four counts. */
interface Rates {
  sensitivity: Tensor;
  specificity: Tensor;
  precision: Tensor;
}

/** The four counts at evenly spaced thresholds; `result` maximises `dependent` where `constrained` ≥ the target. */
abstract class AtValueMetric extends Metric {
  /** The thresholds, 0 to 1. */
  readonly thresholds: number[];
  readonly numThresholds: number;
  readonly classId: number | null;
  private readonly settings: ConfusionSettings;
  private readonly counts: Required<ConfusionVariables>;

  /** `key` names the target (`specificity`, …) in errors; `value` is the target. */
  protected constructor(
    key: string,
    private readonly value: number,
    a: { name: string | null; dtype: DType | null; numThresholds: number; classId: number | null },
  ) {
    if (!(value >= 0 && value <= 1)) throw new ValueError(`Argument \`${key}\` must be in the range [0, 1]. Received: ${key}=${pythonRepr(value)}`);
    if (!(a.numThresholds > 0)) {
      throw new ValueError(`Argument \`num_thresholds\` must be an integer > 0. Received: num_thresholds=${pythonRepr(a.numThresholds)}`);
    }
    super({ name: a.name, dtype: a.dtype });
    this.numThresholds = a.numThresholds;
    this.classId = a.classId;
    this.thresholds = evenThresholds(a.numThresholds);
    this.settings = { thresholds: Float32Array.from(this.thresholds), evenly: a.numThresholds > 1, classId: a.classId };
    const shape = [this.thresholds.length];
    this.counts = {
      truePositives: this.addVariable('true_positives', shape),
      falsePositives: this.addVariable('false_positives', shape),
      trueNegatives: this.addVariable('true_negatives', shape),
      falseNegatives: this.addVariable('false_negatives', shape),
    };
  }

  override updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | number): void {
    updateConfusion(kerasClassName(this.constructor), this.counts, yTrue, yPred, sampleWeight, this.settings);
  }

  /** Which rate must reach the target, and which is maximised. */
  protected abstract pick(rates: Rates): { constrained: Tensor; dependent: Tensor };

  /** The largest `dependent` rate among thresholds where the `constrained` one reaches the target (0 if none). */
  override result(): Tensor {
    const { constrained, dependent } = this.pick(this.rates());
    return ops.max(ops.where(ops.greaterEqual(constrained, this.value), dependent, 0));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), class_id: this.classId, num_thresholds: this.numThresholds };
  }

  private rates(): Rates {
    const [tp, fp, tn, fn] = [this.counts.truePositives.value, this.counts.falsePositives.value, this.counts.trueNegatives.value, this.counts.falseNegatives.value];
    return {
      sensitivity: divideNoNan(tp, ops.add(tp, fn)),
      specificity: divideNoNan(tn, ops.add(tn, fp)),
      precision: divideNoNan(tp, ops.add(tp, fp)),
    };
  }
}

type AtValueParams<K extends string> = KerasArgs<
  [target: number, numThresholds: number, classId: number | null, name: string | null, dtype: DType | null],
  AtValueArgs & { [key in K]?: number }
>;

/** Keras's signature of one of the four: the target first, then the shared options. */
function atValueSignature<K extends string>(key: K) {
  return signature<AtValueArgs & { [key in K]?: number }>()({ [key]: REQUIRED, numThresholds: 200, classId: null, name: null, dtype: null } as {
    [key in K]: typeof REQUIRED;
  } & { numThresholds: 200; classId: null; name: null; dtype: null });
}

/**
 * The best sensitivity (recall) among thresholds whose specificity is at least `specificity`, as
 * `keras.metrics.SensitivityAtSpecificity`.
 */
export class SensitivityAtSpecificity extends AtValueMetric {
  static override className = 'SensitivityAtSpecificity';
  static override readonly signature = atValueSignature('specificity');
  readonly specificity: number;

  /** `new SensitivityAtSpecificity(0.5)` or `new SensitivityAtSpecificity({ specificity: 0.5, numThresholds: 1 })`. */
  constructor(...args: AtValueParams<'specificity'>) {
    const a = SensitivityAtSpecificity.signature.resolve(args, new.target);
    super('specificity', a.specificity, a);
    this.specificity = a.specificity;
  }

  protected pick(r: Rates) {
    return { constrained: r.specificity, dependent: r.sensitivity };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), specificity: this.specificity };
  }
}

/**
 * The best specificity among thresholds whose sensitivity (recall) is at least `sensitivity`, as
 * `keras.metrics.SpecificityAtSensitivity`.
 */
export class SpecificityAtSensitivity extends AtValueMetric {
  static override className = 'SpecificityAtSensitivity';
  static override readonly signature = atValueSignature('sensitivity');
  readonly sensitivity: number;

  constructor(...args: AtValueParams<'sensitivity'>) {
    const a = SpecificityAtSensitivity.signature.resolve(args, new.target);
    super('sensitivity', a.sensitivity, a);
    this.sensitivity = a.sensitivity;
  }

  protected pick(r: Rates) {
    return { constrained: r.sensitivity, dependent: r.specificity };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), sensitivity: this.sensitivity };
  }
}

/** The best precision among thresholds whose recall is at least `recall`, as `keras.metrics.PrecisionAtRecall`. */
export class PrecisionAtRecall extends AtValueMetric {
  static override className = 'PrecisionAtRecall';
  static override readonly signature = atValueSignature('recall');
  readonly recall: number;

  constructor(...args: AtValueParams<'recall'>) {
    const a = PrecisionAtRecall.signature.resolve(args, new.target);
    super('recall', a.recall, a);
    this.recall = a.recall;
  }

  protected pick(r: Rates) {
    return { constrained: r.sensitivity, dependent: r.precision };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), recall: this.recall };
  }
}

/** The best recall among thresholds whose precision is at least `precision`, as `keras.metrics.RecallAtPrecision`. */
export class RecallAtPrecision extends AtValueMetric {
  static override className = 'RecallAtPrecision';
  static override readonly signature = atValueSignature('precision');
  readonly precision: number;

  constructor(...args: AtValueParams<'precision'>) {
    const a = RecallAtPrecision.signature.resolve(args, new.target);
    super('precision', a.precision, a);
    this.precision = a.precision;
  }

  protected pick(r: Rates) {
    return { constrained: r.precision, dependent: r.sensitivity };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), precision: this.precision };
  }
}
