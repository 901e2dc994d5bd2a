/** Mean squared logarithmic error: `mean(square(log(max(yPred, 1e-7) + 1) - log(max(yTrue, 1e-7) + 1)), axis=-1)`. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type BasicLossArgs, LossFunctionWrapper, basicLossSignature } from './loss_function_wrapper.js';
import { EPSILON, alignTargets, checkBroadcastable } from './utils.js';

/** `log(max(x, 1e-7) + 1)`: Keras replaces negative values and 0 by its epsilon before the log. */
function logOnePlus(x: Tensor): Tensor {
  return ops.log(ops.add(ops.maximum(x, EPSILON), 1));
}

/** The per-sample mean squared logarithmic error over the last axis, as `keras.losses.mean_squared_logarithmic_error`. */
export function meanSquaredLogarithmicError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkBroadcastable('mean_squared_logarithmic_error', t, p);
  return ops.mean(ops.square(ops.subtract(logOnePlus(p), logOnePlus(t))), -1);
}

/**
 * Mean squared logarithmic error between targets and predictions, as
 * `keras.losses.MeanSquaredLogarithmicError`.
 *
 * @example
 * new MeanSquaredLogarithmicError().apply(tensor([[0, 1]]), tensor([[1, 1]])); // log(2)² / 2
 */
export class MeanSquaredLogarithmicError extends LossFunctionWrapper {
  static override className = 'MeanSquaredLogarithmicError';
  static override readonly signature = basicLossSignature('mean_squared_logarithmic_error');

  /** `new MeanSquaredLogarithmicError()`, `new MeanSquaredLogarithmicError('sum')` or `new MeanSquaredLogarithmicError({ reduction: 'sum', name: '…' })`. */
  constructor(...args: BasicLossArgs) {
    const a = MeanSquaredLogarithmicError.signature.resolve(args, new.target);
    super(meanSquaredLogarithmicError, a.reduction, a.name, a.dtype);
  }
}
