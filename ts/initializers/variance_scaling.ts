/**
 * `VarianceScaling` and its presets (Glorot, He, LeCun): draws whose variance is `scale / fan`,
 * with Keras's fans (`computeFans`).
 */
import { type KerasArgs, type Signature, signature } from '../arguments/signature.js';
import type { DType, Shape, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { Random } from '../utils/random.js';
import { Initializer, filled } from './initializer.js';
import { type SeededArgs, checkSeed, truncatedNormal } from './random.js';

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type Distribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

const MODES: readonly FanMode[] = ['fan_in', 'fan_out', 'fan_avg'];
const DISTRIBUTIONS: readonly Distribution[] = ['uniform', 'truncated_normal', 'untruncated_normal'];

/**
 * Keras's fans: with `inputAxes` and `outputAxes`, the products of those axes' sizes (negative
 * axes count from the end); otherwise the last two axes are (in, out) and any leading axes are
 * the receptive field.
 */
export function computeFans(shape: Shape, inputAxes: number[] | null = null, outputAxes: number[] | null = null): [number, number] {
  if (inputAxes !== null && outputAxes !== null) return [sizeOfAxes(shape, inputAxes), sizeOfAxes(shape, outputAxes)];
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0]!, shape[0]!];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2]! * receptive, shape[shape.length - 1]! * receptive];
}

function sizeOfAxes(shape: Shape, axes: number[]): number {
  return axes.reduce((size, axis) => {
    const dim = shape[axis < 0 ? shape.length + axis : axis];
    if (dim === undefined) throw new ValueError(`Initializer fan axis ${axis} is out of range for a weight of shape [${shape.join(', ')}]`);
    return size * dim;
  }, 1);
}

/** The fan axes of Keras 3.15's VarianceScaling family. */
export interface FanAxesArgs {
  /** The axes whose sizes multiply to the fan-in (used only with `outputAxes`). Default null: Keras's rule. */
  inputAxes?: number[] | null;
  /** The axes whose sizes multiply to the fan-out (used only with `inputAxes`). Default null. */
  outputAxes?: number[] | null;
}

/** Options of `VarianceScaling`. */
export interface VarianceScalingArgs extends SeededArgs, FanAxesArgs {
  /** The variance is `scale / fan`. Default 1. */
  scale?: number;
  /** Which fan: `'fan_in'` (default), `'fan_out'` or `'fan_avg'`. */
  mode?: FanMode;
  /** `'truncated_normal'` (default; `'normal'` is read as it), `'untruncated_normal'` or `'uniform'`. */
  distribution?: Distribution | 'normal';
}

const varianceScalingSignature = signature<VarianceScalingArgs>()({
  scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed: null, inputAxes: null, outputAxes: null,
});

/** Draws with variance `scale / fan`, as `keras.initializers.VarianceScaling`. */
export class VarianceScaling extends Initializer {
  static override className = 'VarianceScaling';
  /** Typed as the base's, so that the presets can declare their own narrower signature. */
  static override readonly signature: Signature<object> = varianceScalingSignature;
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
  readonly seed: number | null;
  readonly inputAxes: number[] | null;
  readonly outputAxes: number[] | null;

  constructor(...args: KerasArgs<[scale: number, mode: FanMode, distribution: Distribution | 'normal', seed: number | null], VarianceScalingArgs>) {
    super();
    const a = varianceScalingSignature.resolve(args, new.target);
    if (!(a.scale > 0)) throw new ValueError(`Argument \`scale\` must be positive float. Received: scale=${a.scale}`);
    if (!MODES.includes(a.mode)) throw new ValueError(`Invalid \`mode\` argument: ${a.mode}. Please use one of ['fan_in', 'fan_out', 'fan_avg']`);
    const distribution = String(a.distribution).toLowerCase();
    this.distribution = (distribution === 'normal' ? 'truncated_normal' : distribution) as Distribution;
    if (!DISTRIBUTIONS.includes(this.distribution)) {
      // Keras's message, including its missing space after the full stop.
      throw new ValueError(`Invalid \`distribution\` argument: ${distribution}.Please use one of ['uniform', 'truncated_normal', 'untruncated_normal']`);
    }
    this.scale = a.scale;
    this.mode = a.mode;
    this.seed = checkSeed(a.seed);
    this.inputAxes = a.inputAxes;
    this.outputAxes = a.outputAxes;
  }

  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    const [fanIn, fanOut] = computeFans(shape, this.inputAxes, this.outputAxes);
    const fan = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, fan);
    const rng = new Random(this.seed);
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return filled(shape, dtype, () => rng.uniform(-limit, limit));
    }
    if (this.distribution === 'untruncated_normal') {
      const stddev = Math.sqrt(variance);
      return filled(shape, dtype, () => stddev * rng.normal());
    }
    // Keras divides by the standard deviation of a unit normal truncated to [-2, 2].
    const stddev = Math.sqrt(variance) / 0.8796256610342398;
    return filled(shape, dtype, () => stddev * truncatedNormal(rng));
  }

  override getConfig(): Record<string, unknown> {
    return {
      seed: this.seed, scale: this.scale, mode: this.mode, distribution: this.distribution,
      input_axes: this.inputAxes, output_axes: this.outputAxes,
    };
  }
}

/** Options of the presets: only the seed and the fan axes, as in Keras. */
export type PresetArgs = SeededArgs & FanAxesArgs;

/** A VarianceScaling preset, with Keras's signature `(seed, input_axes, output_axes)` and config. */
function preset(className: string, scale: number, mode: FanMode, distribution: Distribution) {
  return class Preset extends VarianceScaling {
    static override className = className;
    static override readonly signature = signature<PresetArgs>()({ seed: null, inputAxes: null, outputAxes: null });

    constructor(...args: KerasArgs<[seed: number | null, inputAxes: number[] | null, outputAxes: number[] | null], PresetArgs>) {
      const a = Preset.signature.resolve(args, new.target);
      super({ scale, mode, distribution, seed: a.seed, inputAxes: a.inputAxes, outputAxes: a.outputAxes });
    }

    override getConfig(): Record<string, unknown> {
      return { seed: this.seed, input_axes: this.inputAxes, output_axes: this.outputAxes };
    }
  };
}

/** Uniform within `sqrt(6 / (fan_in + fan_out))`, as `keras.initializers.GlorotUniform` (Keras's default kernel initializer). */
export const GlorotUniform = preset('GlorotUniform', 1, 'fan_avg', 'uniform');
/** Truncated normal with variance `2 / (fan_in + fan_out)`, as `keras.initializers.GlorotNormal`. */
export const GlorotNormal = preset('GlorotNormal', 1, 'fan_avg', 'truncated_normal');
/** Uniform within `sqrt(6 / fan_in)`, as `keras.initializers.HeUniform`. */
export const HeUniform = preset('HeUniform', 2, 'fan_in', 'uniform');
/** Truncated normal with variance `2 / fan_in`, as `keras.initializers.HeNormal`. */
export const HeNormal = preset('HeNormal', 2, 'fan_in', 'truncated_normal');
/** Uniform within `sqrt(3 / fan_in)`, as `keras.initializers.LecunUniform`. */
export const LecunUniform = preset('LecunUniform', 1, 'fan_in', 'uniform');
/** Truncated normal with variance `1 / fan_in`, as `keras.initializers.LecunNormal`. */
export const LecunNormal = preset('LecunNormal', 1, 'fan_in', 'truncated_normal');
