/** `PiecewiseConstantDecay`: one rate per interval of steps between boundaries. */
import type { KerasArgs } from '../../arguments/signature.js';
import { REQUIRED, signature } from '../../arguments/signature.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr } from '../../utils/python_repr.js';
import { LearningRateSchedule, checkNumber, f32 } from './learning_rate_schedule.js';

/** Options of {@link PiecewiseConstantDecay}. */
export interface PiecewiseConstantDecayArgs {
  /** Increasing steps where the rate changes. */
  boundaries?: number[];
  /** The rates: `values[0]` up to and including `boundaries[0]`, …, the last after the last boundary (one more than `boundaries`). */
  values?: number[];
  /** Default 'PiecewiseConstant'. */
  name?: string;
}

/**
 * As `keras.optimizers.schedules.PiecewiseConstantDecay`.
 *
 * @example
 * // 1.0 for the first 100001 steps, 0.5 for the next 10000, 0.1 after.
 * new SGD(new PiecewiseConstantDecay([100000, 110000], [1.0, 0.5, 0.1]));
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  static override className = 'PiecewiseConstantDecay';
  static override readonly signature = signature<PiecewiseConstantDecayArgs>()({ boundaries: REQUIRED, values: REQUIRED, name: 'PiecewiseConstant' });
  readonly boundaries: number[];
  readonly values: number[];
  readonly name: string;

  constructor(...args: KerasArgs<[boundaries: number[], values: number[], name: string], PiecewiseConstantDecayArgs>) {
    super();
    const a = PiecewiseConstantDecay.signature.resolve(args, new.target);
    const list = (key: string, value: unknown) => {
      if (!Array.isArray(value)) throw new ValueError(`PiecewiseConstantDecay: \`${key}\` must be a list of numbers. Received: ${key}=${pythonRepr(value)}`);
      return value.map((v) => checkNumber('PiecewiseConstantDecay', key, v));
    };
    const boundaries = list('boundaries', a.boundaries);
    const values = list('values', a.values);
    if (boundaries.length !== values.length - 1) {
      throw new ValueError(
        `The length of boundaries should be 1 less than the length of values. Received: boundaries=${pythonRepr(boundaries)} of length ${boundaries.length}, and values=${pythonRepr(values)} of length ${values.length}.`,
      );
    }
    this.boundaries = boundaries;
    this.values = values;
    this.name = a.name;
  }

  call(step: number): number {
    // Keras casts the boundaries to the step's integer type.
    const index = this.boundaries.findIndex((b) => step <= Math.trunc(b));
    return f32(this.values[index === -1 ? this.values.length - 1 : index]!);
  }

  getConfig(): Record<string, unknown> {
    return { boundaries: this.boundaries, values: this.values, name: this.name };
  }
}
