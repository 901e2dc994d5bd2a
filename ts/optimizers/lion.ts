/** `Lion`: steps of fixed size in the sign of an interpolated momentum. */
import type { KerasArgs } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonStr } from '../utils/python_repr.js';
import { type LearningRate, Optimizer, type OptimizerArgs, type Slots, optimizerSignature } from './optimizer.js';
import * as updates from './updates.js';

/** Options of {@link Lion}. */
export interface LionArgs extends OptimizerArgs {
  /** Default 0.001; Lion's steps are as long as the learning rate, so it is usually 3-10x smaller than Adam's. */
  learningRate?: LearningRate;
  /** Weight of the momentum against the gradient in the step's sign, in (0, 1]. Default 0.9. */
  beta1?: number;
  /** Decay rate of the momentum. Default 0.99. */
  beta2?: number;
}

/**
 * Lion, as `keras.optimizers.Lion`: `w -= lr * sign(beta1 * m + (1 - beta1) * g)`, then
 * `m = beta2 * m + (1 - beta2) * g`.
 *
 * @example
 * model.compile({ optimizer: new Lion(1e-4), loss: 'mse' });
 * model.compile({ optimizer: new Lion({ learningRate: 1e-4, beta1: 0.95, beta2: 0.98 }), loss: 'mse' });
 */
export class Lion extends Optimizer {
  static override readonly className: string = 'Lion';
  static override readonly signature = optimizerSignature<LionArgs>()({ learningRate: 0.001, beta1: 0.9, beta2: 0.99 });
  readonly beta1: number;
  readonly beta2: number;

  constructor(...args: KerasArgs<[learningRate: LearningRate, beta1: number, beta2: number], LionArgs>) {
    const { beta1, beta2, ...base } = Lion.signature.resolve(args, new.target);
    super(base);
    if (beta1 <= 0 || beta1 > 1) {
      throw new ValueError(`Argument \`beta_1\` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta_1=${pythonStr(beta1)}.`);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
  }

  protected override slotNames(): string[] {
    return ['momentum'];
  }

  protected override updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void {
    updates.lionUpdate(variable.value, gradient, slots.momentum!.value, { learningRate, beta1: this.beta1, beta2: this.beta2 });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2 };
  }
}
