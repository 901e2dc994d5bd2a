/** Kullback-Leibler divergence: `sum(yTrue * log(yTrue / yPred), axis=-1)` over clipped probabilities. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LossArgs, LossFunctionWrapper } from './loss.js';
import { EPSILON, alignTargets, checkBroadcastable } from './utils.js';

/** The per-sample KL divergence, as `keras.losses.kl_divergence`: both sides are clipped to [1e-7, 1] first. */
export function klDivergence(yTrue: Tensor, yPred: Tensor): Tensor {
  const [target, output] = alignTargets(yTrue, yPred);
  checkBroadcastable('kl_divergence', target, output);
  const t = ops.clip(target, EPSILON, 1);
  const p = ops.clip(output, EPSILON, 1);
  return ops.sum(ops.multiply(t, ops.log(ops.divide(t, p))), -1);
}

/**
 * Kullback-Leibler divergence between target and predicted distributions, as `keras.losses.KLDivergence`.
 *
 * @example
 * new KLDivergence().apply(tensor([[0.5, 0.5]]), tensor([[0.9, 0.1]]))
 */
export class KLDivergence extends LossFunctionWrapper {
  static readonly className: string = 'KLDivergence';

  constructor(args: LossArgs = {}) {
    super(klDivergence, args, 'kl_divergence');
  }
}
