/** `SGD`: gradient descent, optionally with (Nesterov) momentum. */
import type { KerasArgs } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type LearningRate, Optimizer, type OptimizerArgs, type Slots, optimizerSignature } from './optimizer.js';
import * as updates from './updates.js';

/** Options of {@link SGD}. */
export interface SGDArgs extends OptimizerArgs {
  /** Default 0.01. */
  learningRate?: LearningRate;
  /** In [0, 1]: how much of the previous step is kept. Default 0 (plain gradient descent). */
  momentum?: number;
  /** Use Nesterov momentum. Default false. */
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent, as `keras.optimizers.SGD`: `w -= lr * g`, or with momentum
 * `m = momentum * m - lr * g; w += m` (Nesterov: `w += momentum * m - lr * g`).
 *
 * @example
 * model.compile({ optimizer: new SGD(0.1, 0.9), loss: 'mse' });
 * model.compile({ optimizer: new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), loss: 'mse' });
 */
export class SGD extends Optimizer {
  static override readonly className: string = 'SGD';
  static override readonly signature = optimizerSignature<SGDArgs>()({ learningRate: 0.01, momentum: 0, nesterov: false });
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(...args: KerasArgs<[learningRate: LearningRate, momentum: number, nesterov: boolean], SGDArgs>) {
    const { momentum, nesterov, ...base } = SGD.signature.resolve(args, new.target);
    super(base);
    if (typeof momentum !== 'number' || momentum < 0 || momentum > 1) throw new ValueError('`momentum` must be a float between [0, 1].');
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  protected override slotNames(): string[] {
    return this.momentum !== 0 ? ['momentum'] : [];
  }

  protected override updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void {
    updates.sgdUpdate(variable.value, gradient, { momentum: slots.momentum?.value ?? null }, { learningRate, momentum: this.momentum, nesterov: this.nesterov });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}
