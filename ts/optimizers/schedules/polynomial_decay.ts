/** `PolynomialDecay`: from `initialLearningRate` to `endLearningRate` along `(1 - step / decaySteps) ** power`. */
import type { KerasArgs } from '../../arguments/signature.js';
import { REQUIRED, signature } from '../../arguments/signature.js';
import { LearningRateSchedule, checkNumber, checkSteps, f32 } from './learning_rate_schedule.js';

/** Options of {@link PolynomialDecay}. */
export interface PolynomialDecayArgs {
  /** The rate at step 0. */
  initialLearningRate?: number;
  /** The number of steps to reach `endLearningRate`. */
  decaySteps?: number;
  /** The rate after `decaySteps`. Default 0.0001. */
  endLearningRate?: number;
  /** The polynomial's power. Default 1 (linear). */
  power?: number;
  /** Start again past `decaySteps`, over the next multiple of it. Default false. */
  cycle?: boolean;
  /** Default 'PolynomialDecay'. */
  name?: string;
}

/**
 * As `keras.optimizers.schedules.PolynomialDecay`.
 *
 * @example
 * new SGD(new PolynomialDecay(0.1, 10000, 0.01, 0.5));
 */
export class PolynomialDecay extends LearningRateSchedule {
  static override className = 'PolynomialDecay';
  static override readonly signature = signature<PolynomialDecayArgs>()({
    initialLearningRate: REQUIRED, decaySteps: REQUIRED, endLearningRate: 0.0001, power: 1.0, cycle: false, name: 'PolynomialDecay',
  });
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly endLearningRate: number;
  readonly power: number;
  readonly cycle: boolean;
  readonly name: string;

  constructor(...args: KerasArgs<[initialLearningRate: number, decaySteps: number, endLearningRate: number, power: number, cycle: boolean, name: string], PolynomialDecayArgs>) {
    super();
    const a = PolynomialDecay.signature.resolve(args, new.target);
    this.initialLearningRate = checkNumber('PolynomialDecay', 'initial_learning_rate', a.initialLearningRate);
    this.decaySteps = checkSteps('PolynomialDecay', 'decay_steps', a.decaySteps);
    this.endLearningRate = a.endLearningRate;
    this.power = a.power;
    this.cycle = a.cycle;
    this.name = a.name;
  }

  call(step: number): number {
    let s = f32(step);
    let decaySteps = f32(this.decaySteps);
    if (this.cycle) {
      // The first multiple of decaySteps past the step (1 at step 0).
      const multiplier = s === 0 ? 1 : Math.ceil(f32(s / this.decaySteps));
      decaySteps = f32(decaySteps * multiplier);
    } else {
      s = Math.min(s, decaySteps);
    }
    const p = f32(s / decaySteps);
    const end = f32(this.endLearningRate);
    const span = f32(f32(this.initialLearningRate) - end);
    return f32(f32(span * f32(f32(1 - p) ** f32(this.power))) + end);
  }

  getConfig(): Record<string, unknown> {
    return {
      initial_learning_rate: this.initialLearningRate, decay_steps: this.decaySteps, end_learning_rate: this.endLearningRate,
      power: this.power, cycle: this.cycle, name: this.name,
    };
  }
}
