/** Poisson loss: `mean(yPred - yTrue * log(yPred + 1e-7), axis=-1)`. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type BasicLossArgs, LossFunctionWrapper, basicLossSignature } from './loss_function_wrapper.js';
import { EPSILON, alignTargets, checkBroadcastable } from './utils.js';

/** The per-sample Poisson loss over the last axis, as `keras.losses.poisson` (predictions are rates). */
export function poisson(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkBroadcastable('poisson', t, p);
  return ops.mean(ops.subtract(p, ops.multiply(t, ops.log(ops.add(p, EPSILON)))), -1);
}

/**
 * The Poisson negative log-likelihood (up to a constant) of counts given predicted rates, as
 * `keras.losses.Poisson`.
 *
 * @example
 * new Poisson().apply(tensor([[0, 2]]), tensor([[0.5, 1.5]]))
 */
export class Poisson extends LossFunctionWrapper {
  static override className = 'Poisson';
  static override readonly signature = basicLossSignature('poisson');

  /** `new Poisson()`, `new Poisson('sum')` or `new Poisson({ reduction: 'sum', name: '…' })`. */
  constructor(...args: BasicLossArgs) {
    const a = Poisson.signature.resolve(args, new.target);
    super(poisson, a.reduction, a.name, a.dtype);
  }
}
