/** `Nadam`: Adam with Nesterov momentum. */
import { Variable } from '../engine/variable.js';
import { tensor } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Slots } from './optimizer.js';
import { type MomentArgs, MomentOptimizer } from './moment_optimizer.js';
import * as updates from './updates.js';

/** Options of {@link Nadam}. */
export type NadamArgs = MomentArgs;

/**
 * Nadam, as `keras.optimizers.Nadam`: Adam's moments (`momentum`, `velocity`) with a Nesterov
 * look-ahead on the momentum schedule `u_t = beta1 * (1 - 0.5 * 0.96^t)`, whose running product
 * the optimizer keeps in one more variable (`uProduct`, last in `variables` as in Keras).
 *
 * @example
 * model.compile({ optimizer: new Nadam(0.002), loss: 'mse' });
 * model.compile({ optimizer: new Nadam({ learningRate: 0.002, beta1: 0.95 }), loss: 'mse' });
 */
export class Nadam extends MomentOptimizer {
  static override readonly className: string = 'Nadam';
  private uProductVariable: Variable | null = null;
  /** The `iterations` of the last step that advanced `uProduct`. */
  private uProductAdvancedAt = -1;

  /** Keras's `_u_product`: the product of the momentum schedule so far (1 at first), a float32 scalar created with the slots. */
  get uProduct(): Variable {
    // Keras makes it as an unnamed `backend.Variable`, so its name and path are 'variable'.
    this.uProductVariable ??= new Variable({ name: 'variable', path: 'variable', value: tensor([1], []), trainable: false });
    return this.uProductVariable;
  }

  /** The slot variables, then `uProduct`, in Keras's order. */
  override get variables(): Variable[] {
    const slots = super.variables;
    return slots.length > 0 ? [...slots, this.uProduct] : slots;
  }

  protected override slotNames(): string[] {
    return ['momentum', 'velocity'];
  }

  protected override updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void {
    // Keras advances u_product once per step, before any variable's update: the first update of a step does it.
    const advanceUProduct = this.uProductAdvancedAt !== this.iterations;
    const slotTensors = { momentum: slots.momentum!.value, velocity: slots.velocity!.value, uProduct: this.uProduct.value };
    updates.nadamUpdate(variable.value, gradient, slotTensors, {
      learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      iterations: this.iterations,
      advanceUProduct,
    });
    this.uProductAdvancedAt = this.iterations;
  }

  override dispose(): void {
    super.dispose(); // frees the slots and, being in `variables`, uProduct
    this.uProductVariable = null;
    this.uProductAdvancedAt = -1;
  }
}
