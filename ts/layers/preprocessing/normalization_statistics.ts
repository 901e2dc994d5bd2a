/**
 * The statistics `Normalization.adapt()` computes, as Keras computes them: the mean and the
 * population variance (`ddof=0`) of the data over every axis but the kept ones, one value per
 * index of the kept axes (in their order). Keras takes three paths, kept here: a NumPy array is
 * reduced by NumPy (kerasm: nested arrays of numbers, in float64 as `np.mean` / `np.var` of the
 * float64 array Python's numbers make), a tensor by the backend's `ops.mean` / `ops.var` (float32),
 * and an iterable of batches batch by batch, merged with the lack-of-fit sum of squares.
 */
import * as ops from '../../ops/index.js';
import { tidy } from '../../tensor/scope.js';
import type { Tensor } from '../../tensor/tensor.js';

/** Mean and variance, one value per index of the kept axes. */
export interface Moments {
  mean: Float64Array;
  variance: Float64Array;
}

/** Of the values of an array of `shape` (row-major), reduced over every axis not in `keepAxes`, in float64. */
export function arrayMoments(values: readonly number[], shape: readonly number[], keepAxes: readonly number[]): Moments {
  const kept = keptIndexOf(shape, keepAxes);
  const size = keepAxes.reduce((n, a) => n * shape[a]!, 1);
  const perIndex = values.length / size;
  const mean = new Float64Array(size);
  values.forEach((v, i) => (mean[kept(i)]! += v));
  mean.forEach((s, k) => (mean[k] = s / perIndex));
  const variance = new Float64Array(size);
  values.forEach((v, i) => (variance[kept(i)]! += (v - mean[kept(i)]!) ** 2));
  variance.forEach((s, k) => (variance[k] = s / perIndex));
  return { mean, variance };
}

/** The flat index among the kept axes' values of the element at flat index `i` of an array of `shape`. */
function keptIndexOf(shape: readonly number[], keepAxes: readonly number[]): (i: number) => number {
  const strides = shape.map((_, a) => shape.slice(a + 1).reduce((n, d) => n * d, 1));
  return (i) => keepAxes.reduce((k, a) => k * shape[a]! + (Math.floor(i / strides[a]!) % shape[a]!), 0);
}

/** Of a tensor, reduced over `reduceAxes`: `ops.mean` and the mean of the squared deviations, in float32. */
export function tensorMoments(x: Tensor, reduceAxes: readonly number[]): Moments {
  const [mean, variance] = tidy(() => {
    const axes = [...reduceAxes];
    const floats = x.dtype === 'float32' ? x : ops.cast(x, 'float32');
    const keptMean = ops.mean(floats, axes, true);
    return [ops.mean(floats, axes), ops.mean(ops.square(ops.subtract(floats, keptMean)), axes)];
  });
  const moments = { mean: Float64Array.from(mean!.dataSync()), variance: Float64Array.from(variance!.dataSync()) };
  mean!.dispose();
  variance!.dispose();
  return moments;
}

/**
 * Moments merged batch by batch as Keras's `adapt()` merges them: each batch weighs its share of
 * the values seen so far, and the variance adds the squared shift of each mean
 * (the lack-of-fit sum of squares).
 */
export class RunningMoments {
  private count = 0;
  private moments: Moments | null = null;

  /** Adds a batch's moments, computed over `count` values per index. */
  add(batch: Moments, count: number): void {
    this.count += count;
    const batchWeight = count / this.count;
    const existingWeight = 1 - batchWeight;
    const total = this.moments ?? { mean: new Float64Array(batch.mean.length), variance: new Float64Array(batch.mean.length) };
    const mean = total.mean.map((m, k) => m * existingWeight + batch.mean[k]! * batchWeight);
    const variance = total.variance.map((v, k) => {
      const existing = (v + (total.mean[k]! - mean[k]!) ** 2) * existingWeight;
      return existing + (batch.variance[k]! + (batch.mean[k]! - mean[k]!) ** 2) * batchWeight;
    });
    this.moments = { mean, variance };
  }

  /** The merged moments (none before the first batch). */
  result(): Moments | null {
    return this.moments;
  }
}
