/**
 * `maxPool` and `averagePool`, as `keras.ops.max_pool` / `average_pool`: windows over 1, 2 or 3
 * spatial dimensions (the input's rank minus 2), `'valid'` or TensorFlow's `'same'` padding, in
 * `channels_last` (default) or `channels_first` layout. Average pooling does not count padded
 * cells; the max-pool gradient goes to the first maximum of each window, both as TensorFlow.
 * The kernels (forward and backward) run in Rust, in parallel over disjoint output chunks. On a
 * KerasTensor they record Keras's `MaxPool` / `AveragePool` nodes.
 */
import { REQUIRED, signature } from '../arguments/signature.js';
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type TensorArg, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import { type DataFormat, standardizeDataFormat } from '../arguments/data_format.js';
import type { PoolPadding } from '../arguments/padding.js';
import { standardizeTuple } from '../arguments/tuples.js';
import { poolingOutputShape, poolingPadding } from './output_shape.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { type TensorSpec, requireFloat } from './symbolic/spec.js';

export type { DataFormat } from '../arguments/data_format.js';
export type { PoolPadding } from '../arguments/padding.js';

interface PoolConfig {
  poolSize: number | number[];
  strides: number | number[] | null;
  padding: PoolPadding;
  dataFormat: DataFormat;
}

/** The checked window of a pooling of `x`: sizes and strides per spatial axis. */
function window(name: string, x: TensorSpec, { poolSize, strides }: PoolConfig): { size: number[]; step: number[] } {
  const spatial = x.shape.length - 2;
  if (spatial < 1 || spatial > 3) {
    throw new ValueError(`${name}: inputs must have rank 3, 4 or 5 (1, 2 or 3 spatial dimensions), received shape (${x.shape.map((d) => d ?? 'None').join(', ')})`);
  }
  return { size: standardizeTuple(poolSize, spatial, 'pool_size'), step: standardizeTuple(strides ?? poolSize, spatial, 'strides') };
}

function poolOp(className: string, op: 'max_pool' | 'average_pool', name: string) {
  const cls = defineOp<[inputs: Tensor], Record<string, never>, PoolConfig>({
    className, module: 'keras.src.ops.nn',
    config: signature<PoolConfig>()({ poolSize: REQUIRED, strides: null, padding: 'valid', dataFormat: 'channels_last' }),
    compute: ([inputs], _, config) => withTensors(name, { inputs }, (x) => {
      const { size, step } = window(name, x, config);
      const same = poolingPadding(config.padding) === 'same';
      const last = standardizeDataFormat(config.dataFormat) === 'channels_last';
      return wrap(name, call(name, (w: Glue) => w[op](x.handle, Uint32Array.from(size), Uint32Array.from(step), same, last)));
    }),
    outputSpec: ([x], _, config) => {
      requireFloat(name, x);
      const { size, step } = window(name, x, config);
      return { shape: poolingOutputShape(x.shape, size, step, poolingPadding(config.padding), standardizeDataFormat(config.dataFormat)), dtype: 'float32' };
    },
  });
  return <X extends TensorArg>(inputs: X, poolSize: number | number[], strides: number | number[] | null = null,
    padding: PoolPadding = 'valid', dataFormat: DataFormat | null = null): OpResult<X> =>
    cls.invoke({ poolSize, strides, padding: poolingPadding(padding), dataFormat: standardizeDataFormat(dataFormat) }, [inputs]);
}

/**
 * Max pooling: the maximum of each `poolSize` window, moved by `strides` (default: `poolSize`).
 * @example ops.maxPool(images, 2) // (batch, 28, 28, c) → (batch, 14, 14, c)
 */
export const maxPool = poolOp('MaxPool', 'max_pool', 'maxPool');

/**
 * Average pooling: the mean of each `poolSize` window's real cells, moved by `strides`
 * (default: `poolSize`); with `'same'` padding the border windows average fewer cells.
 */
export const averagePool = poolOp('AveragePool', 'average_pool', 'averagePool');
