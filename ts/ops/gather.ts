/**
 * Gathering by index, as in `keras.ops`: `take` (whose gradient scatter-adds into the input,
 * repeated indices accumulating) and `oneHot`.
 */
import { call } from '../runtime/binding.js';
import { tensor } from '../tensor/create.js';
import { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { requireTensor } from './operands.js';
import { wrap } from '../tensor/create.js';

function integer(op: string, arg: string, value: unknown): number {
  if (!Number.isInteger(value) || Math.abs(value as number) > 0x7fffffff) {
    throw new ValueError(`${op}: '${arg}' must be an integer, received ${JSON.stringify(value)}`);
  }
  return value as number;
}

/**
 * The slices of `x` at `indices` along `axis` (null: of the flattened `x`). The output shape is
 * `x.shape[:axis] + indices.shape + x.shape[axis+1:]`. Indices are an int32 (or whole-number
 * float32) tensor or an array of integers, each in `[0, x.shape[axis])`.
 */
export function take(x: Tensor, indices: Tensor | number[], axis: number | null = null): Tensor {
  const t = requireTensor(x, 'x', 'take');
  const ax = axis === null || axis === undefined ? undefined : integer('take', 'axis', axis);
  if (indices instanceof Tensor) {
    const i = requireTensor(indices, 'indices', 'take');
    return wrap('take', call('take', (w) => w.take(t.handle, i.handle, ax)));
  }
  if (!Array.isArray(indices) || !indices.every((v) => Number.isInteger(v))) {
    throw new ValueError(`take: 'indices' must be a Tensor or an array of integers, received ${JSON.stringify(indices)}`);
  }
  const temporary = tensor(Int32Array.from(indices), [indices.length], 'int32');
  try {
    return wrap('take', call('take', (w) => w.take(t.handle, temporary.handle, ax)));
  } finally {
    temporary.dispose();
  }
}

/**
 * A float32 one-hot encoding of the integer tensor `x`, with a new axis of `numClasses` at
 * `axis`. Out-of-range indices give an all-zero row, as in TensorFlow. It has no gradient.
 */
export function oneHot(x: Tensor, numClasses: number, axis = -1): Tensor {
  const t = requireTensor(x, 'x', 'oneHot');
  const classes = integer('oneHot', 'numClasses', numClasses);
  const ax = integer('oneHot', 'axis', axis);
  return wrap('oneHot', call('oneHot', (w) => w.one_hot(t.handle, classes, ax)));
}
