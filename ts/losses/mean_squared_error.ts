/** Mean squared error: `mean(square(yTrue - yPred), axis=-1)`. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type BasicLossArgs, LossFunctionWrapper, basicLossSignature } from './loss_function_wrapper.js';
import { alignTargets, checkBroadcastable } from './utils.js';

/** The per-sample mean squared error over the last axis, as `keras.losses.mean_squared_error`. */
export function meanSquaredError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkBroadcastable('mean_squared_error', t, p);
  return ops.mean(ops.square(ops.subtract(t, p)), -1);
}

/**
 * Mean of squares of errors between targets and predictions, as `keras.losses.MeanSquaredError`.
 *
 * @example
 * const loss = new MeanSquaredError();
 * loss.apply(tensor([[0, 1]]), tensor([[1, 1]])); // 0.5
 */
export class MeanSquaredError extends LossFunctionWrapper {
  static override className = 'MeanSquaredError';
  static override readonly signature = basicLossSignature('mean_squared_error');

  /** `new MeanSquaredError()`, `new MeanSquaredError('sum')` or `new MeanSquaredError({ reduction: 'sum', name: '…' })`. */
  constructor(...args: BasicLossArgs) {
    const a = MeanSquaredError.signature.resolve(args, new.target);
    super(meanSquaredError, a.reduction, a.name, a.dtype);
  }
}
