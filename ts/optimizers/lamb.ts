/** `Lamb`: Adam with a per-weight trust ratio, for large-batch training. */
import type { KerasArgs } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { Optimizer, type OptimizerArgs, type Slots, optimizerSignature } from './optimizer.js';
import * as updates from './updates.js';

/** Options of {@link Lamb}. */
export interface LambArgs extends OptimizerArgs {
  /** Default 0.001. */
  learningRate?: number;
  /** Decay rate of the first-moment estimates. Default 0.9. */
  beta1?: number;
  /** Decay rate of the second-moment estimates. Default 0.999. */
  beta2?: number;
  /** Added to the denominator for numerical stability. Default 1e-7. */
  epsilon?: number;
}

/**
 * LAMB, as `keras.optimizers.Lamb` (You et al., 2019): Adam's bias-corrected step, scaled for
 * each weight by `‖w‖ / ‖step‖` (1 when either is zero), so that every layer moves by a similar
 * fraction of its size.
 *
 * @example
 * model.compile({ optimizer: new Lamb(1e-3), loss: 'mse' });
 * model.compile({ optimizer: new Lamb({ learningRate: 1e-3, beta1: 0.8 }), loss: 'mse' });
 */
export class Lamb extends Optimizer {
  static override readonly className: string = 'Lamb';
  static override readonly signature = optimizerSignature<LambArgs>()({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(...args: KerasArgs<[learningRate: number, beta1: number, beta2: number, epsilon: number], LambArgs>) {
    const { beta1, beta2, epsilon, ...base } = Lamb.signature.resolve(args, new.target);
    super(base);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  protected override slotNames(): string[] {
    return ['momentum', 'velocity'];
  }

  protected override updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void {
    updates.lambUpdate(variable.value, gradient, { momentum: slots.momentum!.value, velocity: slots.velocity!.value }, {
      learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      iterations: this.iterations,
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}
