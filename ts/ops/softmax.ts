/**
 * `softmax` and `logSoftmax` along any axis, as in `keras.ops`; numerically stable (max-shifted).
 * On KerasTensors they record Keras's `Softmax` / `LogSoftmax` nodes.
 */
import { signature } from '../arguments/signature.js';
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type TensorArg, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { requireFloat } from './symbolic/spec.js';
import { canonicalizeAxis } from '../arguments/axis.js';

function alongAxisOp(className: string, op: 'softmax' | 'log_softmax', name: string) {
  const checkAxis = (axis: unknown): number => {
    if (typeof axis !== 'number' || !Number.isInteger(axis) || Math.abs(axis) > 2 ** 31 - 1) throw new ValueError(`${name}: axis must be an integer, received ${String(axis)}`);
    return axis;
  };
  const cls = defineOp<[x: Tensor], Record<string, never>, { axis: number }>({
    className, module: 'keras.src.ops.nn',
    config: signature<{ axis: number }>()({ axis: -1 }),
    compute: ([x], _, { axis }) => {
      const a = checkAxis(axis);
      return withTensors(name, { x }, (t) => wrap(name, call(name, (w: Glue) => w[op](t.handle, a))));
    },
    outputSpec: ([x], _, { axis }) => {
      requireFloat(name, x);
      canonicalizeAxis(checkAxis(axis), x.shape.length);
      return x;
    },
  });
  return <X extends TensorArg>(x: X, axis = -1): OpResult<X> => cls.invoke({ axis }, [x]);
}

/** `exp(x) / sum(exp(x))` along `axis` (the last by default). */
export const softmax = alongAxisOp('Softmax', 'softmax', 'softmax');
/** `x - log(sum(exp(x)))` along `axis` (the last by default): more accurate than `log(softmax(x))`. */
export const logSoftmax = alongAxisOp('LogSoftmax', 'log_softmax', 'logSoftmax');
