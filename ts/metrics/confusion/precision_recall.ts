/**
 * `Precision` and `Recall`, as Keras's: true positives over predicted positives, or over actual
 * positives, at each threshold, optionally among each row's `topK` predictions or for one class.
 */
import { type KerasArgs, kerasClassName, signature } from '../../arguments/signature.js';
import type { Variable } from '../../engine/variable.js';
import * as ops from '../../ops/index.js';
import type { DType, Tensor } from '../../tensor/tensor.js';
import { toSnakeCase } from '../../utils/naming.js';
import { Metric, type MetricArgs } from '../metric.js';
import { divideNoNan } from './divide_no_nan.js';
import { NEG_INF, isEvenlyDistributed, parseInitThresholds } from './thresholds.js';
import { type ConfusionSettings, type ConfusionVariables, updateConfusion } from './update.js';

/** Options of {@link Precision} and {@link Recall}. */
export interface PrecisionRecallArgs extends MetricArgs {
  /** A threshold in [0, 1] or a list of them: a prediction above it counts as positive. Default 0.5 (without `topK`); with a list, the result has one value per threshold. */
  thresholds?: number | number[] | null;
  /** Only the `topK` largest predictions of each sample count as positive. */
  topK?: number | null;
  /** Only this class (last-axis column) counts. */
  classId?: number | null;
}

type PrecisionRecallParams = KerasArgs<
  [thresholds: number | number[] | null, topK: number | null, classId: number | null, name: string | null, dtype: DType | null],
  PrecisionRecallArgs
>;

const precisionRecallSignature = signature<PrecisionRecallArgs>()({ thresholds: null, topK: null, classId: null, name: null, dtype: null });

/** What Precision and Recall share: true positives and one other count per threshold. */
abstract class PrecisionRecall extends Metric {
  static override readonly signature = precisionRecallSignature;
  /** The thresholds, as a list. */
  readonly thresholds: number[];
  readonly topK: number | null;
  readonly classId: number | null;
  private readonly initThresholds: number | number[] | null;
  private readonly settings: ConfusionSettings;
  private readonly truePositives: Variable;
  /** False positives (Precision) or false negatives (Recall). */
  private readonly otherCount: Variable;
  private readonly state: ConfusionVariables;

  protected constructor(args: PrecisionRecallParams, cls: { readonly name: string; readonly className?: string }, other: 'falsePositives' | 'falseNegatives') {
    const a = precisionRecallSignature.resolve(args, cls);
    super({ name: a.name, dtype: a.dtype });
    this.initThresholds = a.thresholds;
    this.topK = a.topK;
    this.classId = a.classId;
    this.thresholds = parseInitThresholds(a.thresholds, a.topK === null ? 0.5 : NEG_INF);
    const evenly = isEvenlyDistributed(this.thresholds);
    this.settings = { thresholds: Float32Array.from(this.thresholds), evenly, topK: a.topK, classId: a.classId };
    this.truePositives = this.addVariable('true_positives', [this.thresholds.length]);
    this.otherCount = this.addVariable(toSnakeCase(other), [this.thresholds.length]);
    this.state = { truePositives: this.truePositives, [other]: this.otherCount };
  }

  override updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | number): void {
    updateConfusion(kerasClassName(this.constructor), this.state, yTrue, yPred, sampleWeight, this.settings);
  }

  /** TP / (TP + the other count), 0 where nothing was counted: a scalar for one threshold, one value per threshold otherwise. */
  override result(): Tensor {
    const tp = this.truePositives.value;
    const ratio = divideNoNan(tp, ops.add(tp, this.otherCount.value));
    return this.thresholds.length === 1 ? ops.reshape(ratio, []) : ratio;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), thresholds: this.initThresholds, top_k: this.topK, class_id: this.classId };
  }
}

/**
 * The fraction of predicted positives that are true, as `keras.metrics.Precision`.
 *
 * @example
 * const m = new Precision();
 * m.updateState(tensor([0, 1, 1, 1]), tensor([1, 0, 1, 1]));
 * m.resultValue(); // 0.6667
 */
export class Precision extends PrecisionRecall {
  static override className = 'Precision';

  /** `new Precision()`, `new Precision(0.7)`, `new Precision({ topK: 3, classId: 2 })`. */
  constructor(...args: PrecisionRecallParams) {
    super(args, new.target, 'falsePositives');
  }
}

/**
 * The fraction of actual positives predicted positive, as `keras.metrics.Recall`.
 *
 * @example
 * const m = new Recall();
 * m.updateState(tensor([0, 1, 1, 1]), tensor([1, 0, 1, 1]));
 * m.resultValue(); // 0.6667
 */
export class Recall extends PrecisionRecall {
  static override className = 'Recall';

  /** `new Recall()`, `new Recall(0.7)`, `new Recall({ topK: 3, classId: 2 })`. */
  constructor(...args: PrecisionRecallParams) {
    super(args, new.target, 'falseNegatives');
  }
}
