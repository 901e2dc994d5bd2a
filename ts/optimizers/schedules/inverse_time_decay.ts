/** `InverseTimeDecay`: `initialLearningRate / (1 + decayRate * step / decaySteps)`. */
import type { KerasArgs } from '../../arguments/signature.js';
import { REQUIRED, signature } from '../../arguments/signature.js';
import { LearningRateSchedule, checkNumber, checkSteps, f32 } from './learning_rate_schedule.js';

/** Options of {@link InverseTimeDecay}. */
export interface InverseTimeDecayArgs {
  /** The rate at step 0. */
  initialLearningRate?: number;
  /** The number of steps that count as one unit of time. */
  decaySteps?: number;
  /** How fast the rate falls per unit of time. */
  decayRate?: number;
  /** Decay in whole periods (`floor(step / decaySteps)`) instead of continuously. Default false. */
  staircase?: boolean;
  /** Default 'InverseTimeDecay'. */
  name?: string;
}

/**
 * As `keras.optimizers.schedules.InverseTimeDecay`.
 *
 * @example
 * new SGD(new InverseTimeDecay(0.1, 1, 0.5));
 */
export class InverseTimeDecay extends LearningRateSchedule {
  static override className = 'InverseTimeDecay';
  static override readonly signature = signature<InverseTimeDecayArgs>()({
    initialLearningRate: REQUIRED, decaySteps: REQUIRED, decayRate: REQUIRED, staircase: false, name: 'InverseTimeDecay',
  });
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(...args: KerasArgs<[initialLearningRate: number, decaySteps: number, decayRate: number, staircase: boolean, name: string], InverseTimeDecayArgs>) {
    super();
    const a = InverseTimeDecay.signature.resolve(args, new.target);
    this.initialLearningRate = checkNumber('InverseTimeDecay', 'initial_learning_rate', a.initialLearningRate);
    this.decaySteps = checkSteps('InverseTimeDecay', 'decay_steps', a.decaySteps);
    this.decayRate = checkNumber('InverseTimeDecay', 'decay_rate', a.decayRate);
    this.staircase = a.staircase;
    this.name = a.name;
  }

  call(step: number): number {
    let p = f32(f32(step) / f32(this.decaySteps));
    if (this.staircase) p = Math.floor(p);
    return f32(f32(this.initialLearningRate) / f32(1 + f32(f32(this.decayRate) * p)));
  }

  getConfig(): Record<string, unknown> {
    return { initial_learning_rate: this.initialLearningRate, decay_steps: this.decaySteps, decay_rate: this.decayRate, staircase: this.staircase, name: this.name };
  }
}
