/** Poisson loss: `mean(yPred - yTrue * log(yPred + 1e-7), axis=-1)`. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LossArgs, LossFunctionWrapper } from './loss.js';
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
  static readonly className: string = 'Poisson';

  constructor(args: LossArgs = {}) {
    super(poisson, args, 'poisson');
  }
}
