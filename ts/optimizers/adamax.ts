/** `Adamax`: Adam with the infinity norm in place of the second moment. */
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Slots } from './optimizer.js';
import { type MomentArgs, MomentOptimizer } from './moment_optimizer.js';
import * as updates from './updates.js';

/** Options of {@link Adamax}. */
export type AdamaxArgs = MomentArgs;

/**
 * Adamax, as `keras.optimizers.Adamax`: `m` is Adam's first moment (`momentum`), `u =
 * max(beta2 * u, |g|)` its exponentially weighted infinity norm (`norm`), and
 * `w -= lr * m / ((1 - beta1^t) * (u + epsilon))`.
 *
 * @example
 * model.compile({ optimizer: new Adamax(0.002), loss: 'mse' });
 * model.compile({ optimizer: new Adamax({ learningRate: 0.002, beta2: 0.99 }), loss: 'mse' });
 */
export class Adamax extends MomentOptimizer {
  static override readonly className: string = 'Adamax';

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
}
