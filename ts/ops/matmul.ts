/**
 * `matmul(x1, x2)`, as `keras.ops.matmul` (NumPy's rules): the last two axes multiply, leading
 * batch axes broadcast, and a 1-D operand is a row (x1) or column (x2) vector whose axis is
 * dropped from the result. float32 only.
 */
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';

/** The matrix product of `x1` and `x2`, batched and broadcast over leading axes. */
export function matmul(x1: Tensor, x2: Tensor): Tensor {
  return withTensors('matmul', { x1, x2 }, (a, b) => wrap('matmul', call('matmul', (w: Glue) => w.matmul(a.handle, b.handle))));
}
