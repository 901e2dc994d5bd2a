/** `SGD`: gradient descent, optionally with (Nesterov) momentum. */
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { Optimizer, type OptimizerArgs, type Slots } from './optimizer.js';
import * as updates from './updates.js';

/** Options of {@link SGD}. */
export interface SGDArgs extends OptimizerArgs {
  /** Default 0.01. */
  learningRate?: number;
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
 * model.compile({ optimizer: new SGD({ learningRate: 0.1, momentum: 0.9 }), loss: 'mse' });
 */
export class SGD extends Optimizer {
  static readonly className: string = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(args: SGDArgs = {}) {
    super(args, { learningRate: 0.01, name: 'SGD' });
    this.momentum = args.momentum ?? 0;
    this.nesterov = args.nesterov ?? false;
    if (typeof this.momentum !== 'number' || this.momentum < 0 || this.momentum > 1) {
      throw new ValueError('`momentum` must be a float between [0, 1].');
    }
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
