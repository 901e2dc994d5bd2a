/** Mean absolute percentage error: `100 * mean(abs((yTrue - yPred) / max(abs(yTrue), 1e-7)), axis=-1)`. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type BasicLossArgs, LossFunctionWrapper, basicLossSignature } from './loss_function_wrapper.js';
import { EPSILON, alignTargets, checkBroadcastable } from './utils.js';

/**
 * The per-sample mean absolute percentage error over the last axis, as
 * `keras.losses.mean_absolute_percentage_error`; targets near 0 divide by 1e-7 instead.
 */
export function meanAbsolutePercentageError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkBroadcastable('mean_absolute_percentage_error', t, p);
  const ratio = ops.divide(ops.subtract(t, p), ops.maximum(ops.abs(t), EPSILON));
  return ops.multiply(ops.mean(ops.abs(ratio), -1), 100);
}

/**
 * Mean absolute percentage error between targets and predictions, as
 * `keras.losses.MeanAbsolutePercentageError`.
 *
 * @example
 * new MeanAbsolutePercentageError().apply(tensor([[100, 200, 300]]), tensor([[90, 210, 310]])); // 6.111111
 */
export class MeanAbsolutePercentageError extends LossFunctionWrapper {
  static override className = 'MeanAbsolutePercentageError';
  static override readonly signature = basicLossSignature('mean_absolute_percentage_error');

  /** `new MeanAbsolutePercentageError()`, `new MeanAbsolutePercentageError('sum')` or `new MeanAbsolutePercentageError({ reduction: 'sum', name: '…' })`. */
  constructor(...args: BasicLossArgs) {
    const a = MeanAbsolutePercentageError.signature.resolve(args, new.target);
    super(meanAbsolutePercentageError, a.reduction, a.name, a.dtype);
  }
}
