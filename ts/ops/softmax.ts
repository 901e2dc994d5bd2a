/** `softmax` and `logSoftmax` along any axis, as in `keras.ops`; numerically stable (max-shifted). */
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';

function alongAxis(op: 'softmax' | 'log_softmax', name: string, x: Tensor, axis: number): Tensor {
  if (!Number.isInteger(axis) || Math.abs(axis) > 2 ** 31 - 1) throw new ValueError(`${name}: axis must be an integer, received ${String(axis)}`);
  return withTensors(name, { x }, (t) => wrap(name, call(name, (w: Glue) => w[op](t.handle, axis))));
}

/** `exp(x) / sum(exp(x))` along `axis` (the last by default). */
export const softmax = (x: Tensor, axis = -1): Tensor => alongAxis('softmax', 'softmax', x, axis);
/** `x - log(sum(exp(x)))` along `axis` (the last by default): more accurate than `log(softmax(x))`. */
export const logSoftmax = (x: Tensor, axis = -1): Tensor => alongAxis('log_softmax', 'logSoftmax', x, axis);
