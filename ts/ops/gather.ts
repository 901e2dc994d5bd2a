/**
 * Gathering by index, as in `keras.ops`: `take` (whose gradient scatter-adds into the input,
 * repeated indices accumulating) and `oneHot`. On KerasTensors they record Keras's `Take` and
 * `OneHot` nodes.
 */
import { REQUIRED, onlyDefault, signature } from '../arguments/signature.js';
import { call } from '../runtime/binding.js';
import { tensor } from '../tensor/create.js';
import { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type TensorArg, requireTensor } from './operands.js';
import { wrap } from '../tensor/create.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import type { TensorSpec } from './symbolic/spec.js';
import { canonicalizeAxis } from '../arguments/axis.js';

function integer(op: string, arg: string, value: unknown): number {
  if (!Number.isInteger(value) || Math.abs(value as number) > 0x7fffffff) {
    throw new ValueError(`${op}: '${arg}' must be an integer, received ${JSON.stringify(value)}`);
  }
  return value as number;
}

function gather(x: Tensor, indices: Tensor | number[], axis: number | null): Tensor {
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

const Take = defineOp<[x: Tensor, indices: Tensor | number[]], Record<string, never>, { axis: number | null }>({
  className: 'Take', module: 'keras.src.ops.numpy',
  config: signature<{ axis: number | null }>()({ axis: null }),
  compute: ([x, indices], _, { axis }) => gather(x, indices, axis),
  outputSpec: ([x, indices], _, { axis }) => {
    const indicesShape = Array.isArray(indices) ? [indices.length] : (indices as TensorSpec).shape;
    if (axis === null) return { shape: [...indicesShape], dtype: x.dtype };
    const ax = canonicalizeAxis(integer('take', 'axis', axis), x.shape.length);
    return { shape: [...x.shape.slice(0, ax), ...indicesShape, ...x.shape.slice(ax + 1)], dtype: x.dtype };
  },
});

/**
 * The slices of `x` at `indices` along `axis` (null: of the flattened `x`). The output shape is
 * `x.shape[:axis] + indices.shape + x.shape[axis+1:]`. Indices are an int32 (or whole-number
 * float32) tensor or an array of integers, each in `[0, x.shape[axis])`.
 */
export function take<X extends TensorArg, I extends TensorArg | number[]>(x: X, indices: I, axis: number | null = null): OpResult<X | I> {
  return Take.invoke({ axis: axis ?? null }, [x, indices]);
}

interface OneHotConfig {
  numClasses: number;
  axis: number;
  /** Keras's output dtype; kerasm's one-hot is float32. */
  dtype: 'float32';
  sparse: false;
}

const OneHot = defineOp<[x: Tensor], Record<string, never>, OneHotConfig>({
  className: 'OneHot', module: 'keras.src.ops.nn',
  config: signature<OneHotConfig>()({ numClasses: REQUIRED, axis: -1, dtype: onlyDefault('float32' as const), sparse: onlyDefault(false as const) }),
  compute: ([x], _, { numClasses, axis }) => {
    const t = requireTensor(x, 'x', 'oneHot');
    const classes = integer('oneHot', 'numClasses', numClasses);
    const ax = integer('oneHot', 'axis', axis);
    return wrap('oneHot', call('oneHot', (w) => w.one_hot(t.handle, classes, ax)));
  },
  outputSpec: ([x], _, { numClasses, axis }) => {
    const rank = x.shape.length + 1;
    const ax = canonicalizeAxis(integer('oneHot', 'axis', axis), rank);
    return { shape: [...x.shape.slice(0, ax), integer('oneHot', 'numClasses', numClasses), ...x.shape.slice(ax)], dtype: 'float32' };
  },
});

/**
 * A float32 one-hot encoding of the integer tensor `x`, with a new axis of `numClasses` at
 * `axis`. Out-of-range indices give an all-zero row, as in TensorFlow. It has no gradient.
 */
export function oneHot<X extends TensorArg>(x: X, numClasses: number, axis = -1): OpResult<X> {
  return OneHot.invoke({ numClasses, axis, dtype: 'float32', sparse: false }, [x]);
}
