/**
 * `maxPool` and `averagePool`, as `keras.ops.max_pool` / `average_pool`: windows over 1, 2 or 3
 * spatial dimensions (the input's rank minus 2), `'valid'` or TensorFlow's `'same'` padding, in
 * `channels_last` (default) or `channels_first` layout. Average pooling does not count padded
 * cells; the max-pool gradient goes to the first maximum of each window, both as TensorFlow.
 * The kernels (forward and backward) run in Rust, in parallel over disjoint output chunks.
 */
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';

import { withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import { type DataFormat, standardizeDataFormat } from '../arguments/data_format.js';
import type { PoolPadding } from '../arguments/padding.js';
import { poolingPadding } from './output_shape.js';
import { standardizeTuple } from '../arguments/tuples.js';

export type { DataFormat } from '../arguments/data_format.js';
export type { PoolPadding } from '../arguments/padding.js';

function pool(op: 'max_pool' | 'average_pool', name: string, inputs: Tensor, poolSize: number | number[], strides: number | number[] | null | undefined,
  padding: PoolPadding | string, dataFormat: DataFormat | null | undefined): Tensor {
  return withTensors(name, { inputs }, (x) => {
    const spatial = x.shape.length - 2;
    if (spatial < 1 || spatial > 3) {
      throw new ValueError(`${name}: inputs must have rank 3, 4 or 5 (1, 2 or 3 spatial dimensions), received shape (${x.shape.join(', ')})`);
    }
    const size = standardizeTuple(poolSize, spatial, 'pool_size');
    const step = standardizeTuple(strides ?? poolSize, spatial, 'strides');
    const same = poolingPadding(padding) === 'same';
    const last = standardizeDataFormat(dataFormat) === 'channels_last';
    return wrap(name, call(name, (w: Glue) => w[op](x.handle, Uint32Array.from(size), Uint32Array.from(step), same, last)));
  });
}

/**
 * Max pooling: the maximum of each `poolSize` window, moved by `strides` (default: `poolSize`).
 * @example ops.maxPool(images, 2) // (batch, 28, 28, c) → (batch, 14, 14, c)
 */
export const maxPool = (inputs: Tensor, poolSize: number | number[], strides: number | number[] | null = null,
  padding: PoolPadding = 'valid', dataFormat: DataFormat | null = null): Tensor =>
  pool('max_pool', 'maxPool', inputs, poolSize, strides, padding, dataFormat);

/**
 * Average pooling: the mean of each `poolSize` window's real cells, moved by `strides`
 * (default: `poolSize`); with `'same'` padding the border windows average fewer cells.
 */
export const averagePool = (inputs: Tensor, poolSize: number | number[], strides: number | number[] | null = null,
  padding: PoolPadding = 'valid', dataFormat: DataFormat | null = null): Tensor =>
  pool('average_pool', 'averagePool', inputs, poolSize, strides, padding, dataFormat);
