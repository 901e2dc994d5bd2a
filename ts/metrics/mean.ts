/** `Mean`: the (weighted) mean of the values seen so far. */
import type { Signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import type { Variable } from '../engine/variable.js';
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import { sameRank } from '../losses/loss.js';
import { Metric, type NameDtypeArgs, nameDtypeSignature } from './metric.js';

const meanSignature = nameDtypeSignature('mean');

/**
 * The running mean of values, as `keras.metrics.Mean`. Values of rank > 1 are first averaged per
 * sample (over every axis but the first); `sampleWeight` (a number, or a tensor of one weight per sample,
 * or per value for temporal weights) weighs them as Keras's `reduce_to_samplewise_values` does.
 *
 * @example
 * const m = new Mean();
 * m.updateState(tensor([1, 3, 5, 7]));
 * m.resultValue(); // 4
 */
export class Mean extends Metric {
  static override className = 'Mean';
  /** Typed as any signature, so that each metric built on it declares its own. */
  static override readonly signature: Signature<object> = meanSignature;
  private readonly total: Variable;
  private readonly count: Variable;

  /** `new Mean()`, `new Mean('loss')` or `new Mean({ name: 'loss' })`. */
  constructor(...args: NameDtypeArgs) {
    const a = meanSignature.resolve(args, new.target);
    super({ name: a.name, dtype: a.dtype });
    this.total = this.addVariable('total');
    this.count = this.addVariable('count');
  }

  override updateState(values: Tensor, sampleWeight?: Tensor | number): void {
    tidy(() => this.accumulate(values, sampleWeight));
  }

  private accumulate(values: Tensor, sampleWeight?: Tensor | number): void {
    if (sampleWeight === undefined || typeof sampleWeight === 'number') {
      const w = sampleWeight ?? 1;
      const numSamples = values.rank === 0 ? 1 : values.shape[0]!;
      this.total.assign(ops.add(this.total.value, ops.multiply(ops.sum(meanPerSample(values)), w)));
      this.count.assign(ops.add(this.count.value, numSamples * w));
      return;
    }
    // Keras's `reduce_to_samplewise_values`: values are averaged down to the weights' rank, weighted,
    // then averaged per sample; the count is the weights broadcast to the values, averaged per sample.
    let [v, w] = sameRank(ops.cast(values, 'float32'), ops.cast(sampleWeight, 'float32'));
    if (v.rank > w.rank) v = ops.mean(v, range(w.rank, v.rank));
    // A weight broadcast along the batch axis counts once for each sample it covers.
    const repeat = w.rank === 0 || v.rank === 0 ? 1 : v.shape[0]! / w.shape[0]!;
    this.total.assign(ops.add(this.total.value, ops.sum(meanPerSample(ops.multiply(v, w)))));
    this.count.assign(ops.add(this.count.value, ops.multiply(ops.sum(meanPerSample(w)), repeat)));
  }

  /** total / count, or 0 before any update (Keras's `divide_no_nan`). */
  override result(): Tensor {
    return ops.divide(this.total.value, ops.maximum(this.count.value, 1e-30));
  }
}

/** The mean of each sample's values (over every axis but the first), as float32. */
function meanPerSample(values: Tensor): Tensor {
  return ops.cast(values.rank > 1 ? ops.mean(values, range(1, values.rank)) : values, 'float32');
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
