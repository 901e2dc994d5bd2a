/** Special functions, as in `keras.ops`: `erf`, element-wise, float32, with gradients. */
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';

/** The Gauss error function `erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt`, element-wise. */
export const erf = (x: Tensor): Tensor => withTensors('erf', { x }, (t) => wrap('erf', call('erf', (w: Glue) => w.erf(t.handle))));
