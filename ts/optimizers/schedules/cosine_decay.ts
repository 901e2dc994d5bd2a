/** `CosineDecay`: an optional linear warmup, then a half cosine from the rate down to `alpha` times it. */
import type { KerasArgs } from '../../arguments/signature.js';
import { REQUIRED, signature } from '../../arguments/signature.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr } from '../../utils/python_repr.js';
import { LearningRateSchedule, checkNumber, checkSteps, f32 } from './learning_rate_schedule.js';

/** Options of {@link CosineDecay}. */
export interface CosineDecayArgs {
  /** The rate at step 0 (where the warmup starts, or the decay without one). */
  initialLearningRate?: number;
  /** The number of steps of the decay (after the warmup). */
  decaySteps?: number;
  /** The final rate as a fraction of the rate the decay starts from. Default 0. */
  alpha?: number;
  /** Default 'CosineDecay'. */
  name?: string;
  /** The rate the warmup reaches and the decay starts from; null: no warmup. Default null. */
  warmupTarget?: number | null;
  /** The number of warmup steps. Default 0. */
  warmupSteps?: number;
}

/**
 * As `keras.optimizers.schedules.CosineDecay` (SGDR without restarts, with Goyal et al.'s linear warmup).
 *
 * @example
 * // Warm up from 0 to 1e-3 over 100 steps, then decay over 1000.
 * new AdamW(new CosineDecay(0, 1000, { warmupTarget: 1e-3, warmupSteps: 100 }));
 */
export class CosineDecay extends LearningRateSchedule {
  static override className = 'CosineDecay';
  static override readonly signature = signature<CosineDecayArgs>()({
    initialLearningRate: REQUIRED, decaySteps: REQUIRED, alpha: 0.0, name: 'CosineDecay', warmupTarget: null, warmupSteps: 0,
  });
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly name: string;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;

  constructor(
    ...args: KerasArgs<[initialLearningRate: number, decaySteps: number, alpha: number, name: string, warmupTarget: number | null, warmupSteps: number], CosineDecayArgs>
  ) {
    super();
    const a = CosineDecay.signature.resolve(args, new.target);
    this.initialLearningRate = checkNumber('CosineDecay', 'initial_learning_rate', a.initialLearningRate);
    this.decaySteps = checkSteps('CosineDecay', 'decay_steps', a.decaySteps);
    this.alpha = a.alpha;
    this.name = a.name;
    if (a.warmupTarget !== null && typeof a.warmupTarget !== 'number') {
      throw new ValueError(`CosineDecay: \`warmup_target\` must be a number or None. Received: warmup_target=${pythonRepr(a.warmupTarget)}`);
    }
    this.warmupTarget = a.warmupTarget;
    this.warmupSteps = a.warmupSteps;
  }

  call(step: number): number {
    const decaySteps = f32(this.decaySteps);
    const s = f32(step);
    if (this.warmupTarget === null) return this.decayed(Math.min(s, decaySteps), decaySteps, f32(this.initialLearningRate));
    const target = f32(this.warmupTarget);
    const warmupSteps = f32(this.warmupSteps);
    const clamped = Math.min(s, f32(decaySteps + warmupSteps));
    if (clamped < warmupSteps) {
      const initial = f32(this.initialLearningRate);
      return f32(f32(f32(target - initial) * f32(clamped / warmupSteps)) + initial);
    }
    return this.decayed(f32(clamped - warmupSteps), decaySteps, target);
  }

  /** Keras's `_decay_function`: `from * ((1 - alpha) * 0.5 * (1 + cos(pi * step / decaySteps)) + alpha)`. */
  private decayed(step: number, decaySteps: number, from: number): number {
    const fraction = f32(step / decaySteps);
    const cosine = f32(0.5 * f32(1 + f32(Math.cos(f32(f32(Math.PI) * fraction)))));
    return f32(from * f32(f32(f32(1 - this.alpha) * cosine) + f32(this.alpha)));
  }

  getConfig(): Record<string, unknown> {
    return {
      initial_learning_rate: this.initialLearningRate, decay_steps: this.decaySteps, alpha: this.alpha, name: this.name,
      warmup_target: this.warmupTarget, warmup_steps: this.warmupSteps,
    };
  }
}
