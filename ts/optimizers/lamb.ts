/** `Lamb`: Adam with a per-weight trust ratio, for large-batch training. */
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Slots } from './optimizer.js';
import { type MomentArgs, MomentOptimizer } from './moment_optimizer.js';
import * as updates from './updates.js';

/** Options of {@link Lamb}. */
export type LambArgs = MomentArgs;

/**
 * LAMB, as `keras.optimizers.Lamb` (You et al., 2019): Adam's bias-corrected step, scaled for
 * each weight by `‖w‖ / ‖step‖` (1 when either is zero), so that every layer moves by a similar
 * fraction of its size.
 *
 * @example
 * model.compile({ optimizer: new Lamb(1e-3), loss: 'mse' });
 * model.compile({ optimizer: new Lamb({ learningRate: 1e-3, beta1: 0.8 }), loss: 'mse' });
 */
export class Lamb extends MomentOptimizer {
  static override readonly className: string = 'Lamb';

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
}
