/** `R2Score`: the coefficient of determination, from running sums kept per output. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import { squeezeOrExpandToSameRank } from '../losses/utils.js';
import * as ops from '../ops/index.js';
import { tidy } from '../tensor/scope.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr, pythonStr } from '../utils/python_repr.js';
import { Metric, type MetricArgs } from './metric.js';

/** How the scores of several outputs are combined: null keeps one per output. */
export type ClassAggregation = null | 'uniform_average' | 'variance_weighted_average';

/** Options of {@link R2Score}. */
export interface R2ScoreArgs extends MetricArgs {
  /** `'uniform_average'` (the mean of the outputs' scores), `'variance_weighted_average'` (weighted by each output's variance) or null. Default `'uniform_average'`. */
  classAggregation?: ClassAggregation;
  /** The number of independent variables, for the adjusted R² (0: the plain R²). Default 0. */
  numRegressors?: number;
}

/** The running sums, one entry per output column. */
interface Sums {
  squaredSum: Variable;
  sum: Variable;
  /** The weighted sum of squared residuals (Keras's `residual` variable). */
  totalMse: Variable;
  count: Variable;
}

/**
 * The R² score, as `keras.metrics.R2Score`: `1 - Σ(y - ŷ)² / Σ(y - ȳ)²` per output column of
 * `(batch, outputs)` targets, weighted per sample, then aggregated; with `numRegressors` p > 0 and
 * n values seen, the adjusted `1 - (1 - R²)(n - 1)/(n - p - 1)`, or the plain score where that
 * divides by zero or less (where Keras warns).
 *
 * @example
 * const m = new R2Score();
 * m.updateState(tensor([[1], [4], [3]]), tensor([[2], [4], [4]]));
 * m.resultValue(); // 0.57142854
 */
export class R2Score extends Metric {
  static override className = 'R2Score';
  static override readonly signature = signature<R2ScoreArgs>()({ classAggregation: 'uniform_average', numRegressors: 0, name: 'r2_score', dtype: null });
  readonly classAggregation: ClassAggregation;
  readonly numRegressors: number;
  /** How many target values were seen (every entry, not every sample). */
  private readonly numSamples: Variable;
  private sums: Sums | null = null;

  /** `new R2Score('variance_weighted_average', 2)` or `new R2Score({ numRegressors: 2 })`. */
  constructor(...args: KerasArgs<[classAggregation: ClassAggregation, numRegressors: number, name: string | null, dtype: DType | null], R2ScoreArgs>) {
    const a = R2Score.signature.resolve(args, new.target);
    super({ name: a.name, dtype: a.dtype });
    if (a.classAggregation !== null && a.classAggregation !== 'uniform_average' && a.classAggregation !== 'variance_weighted_average') {
      throw new ValueError(
        `Invalid value for argument \`class_aggregation\`. Expected one of (None, 'uniform_average', 'variance_weighted_average'). Received: class_aggregation=${pythonStr(a.classAggregation)}`,
      );
    }
    if (a.numRegressors < 0) throw new ValueError(`Invalid value for argument \`num_regressors\`. Expected a value >= 0. Received: num_regressors=${pythonRepr(a.numRegressors)}`);
    this.classAggregation = a.classAggregation;
    this.numRegressors = a.numRegressors;
    this.numSamples = this.addVariable('num_samples');
  }

  /** Accumulates a batch of `(batch, outputs)` targets and predictions, optionally weighted per sample. */
  override updateState(yTrue: Tensor, yPred?: Tensor, sampleWeight?: Tensor | number): void {
    if (!yPred) throw new TypeError(`${this.name}.updateState(yTrue, yPred) needs both targets and predictions`);
    tidy(() => {
      const [truth, predicted] = squeezeOrExpandToSameRank(ops.cast(yTrue, 'float32'), ops.cast(yPred, 'float32'));
      const sums = this.sums ?? this.build(truth, predicted);
      let weight = ops.cast(sampleWeight ?? 1, 'float32');
      if (typeof weight !== 'number' && weight.rank === 1) weight = ops.expandDims(weight, 1);
      const weights = ops.add(weight, ops.zeros(truth.shape));
      const weightedTruth = ops.multiply(truth, weights);
      const add = (v: Variable, values: Tensor) => v.assign(ops.add(v.value, ops.sum(values, 0)));
      add(sums.sum, weightedTruth);
      add(sums.squaredSum, ops.multiply(truth, weightedTruth));
      add(sums.totalMse, ops.multiply(ops.square(ops.subtract(truth, predicted)), weights));
      add(sums.count, weights);
      this.numSamples.assign(ops.add(this.numSamples.value, truth.size));
    });
  }

  /** The aggregated (and, with `numRegressors`, adjusted) score; one per output when `classAggregation` is null. */
  override result(): Tensor {
    const sums = this.sums;
    if (!sums) throw new ValueError(`R2Score '${this.name}' has no result yet: call updateState() first.`);
    return tidy(() => {
      const mean = ops.divide(sums.sum.value, sums.count.value);
      const total = ops.subtract(sums.squaredSum.value, ops.multiply(sums.sum.value, mean));
      const raw = ops.subtract(1, ops.divide(sums.totalMse.value, total));
      // An output without variance divides by zero: Keras scores it 0 (a NaN from 0/0 stays NaN).
      const scores = ops.where(ops.equal(ops.abs(raw), Infinity), 0, raw);
      return this.adjusted(this.aggregate(scores, total));
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), class_aggregation: this.classAggregation, num_regressors: this.numRegressors };
  }

  /** The sums, one entry per output column, as Keras's `_build`. */
  private build(yTrue: Tensor, yPred: Tensor): Sums {
    if (yPred.rank !== 2 || yTrue.rank !== 2) {
      throw new ValueError(
        `R2Score expects 2D inputs with shape (batch_size, output_dim). Received input shapes: y_pred.shape=${pythonRepr(yPred.shape)} and y_true.shape=${pythonRepr(yTrue.shape)}.`,
      );
    }
    const shape = [yPred.shape[1]!];
    this.sums = {
      squaredSum: this.addVariable('squared_sum', shape),
      sum: this.addVariable('sum', shape),
      totalMse: this.addVariable('residual', shape),
      count: this.addVariable('count', shape),
    };
    return this.sums;
  }

  private aggregate(scores: Tensor, total: Tensor): Tensor {
    if (this.classAggregation === 'uniform_average') return ops.mean(scores);
    if (this.classAggregation === 'variance_weighted_average') return ops.divide(ops.sum(ops.multiply(total, scores)), ops.sum(total));
    return scores;
  }

  /**
   * The adjusted R² for `numRegressors` p and n values seen; the plain score when p ≥ n - 1. The
   * choice is made in WebAssembly (n is state), so nothing is read back.
   */
  private adjusted(score: Tensor): Tensor {
    if (this.numRegressors === 0) return score;
    const n = this.numSamples.value;
    const p = this.numRegressors;
    const adjusted = ops.subtract(1, ops.divide(ops.multiply(ops.subtract(1, score), ops.subtract(n, 1)), ops.subtract(ops.subtract(n, p), 1)));
    return ops.where(ops.less(p, ops.subtract(n, 1)), adjusted, score);
  }
}
