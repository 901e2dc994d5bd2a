/** Mean absolute error: `mean(abs(yTrue - yPred), axis=-1)`. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type BasicLossArgs, LossFunctionWrapper, basicLossSignature } from './loss_function_wrapper.js';
import { alignTargets, checkBroadcastable } from './utils.js';

/** The per-sample mean absolute error over the last axis, as `keras.losses.mean_absolute_error`. */
export function meanAbsoluteError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkBroadcastable('mean_absolute_error', t, p);
  return ops.mean(ops.abs(ops.subtract(t, p)), -1);
}

/**
 * Mean of absolute differences between targets and predictions, as `keras.losses.MeanAbsoluteError`.
 *
 * @example
 * new MeanAbsoluteError().apply(tensor([[1, 0.3, 1]]), tensor([[1.9, 0.3, 1.8]])); // 0.5666667
 */
export class MeanAbsoluteError extends LossFunctionWrapper {
  static override className = 'MeanAbsoluteError';
  static override readonly signature = basicLossSignature('mean_absolute_error');

  /** `new MeanAbsoluteError()`, `new MeanAbsoluteError('sum')` or `new MeanAbsoluteError({ reduction: 'sum', name: '…' })`. */
  constructor(...args: BasicLossArgs) {
    const a = MeanAbsoluteError.signature.resolve(args, new.target);
    super(meanAbsoluteError, a.reduction, a.name, a.dtype);
  }
}
