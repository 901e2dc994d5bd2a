/** Categorical hinge loss: `max(max((1 - yTrue) * yPred) - sum(yTrue * yPred) + 1, 0)`. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type BasicLossArgs, LossFunctionWrapper, basicLossSignature } from './loss_function_wrapper.js';
import { alignTargets, checkBroadcastable } from './utils.js';

/**
 * The per-sample categorical hinge loss, as `keras.losses.categorical_hinge`: the best wrong
 * class's score minus the true class's score, plus a margin of 1, floored at 0.
 */
export function categoricalHinge(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkBroadcastable('categorical_hinge', t, p);
  const positive = ops.sum(ops.multiply(t, p), -1);
  const negative = ops.max(ops.multiply(ops.subtract(1, t), p), -1);
  return ops.maximum(ops.add(ops.subtract(negative, positive), 1), 0);
}

/**
 * The categorical hinge loss between one-hot targets and predicted scores, as `keras.losses.CategoricalHinge`.
 *
 * @example
 * new CategoricalHinge().apply(tensor([[0, 1, 0]]), tensor([[0.2, 0.5, 0.3]])); // 0.8
 */
export class CategoricalHinge extends LossFunctionWrapper {
  static override className = 'CategoricalHinge';
  static override readonly signature = basicLossSignature('categorical_hinge');

  /** `new CategoricalHinge()`, `new CategoricalHinge('sum')` or `new CategoricalHinge({ reduction: 'sum', name: '…' })`. */
  constructor(...args: BasicLossArgs) {
    const a = CategoricalHinge.signature.resolve(args, new.target);
    super(categoricalHinge, a.reduction, a.name, a.dtype);
  }
}
