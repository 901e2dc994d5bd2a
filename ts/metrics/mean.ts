/** `Mean`: the (weighted) mean of the values seen so far. */
import * as ops from '../ops/index.js';
import type { Variable } from '../engine/variable.js';
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import { Metric, type MetricArgs } from './metric.js';

/**
 * The running mean of values, as `keras.metrics.Mean`. Values of rank > 1 are first averaged per
 * sample (over every axis but the first); `sampleWeight` (a number, or one weight per sample) weighs them.
 *
 * @example
 * const m = new Mean();
 * m.updateState(tensor([1, 3, 5, 7]));
 * m.resultValue(); // 4
 */
export class Mean extends Metric {
  static readonly className: string = 'Mean';
  private readonly total: Variable;
  private readonly count: Variable;

  constructor(args: MetricArgs = {}) {
    super(args, 'mean');
    this.total = this.addVariable('total');
    this.count = this.addVariable('count');
  }

  override updateState(values: Tensor, sampleWeight?: Tensor | number): void {
    tidy(() => this.accumulate(values, sampleWeight));
  }

  private accumulate(values: Tensor, sampleWeight?: Tensor | number): void {
    const perSample = ops.cast(values.rank > 1 ? ops.mean(values, range(1, values.rank)) : values, 'float32');
    const numSamples = values.rank === 0 ? 1 : values.shape[0]!;
    if (sampleWeight === undefined || typeof sampleWeight === 'number') {
      const w = sampleWeight ?? 1;
      this.total.assign(ops.add(this.total.value, ops.multiply(ops.sum(perSample), w)));
      this.count.assign(ops.add(this.count.value, numSamples * w));
    } else {
      const weights = ops.cast(sampleWeight, 'float32');
      // Each weight applies to perSample.size / weights.size values when it broadcasts.
      const repeat = Math.max(perSample.size, weights.size) / weights.size;
      this.total.assign(ops.add(this.total.value, ops.sum(ops.multiply(perSample, weights))));
      this.count.assign(ops.add(this.count.value, ops.multiply(ops.sum(weights), repeat)));
    }
  }

  /** total / count, or 0 before any update (Keras's `divide_no_nan`). */
  override result(): Tensor {
    return ops.divide(this.total.value, ops.maximum(this.count.value, 1e-30));
  }
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
