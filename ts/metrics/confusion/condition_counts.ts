/**
 * `TruePositives`, `FalsePositives`, `TrueNegatives`, `FalseNegatives`: the weighted count of one
 * cell of the confusion matrix at each threshold, as Keras's `_ConfusionMatrixConditionCount`.
 */
import { type KerasArgs, kerasClassName, signature } from '../../arguments/signature.js';
import type { Variable } from '../../engine/variable.js';
import * as ops from '../../ops/index.js';
import type { DType, Tensor } from '../../tensor/tensor.js';
import { Metric, type MetricArgs } from '../metric.js';
import { isEvenlyDistributed, parseInitThresholds } from './thresholds.js';
import { type ConfusionVariables, updateConfusion } from './update.js';

/** Options of the four count metrics. */
export interface ConditionCountArgs extends MetricArgs {
  /** A threshold in [0, 1] or a list of them: a prediction above it counts as positive. Default 0.5; with a list, the result has one count per threshold. */
  thresholds?: number | number[] | null;
}

type ConditionCountParams = KerasArgs<[thresholds: number | number[] | null, name: string | null, dtype: DType | null], ConditionCountArgs>;

const conditionCountSignature = signature<ConditionCountArgs>()({ thresholds: null, name: null, dtype: null });

/** The confusion-matrix cell a count metric keeps. */
type Condition = keyof ConfusionVariables;

/** A count of one confusion-matrix cell per threshold, in the state variable `accumulator`. */
abstract class ConditionCount extends Metric {
  static override readonly signature = conditionCountSignature;
  /** The thresholds, as a list. */
  readonly thresholds: number[];
  private readonly initThresholds: number | number[] | null;
  private readonly thresholdValues: Float32Array;
  private readonly evenly: boolean;
  private readonly accumulator: Variable;

  protected constructor(
    private readonly condition: Condition,
    args: ConditionCountParams,
    cls: { readonly name: string; readonly className?: string },
  ) {
    const a = conditionCountSignature.resolve(args, cls);
    super({ name: a.name, dtype: a.dtype });
    this.initThresholds = a.thresholds;
    this.thresholds = parseInitThresholds(a.thresholds, 0.5);
    this.thresholdValues = Float32Array.from(this.thresholds);
    this.evenly = isEvenlyDistributed(this.thresholds);
    this.accumulator = this.addVariable('accumulator', [this.thresholds.length]);
  }

  override updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | number): void {
    const settings = { thresholds: this.thresholdValues, evenly: this.evenly };
    updateConfusion(kerasClassName(this.constructor), { [this.condition]: this.accumulator }, yTrue, yPred, sampleWeight, settings);
  }

  /** The count: a scalar for one threshold, one count per threshold otherwise. */
  override result(): Tensor {
    const counts = this.accumulator.value;
    return this.thresholds.length === 1 ? ops.reshape(counts, []) : ops.add(counts, 0);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), thresholds: this.initThresholds };
  }
}

/**
 * The weighted number of true positives (label set, prediction above the threshold), as
 * `keras.metrics.TruePositives`.
 *
 * @example
 * const m = new TruePositives();
 * m.updateState(tensor([0, 1, 1, 1]), tensor([1, 0, 1, 1]));
 * m.resultValue(); // 2
 */
export class TruePositives extends ConditionCount {
  static override className = 'TruePositives';
  /** `new TruePositives()`, `new TruePositives(0.7)` or `new TruePositives({ thresholds: [0.3, 0.7] })`. */
  constructor(...args: ConditionCountParams) {
    super('truePositives', args, new.target);
  }
}

/** The weighted number of false positives (label unset, prediction above the threshold), as `keras.metrics.FalsePositives`. */
export class FalsePositives extends ConditionCount {
  static override className = 'FalsePositives';
  constructor(...args: ConditionCountParams) {
    super('falsePositives', args, new.target);
  }
}

/** The weighted number of true negatives (label unset, prediction at or below the threshold), as `keras.metrics.TrueNegatives`. */
export class TrueNegatives extends ConditionCount {
  static override className = 'TrueNegatives';
  constructor(...args: ConditionCountParams) {
    super('trueNegatives', args, new.target);
  }
}

/** The weighted number of false negatives (label set, prediction at or below the threshold), as `keras.metrics.FalseNegatives`. */
export class FalseNegatives extends ConditionCount {
  static override className = 'FalseNegatives';
  constructor(...args: ConditionCountParams) {
    super('falseNegatives', args, new.target);
  }
}
