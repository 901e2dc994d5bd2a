/** `Adagrad`: steps scaled by the sum of all past squared gradients. */
import type { KerasArgs } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LearningRate, Optimizer, type OptimizerArgs, type Slots, optimizerSignature } from './optimizer.js';
import * as updates from './updates.js';

/** Options of {@link Adagrad}. */
export interface AdagradArgs extends OptimizerArgs {
  /** Default 0.001. */
  learningRate?: LearningRate;
  /** The value each accumulator starts at. Default 0.1. */
  initialAccumulatorValue?: number;
  /** Added under the square root for numerical stability. Default 1e-7. */
  epsilon?: number;
}

/**
 * Adagrad, as `keras.optimizers.Adagrad`: `accumulator += g²`, then
 * `w -= lr * g / sqrt(accumulator + epsilon)`, so often-updated weights take smaller steps.
 *
 * @example
 * model.compile({ optimizer: new Adagrad(0.01), loss: 'mse' });
 * model.compile({ optimizer: new Adagrad({ learningRate: 0.01, initialAccumulatorValue: 0.5 }), loss: 'mse' });
 */
export class Adagrad extends Optimizer {
  static override readonly className: string = 'Adagrad';
  static override readonly signature = optimizerSignature<AdagradArgs>()({ learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 });
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(...args: KerasArgs<[learningRate: LearningRate, initialAccumulatorValue: number, epsilon: number], AdagradArgs>) {
    const { initialAccumulatorValue, epsilon, ...base } = Adagrad.signature.resolve(args, new.target);
    super(base);
    this.initialAccumulatorValue = initialAccumulatorValue;
    this.epsilon = epsilon;
  }

  protected override slotNames(): string[] {
    return ['accumulator'];
  }

  protected override slotInitialValue(): number {
    return this.initialAccumulatorValue;
  }

  protected override updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void {
    updates.adagradUpdate(variable.value, gradient, slots.accumulator!.value, { learningRate, epsilon: this.epsilon });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), initial_accumulator_value: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
