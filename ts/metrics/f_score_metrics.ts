/**
 * `FBetaScore` and `F1Score`: the weighted harmonic mean of precision and recall, per class or
 * averaged, from true-positive, false-positive and false-negative counts kept as state.
 */
import { type KerasArgs, type Signature, kerasClassName, signature } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import * as ops from '../ops/index.js';
import { tidy } from '../tensor/scope.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr, pythonStr, pythonTypeName } from '../utils/python_repr.js';
import { Metric, type MetricArgs } from './metric.js';

/** Keras's `backend.epsilon()`. */
const EPSILON = 1e-7;

/** How per-class scores are combined. */
export type FScoreAverage = null | 'micro' | 'macro' | 'weighted';

/** Options of {@link F1Score}. */
export interface F1ScoreArgs extends MetricArgs {
  /**
   * null: one score per class; `'micro'`: one score from counts over every class; `'macro'`: the
   * mean of the per-class scores; `'weighted'`: their mean weighted by each class's support. Default null.
   */
  average?: FScoreAverage;
  /** Predictions above it count as positive; null: the arg-max of each row (if not 0) is the one positive. Default null. */
  threshold?: number | null;
}

/** Options of {@link FBetaScore}. */
export interface FBetaScoreArgs extends F1ScoreArgs {
  /** How many times more recall weighs than precision. Default 1. */
  beta?: number;
}

/** The counts the score is computed from: one per class, or one in all for `'micro'`. */
interface Counts {
  truePositives: Variable;
  falsePositives: Variable;
  falseNegatives: Variable;
  /** The (weighted) number of true instances, which `'weighted'` weighs each class by. */
  intermediateWeights: Variable;
}

function checkOptions(average: unknown, beta: unknown, threshold: unknown): void {
  if (average !== null && average !== 'micro' && average !== 'macro' && average !== 'weighted') {
    throw new ValueError(`Invalid \`average\` argument value. Expected one of: {None, 'micro', 'macro', 'weighted'}. Received: average=${pythonStr(average)}`);
  }
  if (typeof beta !== 'number') throw new ValueError(`Invalid \`beta\` argument value. It should be a Python float. Received: beta=${pythonStr(beta)} of type '<class '${pythonTypeName(beta)}'>'`);
  if (beta <= 0) throw new ValueError(`Invalid \`beta\` argument value. It should be > 0. Received: beta=${pythonRepr(beta)}`);
  if (threshold === null) return;
  if (typeof threshold !== 'number') {
    throw new ValueError(`Invalid \`threshold\` argument value. It should be a Python float. Received: threshold=${pythonStr(threshold)} of type '<class '${pythonTypeName(threshold)}'>'`);
  }
  if (threshold > 1 || threshold <= 0) throw new ValueError(`Invalid \`threshold\` argument value. It should verify 0 < threshold <= 1. Received: threshold=${pythonRepr(threshold)}`);
}

const fBetaSignature = signature<FBetaScoreArgs>()({ average: null, beta: 1.0, threshold: null, name: 'fbeta_score', dtype: null });

/**
 * The F-beta score, as `keras.metrics.FBetaScore`: `(1 + beta²) · precision · recall / (beta² ·
 * precision + recall)`, for multi-class and multi-label targets of shape `(batch, classes)`. The
 * counts are created on the first update, sized by the predictions' last axis.
 *
 * @example
 * const m = new FBetaScore({ beta: 2, threshold: 0.5 });
 * m.updateState(tensor([[1, 1, 1], [1, 0, 0], [1, 1, 0]]), tensor([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0]]));
 * m.result(); // [0.3846154, 0.90909094, 0.8333334]
 */
export class FBetaScore extends Metric {
  static override className = 'FBetaScore';
  /** Typed as any signature, so that F1Score declares its own. */
  static override readonly signature: Signature<object> = fBetaSignature;
  readonly average: FScoreAverage;
  readonly beta: number;
  readonly threshold: number | null;
  private counts: Counts | null = null;

  /** `new FBetaScore('macro', 2)` or `new FBetaScore({ average: 'macro', beta: 2 })`. */
  constructor(...args: KerasArgs<[average: FScoreAverage, beta: number, threshold: number | null, name: string | null, dtype: DType | null], FBetaScoreArgs>) {
    const a = fBetaSignature.resolve(args, new.target);
    super({ name: a.name, dtype: a.dtype });
    checkOptions(a.average, a.beta, a.threshold);
    this.average = a.average;
    this.beta = a.beta;
    this.threshold = a.threshold;
  }

  /** Accumulates a batch of `(batch, classes)` targets and scores, optionally weighted per sample. */
  override updateState(yTrue: Tensor, yPred?: Tensor, sampleWeight?: Tensor | number): void {
    if (!yPred) throw new TypeError(`${this.name}.updateState(yTrue, yPred) needs both targets and predictions`);
    tidy(() => {
      const counts = this.counts ?? this.build(yTrue, yPred);
      const truth = ops.cast(yTrue, 'float32');
      const predicted = this.positives(ops.cast(yPred, 'float32'));
      const add = (v: Variable, values: Tensor) => v.assign(ops.add(v.value, this.weightedSum(values, sampleWeight)));
      add(counts.truePositives, ops.multiply(predicted, truth));
      add(counts.falsePositives, ops.multiply(predicted, ops.subtract(1, truth)));
      add(counts.falseNegatives, ops.multiply(ops.subtract(1, predicted), truth));
      add(counts.intermediateWeights, truth);
    });
  }

  /** The score of each class (`average` null), or their average. */
  override result(): Tensor {
    const counts = this.counts;
    if (!counts) throw new ValueError(`${kerasClassName(this.constructor as typeof Metric)} '${this.name}' has no result yet: call updateState() first.`);
    return tidy(() => {
      const tp = counts.truePositives.value;
      const precision = ops.divide(tp, ops.add(ops.add(tp, counts.falsePositives.value), EPSILON));
      const recall = ops.divide(tp, ops.add(ops.add(tp, counts.falseNegatives.value), EPSILON));
      const betaSquared = this.beta ** 2;
      const harmonic = ops.divide(ops.multiply(precision, recall), ops.add(ops.add(ops.multiply(precision, betaSquared), recall), EPSILON));
      const score = ops.multiply(harmonic, 1 + betaSquared);
      if (this.average === 'weighted') {
        const support = counts.intermediateWeights.value;
        return ops.sum(ops.multiply(score, ops.divide(support, ops.add(ops.sum(support), EPSILON))));
      }
      return this.average === null ? score : ops.mean(score);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), average: this.average, beta: this.beta, threshold: this.threshold };
  }

  /** The count variables, sized by the predictions' last axis, as Keras's `_build`. */
  private build(yTrue: Tensor, yPred: Tensor): Counts {
    if (yPred.rank !== 2 || yTrue.rank !== 2) {
      throw new ValueError(
        `${kerasClassName(this.constructor as typeof Metric)} expects 2D inputs with shape (batch_size, output_dim). Received input shapes: y_pred.shape=${pythonRepr(yPred.shape)} and y_true.shape=${pythonRepr(yTrue.shape)}.`,
      );
    }
    const shape = this.average === 'micro' ? [] : [yPred.shape[1]!];
    this.counts = {
      truePositives: this.addVariable('true_positives', shape),
      falsePositives: this.addVariable('false_positives', shape),
      falseNegatives: this.addVariable('false_negatives', shape),
      intermediateWeights: this.addVariable('intermediate_weights', shape),
    };
    return this.counts;
  }

  /** 1 for the predictions counted positive: above `threshold`, or each row's (non-zero) maximum. */
  private positives(yPred: Tensor): Tensor {
    if (this.threshold !== null) return ops.cast(ops.greater(yPred, this.threshold), 'float32');
    const isMax = ops.greaterEqual(yPred, ops.max(yPred, -1, true));
    return ops.cast(ops.logicalAnd(isMax, ops.greater(ops.abs(yPred), 1e-9)), 'float32');
  }

  /** `values` weighted per sample, summed per class (over everything for `'micro'`). */
  private weightedSum(values: Tensor, sampleWeight: Tensor | number | undefined): Tensor {
    let weighted = values;
    if (typeof sampleWeight === 'number') weighted = ops.multiply(values, sampleWeight);
    else if (sampleWeight !== undefined) weighted = ops.multiply(values, ops.expandDims(ops.cast(sampleWeight, 'float32'), 1));
    return ops.sum(weighted, this.average === 'micro' ? null : 0);
  }
}

/**
 * The F1 score, as `keras.metrics.F1Score`: the F-beta score with `beta` 1, the harmonic mean of
 * precision and recall.
 *
 * @example
 * const m = new F1Score({ threshold: 0.5 });
 * m.updateState(tensor([[1, 1, 1], [1, 0, 0], [1, 1, 0]]), tensor([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0]]));
 * m.result(); // [0.5, 0.8, 0.6666667]
 */
export class F1Score extends FBetaScore {
  static override className = 'F1Score';
  static override readonly signature = signature<F1ScoreArgs>()({ average: null, threshold: null, name: 'f1_score', dtype: null });

  /** `new F1Score('macro', 0.5)` or `new F1Score({ average: 'macro', threshold: 0.5 })`. */
  constructor(...args: KerasArgs<[average: FScoreAverage, threshold: number | null, name: string | null, dtype: DType | null], F1ScoreArgs>) {
    const a = F1Score.signature.resolve(args, new.target);
    super({ ...a, beta: 1.0 });
  }

  /** Keras leaves `beta` (always 1) out of F1Score's config. */
  override getConfig(): Record<string, unknown> {
    const { beta: _one, ...config } = super.getConfig();
    return config;
  }
}
