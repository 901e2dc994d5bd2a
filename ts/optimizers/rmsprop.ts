/** `RMSprop`: steps scaled by a running mean of squared gradients. */
import type { KerasArgs } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LearningRate, Optimizer, type OptimizerArgs, type Slots, optimizerSignature } from './optimizer.js';
import * as updates from './updates.js';

/** Options of {@link RMSprop}. */
export interface RMSpropArgs extends OptimizerArgs {
  /** Default 0.001. */
  learningRate?: LearningRate;
  /** Discount factor of the running mean of squared gradients. Default 0.9. */
  rho?: number;
  /** Momentum of the steps. Default 0. */
  momentum?: number;
  /** Added to the denominator for numerical stability. Default 1e-7. */
  epsilon?: number;
  /** Normalise by the estimated variance of the gradient rather than its second moment. Default false. */
  centered?: boolean;
}

/**
 * RMSprop, as `keras.optimizers.RMSprop`: `velocity = rho * velocity + (1 - rho) * g²`, then
 * `w -= lr * g / sqrt(velocity + epsilon)` (with momentum and centering when asked).
 *
 * @example
 * model.compile({ optimizer: new RMSprop(1e-3), loss: 'sparse_categorical_crossentropy' });
 */
export class RMSprop extends Optimizer {
  static override readonly className: string = 'RMSprop';
  static override readonly signature = optimizerSignature<RMSpropArgs>()({ learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(...args: KerasArgs<[learningRate: LearningRate, rho: number, momentum: number, epsilon: number, centered: boolean], RMSpropArgs>) {
    const { rho, momentum, epsilon, centered, ...base } = RMSprop.signature.resolve(args, new.target);
    super(base);
    this.rho = rho;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.centered = centered;
  }

  protected override slotNames(): string[] {
    return ['velocity', ...(this.momentum > 0 ? ['momentum'] : []), ...(this.centered ? ['average_gradient'] : [])];
  }

  protected override updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void {
    const slotTensors = {
      velocity: slots.velocity!.value,
      averageGradient: slots.average_gradient?.value ?? null,
      momentum: slots.momentum?.value ?? null,
    };
    updates.rmspropUpdate(variable.value, gradient, slotTensors, {
      learningRate,
      rho: this.rho,
      momentum: this.momentum,
      epsilon: this.epsilon,
      centered: this.centered,
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
