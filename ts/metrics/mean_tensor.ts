/** `MeanTensor`: the element-wise running mean of tensors of one shape. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import { standardizeShape } from '../arguments/shape.js';
import type { Variable } from '../engine/variable.js';
import * as ops from '../ops/index.js';
import { tidy } from '../tensor/scope.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { formatShape } from '../utils/python_repr.js';
import { Metric, type MetricArgs } from './metric.js';

/** Options of {@link MeanTensor}. */
export interface MeanTensorArgs extends MetricArgs {
  /** The shape of the values; null: the shape of the first values seen. Default null. */
  shape?: number[] | null;
}

/**
 * The element-wise (weighted) mean of tensors, as tf.keras 2's `tf.keras.metrics.MeanTensor`
 * (Keras 3 dropped it): every update must have the shape of the first (or of `shape`), and the
 * result has that shape. Weights of one per sample, or any
 * that broadcast to the values, weigh each value.
 *
 * @example
 * const m = new MeanTensor();
 * m.updateState(tensor([0, 1, 2, 3]));
 * m.updateState(tensor([4, 5, 6, 7]));
 * m.result(); // [2, 3, 4, 5]
 */
export class MeanTensor extends Metric {
  static override className = 'MeanTensor';
  static override readonly signature = signature<MeanTensorArgs>()({ name: 'mean_tensor', dtype: null, shape: null });
  private state: { shape: number[]; total: Variable; count: Variable } | null = null;

  /** `new MeanTensor()`, `new MeanTensor('m', null, [2, 3])` or `new MeanTensor({ shape: [2, 3] })`. */
  constructor(...args: KerasArgs<[name: string | null, dtype: DType | null, shape: number[] | null], MeanTensorArgs>) {
    const a = MeanTensor.signature.resolve(args, new.target);
    super({ name: a.name, dtype: a.dtype });
    if (a.shape !== null) this.build(standardizeShape(a.shape) as number[]);
  }

  /** Adds `values` (optionally weighted) to the running element-wise sums. */
  override updateState(values: Tensor, sampleWeight?: Tensor | number): void {
    tidy(() => {
      const state = this.state ?? this.build([...values.shape]);
      if (formatShape(values.shape) !== formatShape(state.shape)) {
        throw new ValueError(
          `MeanTensor input values must always have the same shape. Expected shape (set during the first call): ${formatShape(state.shape)}. Got: ${formatShape(values.shape)}.`,
        );
      }
      let [v, w] = [ops.cast(values, 'float32'), ops.ones(values.shape)];
      if (sampleWeight !== undefined) [v, w] = weighted(v, ops.cast(sampleWeight, 'float32'));
      state.total.assign(ops.add(state.total.value, v));
      state.count.assign(ops.add(state.count.value, w));
    });
  }

  /** The element-wise mean (0 where nothing was counted). */
  override result(): Tensor {
    const state = this.state;
    if (!state) {
      throw new ValueError('MeanTensor does not have any value yet. Please call the MeanTensor instance or use `.update_state(value)` before retrieving the result.');
    }
    return tidy(() => ops.divide(state.total.value, ops.maximum(state.count.value, 1e-30)));
  }

  private build(shape: number[]): NonNullable<MeanTensor['state']> {
    this.state = { shape, total: this.addVariable('total', shape), count: this.addVariable('count', shape) };
    return this.state;
  }
}

/**
 * The weighted values and the weight counted for each, as tf.keras's MeanTensor: weights of one
 * rank less than the values gain a trailing axis, then broadcast to the values.
 */
function weighted(values: Tensor, sampleWeight: Tensor | number): [Tensor, Tensor] {
  const w = typeof sampleWeight !== 'number' && sampleWeight.rank === values.rank - 1 ? ops.expandDims(sampleWeight, -1) : sampleWeight;
  return [ops.multiply(values, w), ops.multiply(ops.ones(values.shape), w)];
}
