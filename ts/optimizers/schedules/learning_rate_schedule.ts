/**
 * The base of Keras's learning-rate schedules (`keras.optimizers.schedules.LearningRateSchedule`):
 * a scalar function of the optimizer's step, evaluated in JavaScript with float32 rounding at each
 * operation, as Keras computes it in float32 tensors. No tensor is made and nothing is downloaded.
 */
import { type Signature, signature } from '../../arguments/signature.js';
import { ValueError } from '../../utils/errors.js';
import { toCamelCase } from '../../utils/naming.js';
import { pythonRepr } from '../../utils/python_repr.js';

/** A float32 rounding of each intermediate value, as Keras's float32 tensors hold them. */
export const f32 = Math.fround;

/**
 * A learning rate that changes with the step. A subclass of your own implements `call(step)` and
 * `getConfig()`, and, registered with `registerKerasSerializable`, is saved in optimizer configs
 * and rebuilt as Keras does, from its config's values as options (`new Halving({ rate: 0.1 })`).
 *
 * @example
 * class Halving extends LearningRateSchedule {
 *   readonly rate: number;
 *   constructor({ rate }: { rate: number }) { super(); this.rate = rate; }
 *   call(step: number) { return this.rate / 2 ** Math.floor(step / 100); }
 *   getConfig() { return { rate: this.rate }; }
 * }
 * registerKerasSerializable(Halving, { package: 'my' });
 */
export abstract class LearningRateSchedule {
  static className = 'LearningRateSchedule';
  /** Keras's `LearningRateSchedule` takes no arguments. */
  static readonly signature: Signature<object> = signature<object>()({});

  /** The learning rate at `step` (the optimizer's `iterations` before the update). */
  abstract call(step: number): number;

  /** The arguments that rebuild this schedule, with Keras's snake_case keys. */
  abstract getConfig(): Record<string, unknown>;

  /** Keras's `from_config`: `cls(**config)`, with the config's keys as options. */
  static fromConfig<T>(this: new (options: Record<string, unknown>) => T, config: Record<string, unknown>): T {
    return new this(Object.fromEntries(Object.entries(config).map(([key, value]) => [toCamelCase(key), value])));
  }
}

/** A required argument that must be a finite number, refused by name otherwise. */
export function checkNumber(className: string, key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValueError(`${className}: \`${key}\` must be a number. Received: ${key}=${pythonRepr(value)}`);
  return value;
}

/** Keras's check of a schedule's step count (`decay_steps`, `first_decay_steps`). */
export function checkSteps(className: string, key: string, value: unknown): number {
  const steps = checkNumber(className, key, value);
  if (steps <= 0) throw new ValueError(`Argument \`${key}\` must be > 0. Received: ${key}=${pythonRepr(steps)}`);
  return steps;
}
