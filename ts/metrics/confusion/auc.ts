/**
 * `AUC`, as `keras.metrics.AUC`: the area under the ROC or precision-recall curve, approximated
 * by a Riemann sum over the confusion counts at `numThresholds` thresholds (see `auc_area.ts`).
 */
import { type KerasArgs, kerasClassName, signature } from '../../arguments/signature.js';
import * as ops from '../../ops/index.js';
import { tensor } from '../../tensor/create.js';
import { keep } from '../../tensor/scope.js';
import type { DType, Shape, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonRepr } from '../../utils/python_repr.js';
import { Metric, type MetricArgs } from '../metric.js';
import { type AucCurve, type AucSummation, area, parseCurve, parseSummation } from './auc_area.js';
import { EPSILON, isEvenlyDistributed } from './thresholds.js';
import { type ConfusionSettings, type ConfusionVariables, updateConfusion } from './update.js';

/** Options of {@link AUC}. */
export interface AUCArgs extends MetricArgs {
  /** How many evenly spaced thresholds discretise the curve (more: a closer approximation). Default 200; ignored when `thresholds` is given. */
  numThresholds?: number;
  /** `'ROC'` (default), `'PR'` (precision-recall) or `'PRGAIN'` (precision-recall-gain); lowercase accepted. */
  curve?: string;
  /** `'interpolation'` (default; for PR, interpolated as Davis & Goadrich), `'minoring'` or `'majoring'` Riemann sums. */
  summationMethod?: string;
  /** Thresholds in [0, 1] to use instead of evenly spaced ones (0 - ε and 1 + ε are added). */
  thresholds?: number[] | null;
  /** Treats each last-axis column as its own label and averages their AUCs, instead of flattening. Default false. */
  multiLabel?: boolean;
  /** With `multiLabel`, the number of labels, so that the state is created at once; otherwise on the first batch. */
  numLabels?: number | null;
  /** Non-negative weights of the labels: of their AUCs in the average with `multiLabel`, of their values otherwise. */
  labelWeights?: number[] | null;
  /** Whether predictions are logits (a sigmoid is applied first). Default false. */
  fromLogits?: boolean;
}

type AUCParams = KerasArgs<
  [
    numThresholds: number,
    curve: string,
    summationMethod: string,
    name: string | null,
    dtype: DType | null,
    thresholds: number[] | null,
    multiLabel: boolean,
    numLabels: number | null,
    labelWeights: number[] | null,
    fromLogits: boolean,
  ],
  AUCArgs
>;

/**
 * The approximate area under the ROC or PR curve, as `keras.metrics.AUC`. Labels must be in
 * [0, 1] (a ValueError names the first that is not); predictions are clipped to [0, 1].
 *
 * @example
 * const m = new AUC({ numThresholds: 3 });
 * m.updateState(tensor([0, 0, 1, 1]), tensor([0, 0.5, 0.3, 0.9]));
 * m.resultValue(); // 0.75
 */
export class AUC extends Metric {
  static override className = 'AUC';
  static override readonly signature = signature<AUCArgs>()({
    numThresholds: 200,
    curve: 'ROC',
    summationMethod: 'interpolation',
    name: null,
    dtype: null,
    thresholds: null,
    multiLabel: false,
    numLabels: null,
    labelWeights: null,
    fromLogits: false,
  });
  /** The number of thresholds, the two outside [0, 1] included. */
  readonly numThresholds: number;
  readonly curve: AucCurve;
  readonly summationMethod: AucSummation;
  readonly multiLabel: boolean;
  readonly numLabels: number | null;
  readonly fromLogits: boolean;
  private readonly labelWeightValues: number[] | null;
  private readonly allThresholds: number[];
  private readonly labelWeights: Tensor | null;
  private readonly initFromThresholds: boolean;
  private readonly settings: ConfusionSettings;
  private counts: Required<ConfusionVariables> | null = null;

  /** `new AUC()`, `new AUC(100, 'PR')` or `new AUC({ curve: 'PR', multiLabel: true })`. */
  constructor(...args: AUCParams) {
    const a = AUC.signature.resolve(args, new.target);
    const thresholds = innerThresholds(a.thresholds, a.numThresholds);
    const curve = parseCurve(a.curve);
    const summationMethod = parseSummation(a.summationMethod);
    if (!a.multiLabel && a.numLabels) throw new ValueError('`num_labels` is needed only when `multi_label` is True.');
    super({ name: a.name, dtype: a.dtype });
    this.numThresholds = thresholds.length + 2;
    this.curve = curve;
    this.summationMethod = summationMethod;
    this.multiLabel = a.multiLabel;
    this.numLabels = a.numLabels;
    this.fromLogits = a.fromLogits;
    this.initFromThresholds = a.thresholds !== null;
    this.labelWeightValues = a.labelWeights;
    this.allThresholds = [0 - EPSILON, ...thresholds, 1 + EPSILON];
    // Keras tests the list with its ends at 0 and 1 for even spacing (given thresholds), or knows it.
    const evenly = a.thresholds === null || isEvenlyDistributed([0, ...thresholds, 1]);
    this.labelWeights = a.labelWeights === null ? null : keep(tensor(Float32Array.from(a.labelWeights)));
    this.settings = {
      thresholds: Float32Array.from(this.allThresholds),
      evenly,
      multiLabel: a.multiLabel,
      labelWeights: a.multiLabel ? null : this.labelWeights,
      checkLabels: true,
      fromLogits: a.fromLogits,
    };
    if (!a.multiLabel) this.build(null);
    else if (a.numLabels) this.build(a.numLabels);
  }

  /** Every threshold, the two outside [0, 1] included. */
  get thresholds(): number[] {
    return [...this.allThresholds];
  }

  override updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | number): void {
    const counts = this.counts ?? this.build(multiLabelCount(yPred.shape));
    updateConfusion(kerasClassName(this.constructor), counts, yTrue, yPred, sampleWeight, this.settings);
  }

  /** The area under the curve (with `multiLabel`, the labels' areas averaged, weighted by `labelWeights` if given). */
  override result(): Tensor {
    if (this.counts === null) throw new ValueError(`${this.name}: the number of labels is not known before the first updateState (give numLabels to AUC with multiLabel)`);
    const c = this.counts;
    const areas = area(this.curve, this.summationMethod, { tp: c.truePositives.value, fp: c.falsePositives.value, tn: c.trueNegatives.value, fn: c.falseNegatives.value });
    if (!this.multiLabel) return ops.sum(areas);
    const byLabel = ops.sum(areas, 0);
    if (this.labelWeights === null) return ops.mean(byLabel);
    const weighted = ops.sum(ops.multiply(byLabel, this.labelWeights));
    const total = ops.sum(this.labelWeights);
    return ops.where(ops.equal(total, 0), 0, ops.divide(weighted, total));
  }

  override getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      ...super.getConfig(),
      num_thresholds: this.numThresholds,
      curve: this.curve,
      summation_method: this.summationMethod,
      multi_label: this.multiLabel,
      num_labels: this.numLabels,
      label_weights: this.labelWeightValues,
      from_logits: this.fromLogits,
    };
    // Only thresholds given by the user are written, without the two ends added.
    if (this.initFromThresholds) config.thresholds = this.thresholds.slice(1, -1);
    return config;
  }

  override dispose(): void {
    super.dispose();
    this.labelWeights?.dispose();
  }

  /** Creates the four counts: `[numThresholds]`, or `[numThresholds, labels]` with `multiLabel`. */
  private build(labels: number | null): Required<ConfusionVariables> {
    const shape = labels === null ? [this.numThresholds] : [this.numThresholds, labels];
    this.counts = {
      truePositives: this.addVariable('true_positives', shape),
      falsePositives: this.addVariable('false_positives', shape),
      trueNegatives: this.addVariable('true_negatives', shape),
      falseNegatives: this.addVariable('false_negatives', shape),
    };
    return this.counts;
  }
}

/** The number of labels of multi-label predictions: the last axis of a rank-2 shape. */
function multiLabelCount(shape: Shape): number {
  if (shape.length !== 2) {
    throw new ValueError(`\`y_pred\` must have rank 2 when \`multi_label=True\`. Found rank ${shape.length}. Full shape received for \`y_pred\`: ${formatShape(shape)}`);
  }
  return shape[1]!;
}

/** The thresholds inside [0, 1]: the given ones sorted, or `numThresholds - 2` evenly spaced. */
function innerThresholds(thresholds: number[] | null, numThresholds: number): number[] {
  if (thresholds !== null) return [...thresholds].sort((x, y) => x - y);
  if (!(numThresholds > 1)) throw new ValueError(`Argument \`num_thresholds\` must be an integer > 1. Received: num_thresholds=${pythonRepr(numThresholds)}`);
  return Array.from({ length: numThresholds - 2 }, (_, i) => ((i + 1) * 1.0) / (numThresholds - 1));
}

