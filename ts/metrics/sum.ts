/** `Sum`: the (weighted) sum of the values seen so far. */
import * as ops from '../ops/index.js';
import type { Variable } from '../engine/variable.js';
import { sameRank } from '../losses/loss.js';
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import { Metric, type NameDtypeArgs, nameDtypeSignature } from './metric.js';

/**
 * The running sum of values, as `keras.metrics.Sum`; `sampleWeight` (a number, one weight per
 * sample, or one per value) multiplies the values first, as Keras's `reduce_to_samplewise_values`.
 *
 * @example
 * const m = new Sum();
 * m.updateState(tensor([1, 3, 5, 7]));
 * m.resultValue(); // 16
 */
export class Sum extends Metric {
  static override className = 'Sum';
  static override readonly signature = nameDtypeSignature('sum');
  private readonly total: Variable;

  /** `new Sum()`, `new Sum('total')` or `new Sum({ name: 'total' })`. */
  constructor(...args: NameDtypeArgs) {
    const a = Sum.signature.resolve(args, new.target);
    super({ name: a.name, dtype: a.dtype });
    this.total = this.addVariable('total');
  }

  override updateState(values: Tensor, sampleWeight?: Tensor | number): void {
    tidy(() => this.total.assign(ops.add(this.total.value, ops.sum(weighted(ops.cast(values, 'float32'), sampleWeight)))));
  }

  override result(): Tensor {
    return tidy(() => ops.add(this.total.value, 0));
  }
}

/** The values times their weights, the values first summed down to the weights' rank. */
function weighted(values: Tensor, sampleWeight: Tensor | number | undefined): Tensor {
  if (sampleWeight === undefined) return values;
  if (typeof sampleWeight === 'number') return ops.multiply(values, sampleWeight);
  let [v, w] = sameRank(values, ops.cast(sampleWeight, 'float32'));
  if (v.rank > w.rank) v = ops.sum(v, Array.from({ length: v.rank - w.rank }, (_, i) => w.rank + i));
  return ops.multiply(v, w);
}
