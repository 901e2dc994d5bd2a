/**
 * The base of the optimizers that take Adam's hyperparameters and defaults besides the learning
 * rate (`beta1`, `beta2`, `epsilon`): Adamax, Nadam and Lamb, as Keras declares each of them.
 */
import type { KerasArgs } from '../arguments/signature.js';
import { type LearningRate, Optimizer, type OptimizerArgs, optimizerSignature } from './optimizer.js';

/** Options of Adamax, Nadam and Lamb. */
export interface MomentArgs extends OptimizerArgs {
  /** Default 0.001. */
  learningRate?: LearningRate;
  /** Decay rate of the first moment (Nadam: also the scale of its momentum schedule). Default 0.9. */
  beta1?: number;
  /** Decay rate of the second moment (Adamax: of the infinity norm). Default 0.999. */
  beta2?: number;
  /** Added to the denominator for numerical stability. Default 1e-7. */
  epsilon?: number;
}

/** Their arguments: `(learningRate, beta1, beta2, epsilon)` positionally, or options. */
export type MomentParams = KerasArgs<[learningRate: LearningRate, beta1: number, beta2: number, epsilon: number], MomentArgs>;

export abstract class MomentOptimizer extends Optimizer {
  static override readonly signature = optimizerSignature<MomentArgs>()({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(...args: MomentParams) {
    const { beta1, beta2, epsilon, ...base } = MomentOptimizer.signature.resolve(args, new.target);
    super(base);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}
