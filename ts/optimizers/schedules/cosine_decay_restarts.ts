/** `CosineDecayRestarts`: cosine decays that restart, each period `tMul` times longer and `mMul` times lower. */
import type { KerasArgs } from '../../arguments/signature.js';
import { REQUIRED, signature } from '../../arguments/signature.js';
import { LearningRateSchedule, checkNumber, checkSteps, f32 } from './learning_rate_schedule.js';

/** Options of {@link CosineDecayRestarts}. */
export interface CosineDecayRestartsArgs {
  /** The rate at step 0. */
  initialLearningRate?: number;
  /** The number of steps of the first period. */
  firstDecaySteps?: number;
  /** Each period is this many times longer than the one before. Default 2. */
  tMul?: number;
  /** Each period starts at this many times the rate the one before started at. Default 1. */
  mMul?: number;
  /** The lowest rate as a fraction of `initialLearningRate`. Default 0. */
  alpha?: number;
  /** Default 'SGDRDecay'. */
  name?: string;
}

/**
 * As `keras.optimizers.schedules.CosineDecayRestarts` (SGDR, Loshchilov & Hutter).
 *
 * @example
 * new SGD(new CosineDecayRestarts(0.1, 1000));
 */
export class CosineDecayRestarts extends LearningRateSchedule {
  static override className = 'CosineDecayRestarts';
  static override readonly signature = signature<CosineDecayRestartsArgs>()({
    initialLearningRate: REQUIRED, firstDecaySteps: REQUIRED, tMul: 2.0, mMul: 1.0, alpha: 0.0, name: 'SGDRDecay',
  });
  readonly initialLearningRate: number;
  readonly firstDecaySteps: number;
  readonly tMul: number;
  readonly mMul: number;
  readonly alpha: number;
  readonly name: string;

  constructor(...args: KerasArgs<[initialLearningRate: number, firstDecaySteps: number, tMul: number, mMul: number, alpha: number, name: string], CosineDecayRestartsArgs>) {
    super();
    const a = CosineDecayRestarts.signature.resolve(args, new.target);
    this.initialLearningRate = checkNumber('CosineDecayRestarts', 'initial_learning_rate', a.initialLearningRate);
    this.firstDecaySteps = checkSteps('CosineDecayRestarts', 'first_decay_steps', a.firstDecaySteps);
    this.tMul = a.tMul;
    this.mMul = a.mMul;
    this.alpha = a.alpha;
    this.name = a.name;
  }

  call(step: number): number {
    const { restart, fraction } = this.period(f32(f32(step) / f32(this.firstDecaySteps)));
    const alpha = f32(this.alpha);
    const cosine = f32(f32(0.5 * f32(f32(this.mMul) ** restart)) * f32(1 + f32(Math.cos(f32(f32(Math.PI) * fraction)))));
    return f32(f32(this.initialLearningRate) * f32(f32(f32(1 - alpha) * cosine) + alpha));
  }

  /** Which period `completed` (steps over the first period's length) falls in, and how far into it. */
  private period(completed: number): { restart: number; fraction: number } {
    const tMul = f32(this.tMul);
    if (tMul === 1) {
      const restart = Math.floor(completed);
      return { restart, fraction: f32(completed - restart) };
    }
    // Periods of 1, tMul, tMul², …: the restart is the largest i with (1 - tMul^i) / (1 - tMul) <= completed.
    const restart = Math.floor(f32(f32(Math.log(f32(1 - f32(completed * f32(1 - tMul))))) / f32(Math.log(tMul))));
    const grown = f32(tMul ** restart);
    const before = f32(f32(1 - grown) / f32(1 - tMul));
    return { restart, fraction: f32(f32(completed - before) / grown) };
  }

  getConfig(): Record<string, unknown> {
    return {
      initial_learning_rate: this.initialLearningRate, first_decay_steps: this.firstDecaySteps, t_mul: this.tMul, m_mul: this.mMul,
      alpha: this.alpha, name: this.name,
    };
  }
}
