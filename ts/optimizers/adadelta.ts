/** `Adadelta`: steps scaled by running means of squared gradients and of squared updates. */
import type { KerasArgs } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LearningRate, Optimizer, type OptimizerArgs, type Slots, optimizerSignature } from './optimizer.js';
import * as updates from './updates.js';

/** Options of {@link Adadelta}. */
export interface AdadeltaArgs extends OptimizerArgs {
  /** Default 0.001 (the original paper used 1.0). */
  learningRate?: LearningRate;
  /** Decay rate of the running means. Default 0.95. */
  rho?: number;
  /** Added under the square roots for numerical stability. Default 1e-7. */
  epsilon?: number;
}

/**
 * Adadelta, as `keras.optimizers.Adadelta`: with `rms(x) = sqrt(x + epsilon)`, each step
 * `delta = -rms(accumulated_delta_var) * g / rms(accumulated_grad)` and `w += lr * delta`,
 * both running means decaying at `rho`.
 *
 * @example
 * model.compile({ optimizer: new Adadelta(1.0), loss: 'mse' });
 * model.compile({ optimizer: new Adadelta({ learningRate: 1.0, rho: 0.9 }), loss: 'mse' });
 */
export class Adadelta extends Optimizer {
  static override readonly className: string = 'Adadelta';
  static override readonly signature = optimizerSignature<AdadeltaArgs>()({ learningRate: 0.001, rho: 0.95, epsilon: 1e-7 });
  readonly rho: number;
  readonly epsilon: number;

  constructor(...args: KerasArgs<[learningRate: LearningRate, rho: number, epsilon: number], AdadeltaArgs>) {
    const { rho, epsilon, ...base } = Adadelta.signature.resolve(args, new.target);
    super(base);
    this.rho = rho;
    this.epsilon = epsilon;
  }

  protected override slotNames(): string[] {
    return ['accumulated_grad', 'accumulated_delta_var'];
  }

  protected override updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void {
    const slotTensors = { accumulatedGrad: slots.accumulated_grad!.value, accumulatedDeltaVar: slots.accumulated_delta_var!.value };
    updates.adadeltaUpdate(variable.value, gradient, slotTensors, { learningRate, rho: this.rho, epsilon: this.epsilon });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
