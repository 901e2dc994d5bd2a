/** Squared hinge loss: `mean(square(max(1 - yTrue * yPred, 0)), axis=-1)`. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { hingeMargins } from './hinge.js';
import { type BasicLossArgs, LossFunctionWrapper, basicLossSignature } from './loss_function_wrapper.js';

/** The per-sample squared hinge loss over the last axis, as `keras.losses.squared_hinge` (0 / 1 labels become -1 / 1). */
export function squaredHinge(yTrue: Tensor, yPred: Tensor): Tensor {
  return ops.mean(ops.square(hingeMargins('squared_hinge', yTrue, yPred)), -1);
}

/**
 * The squared hinge loss between labels (-1 / 1, or 0 / 1) and predicted scores, as `keras.losses.SquaredHinge`.
 *
 * @example
 * new SquaredHinge().apply(tensor([[0, 1]]), tensor([[-0.5, 0.3]]))
 */
export class SquaredHinge extends LossFunctionWrapper {
  static override className = 'SquaredHinge';
  static override readonly signature = basicLossSignature('squared_hinge');

  /** `new SquaredHinge()`, `new SquaredHinge('sum')` or `new SquaredHinge({ reduction: 'sum', name: '…' })`. */
  constructor(...args: BasicLossArgs) {
    const a = SquaredHinge.signature.resolve(args, new.target);
    super(squaredHinge, a.reduction, a.name, a.dtype);
  }
}
