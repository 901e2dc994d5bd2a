/**
 * `matmul(x1, x2)`, as `keras.ops.matmul` (NumPy's rules): the last two axes multiply, leading
 * batch axes broadcast, and a 1-D operand is a row (x1) or column (x2) vector whose axis is
 * dropped from the result. float32 only. On KerasTensors it records Keras's `Matmul` node.
 */
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { type TensorArg, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import { matmulShape } from './output_shape.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { requireFloat } from './symbolic/spec.js';

const Matmul = defineOp<[x1: Tensor, x2: Tensor]>({
  className: 'Matmul', module: 'keras.src.ops.numpy',
  compute: ([x1, x2]) => withTensors('matmul', { x1, x2 }, (a, b) => wrap('matmul', call('matmul', (w: Glue) => w.matmul(a.handle, b.handle)))),
  outputSpec: ([x1, x2]) => {
    requireFloat('matmul', x1, x2);
    return { shape: matmulShape(x1.shape, x2.shape), dtype: 'float32' };
  },
});

/** The matrix product of `x1` and `x2`, batched and broadcast over leading axes. */
export function matmul<A extends TensorArg, B extends TensorArg>(x1: A, x2: B): OpResult<A | B> {
  return Matmul.invoke({}, [x1, x2]);
}
