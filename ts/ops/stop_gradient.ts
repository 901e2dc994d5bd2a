/** `stopGradient`, as `keras.ops.stop_gradient`: the same values, through which no gradient flows back. */
import { call } from '../runtime/binding.js';
import { wrap } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';
import { requireTensor } from './operands.js';

/** `x`'s values (shared, not copied) as a tensor that gradients treat as a constant. */
export function stopGradient(x: Tensor): Tensor {
  const t = requireTensor(x, 'variable', 'stop_gradient');
  return wrap('stop_gradient', call('stop_gradient', (w) => w.stop_gradient(t.handle)));
}
