/** `Ftrl`: "follow the regularized leader", for shallow models with large sparse feature spaces. */
import type { KerasArgs } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { toSnakeCase } from '../utils/naming.js';
import { pythonStr } from '../utils/python_repr.js';
import { type LearningRate, Optimizer, type OptimizerArgs, type Slots, optimizerSignature } from './optimizer.js';
import * as updates from './updates.js';

/** Options of {@link Ftrl}. */
export interface FtrlArgs extends OptimizerArgs {
  /** Default 0.001. */
  learningRate?: LearningRate;
  /** How the step decreases with the accumulated squared gradients; ≤ 0, 0 for a fixed step. Default -0.5. */
  learningRatePower?: number;
  /** The starting value of the accumulators; ≥ 0. Default 0.1. */
  initialAccumulatorValue?: number;
  /** L1 regularization strength; ≥ 0. Default 0. */
  l1RegularizationStrength?: number;
  /** L2 regularization strength (a stabilization penalty); ≥ 0. Default 0. */
  l2RegularizationStrength?: number;
  /** Shrinkage-type L2 strength (a magnitude penalty, as an L2 term added to the loss); ≥ 0. Default 0. */
  l2ShrinkageRegularizationStrength?: number;
  /** The beta of the FTRL paper. Default 0. */
  beta?: number;
}

/** Keras's checks, in its order: the power must be ≤ 0, the others ≥ 0. */
const CHECKS = [
  ['initialAccumulatorValue', 'positive'], ['learningRatePower', 'negative'], ['l1RegularizationStrength', 'positive'],
  ['l2RegularizationStrength', 'positive'], ['l2ShrinkageRegularizationStrength', 'positive'],
] as const;

/**
 * FTRL, as `keras.optimizers.Ftrl` (McMahan et al., 2013): per weight an `accumulator` of squared
 * gradients and a `linear` term, from which the weight is solved each step (zero while the linear
 * term stays within the L1 strength).
 *
 * @example
 * model.compile({ optimizer: new Ftrl(0.05), loss: 'binary_crossentropy' });
 * model.compile({ optimizer: new Ftrl({ learningRate: 0.05, l1RegularizationStrength: 0.01 }), loss: 'binary_crossentropy' });
 */
export class Ftrl extends Optimizer {
  static override readonly className: string = 'Ftrl';
  static override readonly signature = optimizerSignature<FtrlArgs>()({
    learningRate: 0.001, learningRatePower: -0.5, initialAccumulatorValue: 0.1, l1RegularizationStrength: 0,
    l2RegularizationStrength: 0, l2ShrinkageRegularizationStrength: 0, beta: 0,
  });
  readonly learningRatePower: number;
  readonly initialAccumulatorValue: number;
  readonly l1RegularizationStrength: number;
  readonly l2RegularizationStrength: number;
  readonly l2ShrinkageRegularizationStrength: number;
  readonly beta: number;

  constructor(
    ...args: KerasArgs<
      [learningRate: LearningRate, learningRatePower: number, initialAccumulatorValue: number, l1RegularizationStrength: number,
        l2RegularizationStrength: number, l2ShrinkageRegularizationStrength: number, beta: number],
      FtrlArgs
    >
  ) {
    const a = Ftrl.signature.resolve(args, new.target);
    const { learningRatePower, initialAccumulatorValue, l1RegularizationStrength, l2RegularizationStrength, l2ShrinkageRegularizationStrength, beta, ...base } = a;
    super(base);
    for (const [key, sign] of CHECKS) {
      if (sign === 'positive' ? a[key] < 0 : a[key] > 0) {
        const name = toSnakeCase(key);
        throw new ValueError(`\`${name}\` needs to be ${sign} or zero. Received: ${name}=${pythonStr(a[key])}.`);
      }
    }
    this.learningRatePower = learningRatePower;
    this.initialAccumulatorValue = initialAccumulatorValue;
    this.l1RegularizationStrength = l1RegularizationStrength;
    this.l2RegularizationStrength = l2RegularizationStrength;
    this.l2ShrinkageRegularizationStrength = l2ShrinkageRegularizationStrength;
    this.beta = beta;
  }

  protected override slotNames(): string[] {
    return ['accumulator', 'linear'];
  }

  protected override slotInitialValue(name: string): number {
    return name === 'accumulator' ? this.initialAccumulatorValue : 0;
  }

  protected override updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void {
    updates.ftrlUpdate(variable.value, gradient, { accumulator: slots.accumulator!.value, linear: slots.linear!.value }, {
      learningRate,
      learningRatePower: this.learningRatePower,
      l1RegularizationStrength: this.l1RegularizationStrength,
      l2RegularizationStrength: this.l2RegularizationStrength,
      l2ShrinkageRegularizationStrength: this.l2ShrinkageRegularizationStrength,
      beta: this.beta,
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      learning_rate_power: this.learningRatePower,
      initial_accumulator_value: this.initialAccumulatorValue,
      l1_regularization_strength: this.l1RegularizationStrength,
      l2_regularization_strength: this.l2RegularizationStrength,
      l2_shrinkage_regularization_strength: this.l2ShrinkageRegularizationStrength,
      beta: this.beta,
    };
  }
}
