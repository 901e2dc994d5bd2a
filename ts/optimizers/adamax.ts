/** `Adamax`: Adam with the infinity norm in place of the second moment. */
import type { KerasArgs } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LearningRate, Optimizer, type OptimizerArgs, type Slots, optimizerSignature } from './optimizer.js';
import * as updates from './updates.js';

/** Options of {@link Adamax}. */
export interface AdamaxArgs extends OptimizerArgs {
  /** Default 0.001. */
  learningRate?: LearningRate;
  /** Decay rate of the first moment. Default 0.9. */
  beta1?: number;
  /** Decay rate of the infinity norm. Default 0.999. */
  beta2?: number;
  /** Added to the denominator for numerical stability. Default 1e-7. */
  epsilon?: number;
}

/**
 * Adamax, as `keras.optimizers.Adamax`: `m` is Adam's first moment (`momentum`), `u =
 * max(beta2 * u, |g|)` its exponentially weighted infinity norm (`norm`), and
 * `w -= lr * m / ((1 - beta1^t) * (u + epsilon))`.
 *
 * @example
 * model.compile({ optimizer: new Adamax(0.002), loss: 'mse' });
 * model.compile({ optimizer: new Adamax({ learningRate: 0.002, beta2: 0.99 }), loss: 'mse' });
 */
export class Adamax extends Optimizer {
  static override readonly className: string = 'Adamax';
  static override readonly signature = optimizerSignature<AdamaxArgs>()({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(...args: KerasArgs<[learningRate: LearningRate, beta1: number, beta2: number, epsilon: number], AdamaxArgs>) {
    const { beta1, beta2, epsilon, ...base } = Adamax.signature.resolve(args, new.target);
    super(base);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  protected override slotNames(): string[] {
    return ['momentum', 'norm'];
  }

  protected override updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void {
    updates.adamaxUpdate(variable.value, gradient, { momentum: slots.momentum!.value, norm: slots.norm!.value }, {
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
