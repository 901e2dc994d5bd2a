/** Log-cosh loss: `mean(log(cosh(yPred - yTrue)), axis=-1)`, computed without overflow. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type BasicLossArgs, LossFunctionWrapper, basicLossSignature } from './loss_function_wrapper.js';
import { alignTargets, checkBroadcastable } from './utils.js';

/**
 * `log(cosh(x)) = x + softplus(-2x) - log(2)` as Keras writes it, with the softplus in its stable
 * form `max(y, 0) + log(1 + exp(-|y|))` so large errors neither overflow nor lose their gradient.
 */
function logCoshOf(x: Tensor): Tensor {
  const y = ops.multiply(x, -2);
  const softplus = ops.add(ops.relu(y), ops.log(ops.add(ops.exp(ops.negative(ops.abs(y))), 1)));
  return ops.subtract(ops.add(x, softplus), Math.LN2);
}

/** The per-sample log-cosh error over the last axis, as `keras.losses.log_cosh`. */
export function logCosh(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkBroadcastable('log_cosh', t, p);
  return ops.mean(logCoshOf(ops.subtract(p, t)), -1);
}

/**
 * The logarithm of the hyperbolic cosine of the prediction error, as `keras.losses.LogCosh`:
 * about `x² / 2` for small errors and `|x| - log(2)` for large ones.
 *
 * @example
 * new LogCosh().apply(tensor([[0, 1]]), tensor([[1, 1]])); // log(cosh(1)) / 2
 */
export class LogCosh extends LossFunctionWrapper {
  static override className = 'LogCosh';
  static override readonly signature = basicLossSignature('log_cosh');

  /** `new LogCosh()`, `new LogCosh('sum')` or `new LogCosh({ reduction: 'sum', name: '…' })`. */
  constructor(...args: BasicLossArgs) {
    const a = LogCosh.signature.resolve(args, new.target);
    super(logCosh, a.reduction, a.name, a.dtype);
  }
}
