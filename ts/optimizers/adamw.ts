/** `AdamW`: Adam with decoupled weight decay on by default. */
import type { KerasArgs } from '../arguments/signature.js';
import { ValueError } from '../utils/errors.js';
import { Adam, type AdamArgs } from './adam.js';
import { type LearningRate, optimizerSignature } from './optimizer.js';

/** Options of {@link AdamW}. */
export interface AdamWArgs extends AdamArgs {
  /** Decoupled weight decay: each step also does `w -= w * weightDecay * learningRate`. Default 0.004; null is refused. */
  weightDecay?: number;
}

/**
 * AdamW, as `keras.optimizers.AdamW`: {@link Adam} whose weight decay (applied by the base
 * optimizer before each update, decoupled from the gradient) defaults to 0.004. Its slots,
 * config and saved state are Adam's, with its own class name.
 *
 * @example
 * model.compile({ optimizer: new AdamW(1e-3, 0.01), loss: 'mse' });
 * model.compile({ optimizer: new AdamW({ learningRate: 1e-3, weightDecay: 0.01 }), loss: 'mse' });
 */
export class AdamW extends Adam {
  static override readonly className: string = 'AdamW';
  static override readonly signature = optimizerSignature<AdamWArgs>()({ learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false });

  constructor(...args: KerasArgs<[learningRate: LearningRate, weightDecay: number, beta1: number, beta2: number, epsilon: number, amsgrad: boolean], AdamWArgs>) {
    const resolved = AdamW.signature.resolve(args, new.target);
    if (resolved.weightDecay === null) throw new ValueError('Argument `weight_decay` must be a float. Received: weight_decay=None');
    super(resolved);
  }
}
