/** Kullback-Leibler divergence: `sum(yTrue * log(yTrue / yPred), axis=-1)` over clipped probabilities. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type BasicLossArgs, LossFunctionWrapper, basicLossSignature } from './loss_function_wrapper.js';
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
  static override className = 'KLDivergence';
  static override readonly signature = basicLossSignature('kl_divergence');

  /** `new KLDivergence()`, `new KLDivergence('sum')` or `new KLDivergence({ reduction: 'sum', name: '…' })`. */
  constructor(...args: BasicLossArgs) {
    const a = KLDivergence.signature.resolve(args, new.target);
    super(klDivergence, a.reduction, a.name, a.dtype);
  }
}
