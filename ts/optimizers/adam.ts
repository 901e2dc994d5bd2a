/** `Adam`: adaptive moment estimation. */
import type { KerasArgs } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LearningRate, Optimizer, type OptimizerArgs, type Slots, optimizerSignature } from './optimizer.js';
import * as updates from './updates.js';

/** Options of {@link Adam}. */
export interface AdamArgs extends OptimizerArgs {
  /** Default 0.001. */
  learningRate?: LearningRate;
  /** Decay rate of the first-moment estimates. Default 0.9. */
  beta1?: number;
  /** Decay rate of the second-moment estimates. Default 0.999. */
  beta2?: number;
  /** Added to the denominator for numerical stability. Default 1e-7. */
  epsilon?: number;
  /** Use the AMSGrad variant (the maximum of past second moments). Default false. */
  amsgrad?: boolean;
}

/**
 * Adam, as `keras.optimizers.Adam`: bias-corrected running means of the gradient (`momentum`)
 * and of its square (`velocity`) scale each step.
 *
 * @example
 * model.compile({ optimizer: new Adam(1e-3), loss: 'mse' });
 * model.compile({ optimizer: new Adam({ learningRate: 1e-3, beta1: 0.8 }), loss: 'mse' });
 */
export class Adam extends Optimizer {
  static override readonly className: string = 'Adam';
  static override readonly signature = optimizerSignature<AdamArgs>()({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false });
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(...args: KerasArgs<[learningRate: LearningRate, beta1: number, beta2: number, epsilon: number, amsgrad: boolean], AdamArgs>) {
    const { beta1, beta2, epsilon, amsgrad, ...base } = Adam.signature.resolve(args, new.target);
    super(base);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.amsgrad = amsgrad;
  }

  protected override slotNames(): string[] {
    return this.amsgrad ? ['momentum', 'velocity', 'velocity_hat'] : ['momentum', 'velocity'];
  }

  protected override updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void {
    const m = slots.momentum!.value;
    const v = slots.velocity!.value;
    updates.adamUpdate(variable.value, gradient, { m, v, vhat: slots.velocity_hat?.value ?? null }, {
      learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      amsgrad: this.amsgrad,
      iterations: this.iterations,
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}
