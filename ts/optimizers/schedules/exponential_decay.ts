/** `ExponentialDecay`: `initialLearningRate * decayRate ** (step / decaySteps)`. */
import type { KerasArgs } from '../../arguments/signature.js';
import { REQUIRED, signature } from '../../arguments/signature.js';
import { LearningRateSchedule, checkNumber, checkSteps, f32 } from './learning_rate_schedule.js';

/** Options of {@link ExponentialDecay}. */
export interface ExponentialDecayArgs {
  /** The rate at step 0. */
  initialLearningRate?: number;
  /** The number of steps over which the rate is multiplied by `decayRate` once. */
  decaySteps?: number;
  /** The factor per `decaySteps`. */
  decayRate?: number;
  /** Decay in whole periods (`floor(step / decaySteps)`) instead of continuously. Default false. */
  staircase?: boolean;
  /** Default 'ExponentialDecay'. */
  name?: string;
}

/**
 * As `keras.optimizers.schedules.ExponentialDecay`.
 *
 * @example
 * new Adam(new ExponentialDecay(1e-2, 10000, 0.9));
 */
export class ExponentialDecay extends LearningRateSchedule {
  static override className = 'ExponentialDecay';
  static override readonly signature = signature<ExponentialDecayArgs>()({
    initialLearningRate: REQUIRED, decaySteps: REQUIRED, decayRate: REQUIRED, staircase: false, name: 'ExponentialDecay',
  });
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(...args: KerasArgs<[initialLearningRate: number, decaySteps: number, decayRate: number, staircase: boolean, name: string], ExponentialDecayArgs>) {
    super();
    const a = ExponentialDecay.signature.resolve(args, new.target);
    this.initialLearningRate = checkNumber('ExponentialDecay', 'initial_learning_rate', a.initialLearningRate);
    this.decaySteps = checkSteps('ExponentialDecay', 'decay_steps', a.decaySteps);
    this.decayRate = checkNumber('ExponentialDecay', 'decay_rate', a.decayRate);
    this.staircase = a.staircase;
    this.name = a.name;
  }

  call(step: number): number {
    let p = f32(f32(step) / f32(this.decaySteps));
    if (this.staircase) p = Math.floor(p);
    return f32(f32(this.initialLearningRate) * f32(f32(this.decayRate) ** p));
  }

  getConfig(): Record<string, unknown> {
    return { initial_learning_rate: this.initialLearningRate, decay_steps: this.decaySteps, decay_rate: this.decayRate, staircase: this.staircase, name: this.name };
  }
}
