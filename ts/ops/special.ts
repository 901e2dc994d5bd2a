/** Special functions, as in `keras.ops`: `erf`, element-wise, float32, with gradients (Keras's `Erf` node on a KerasTensor). */
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { type TensorArg, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { requireFloat } from './symbolic/spec.js';

const Erf = defineOp<[x: Tensor]>({
  className: 'Erf', module: 'keras.src.ops.math',
  compute: ([x]) => withTensors('erf', { x }, (t) => wrap('erf', call('erf', (w: Glue) => w.erf(t.handle)))),
  outputSpec: ([x]) => {
    requireFloat('erf', x);
    return x;
  },
});

/** The Gauss error function `erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt`, element-wise. */
export function erf<X extends TensorArg>(x: X): OpResult<X> {
  return Erf.invoke({}, [x]);
}
