/**
 * Weight initializers, with Keras's class names, string ids, defaults and configs.
 * Values are drawn here from a seeded generator and uploaded once; this is not a hot path.
 */
import { upload } from './tensor/create.js';
import { type DType, type Shape, type Tensor, formatShape } from './tensor/tensor.js';
import { ValueError } from './utils/errors.js';
import { Random } from './utils/random.js';
import { toCamelCase, toSnakeCase } from './utils/naming.js';

export abstract class Initializer {
  static className: string;
  /** Draws a tensor of `shape`. */
  abstract call(shape: Shape, dtype?: DType): Tensor;
  /** The constructor arguments, with Keras's snake_case keys. */
  abstract getConfig(): Record<string, unknown>;
}

function filled(shape: Shape, dtype: DType, draw: (i: number) => number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = draw(i);
  return upload(values, shape, dtype);
}

export class Zeros extends Initializer {
  static override className = 'Zeros';
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    return filled(shape, dtype, () => 0);
  }
  getConfig() {
    return {};
  }
}

export class Ones extends Initializer {
  static override className = 'Ones';
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    return filled(shape, dtype, () => 1);
  }
  getConfig() {
    return {};
  }
}

export class Constant extends Initializer {
  static override className = 'Constant';
  constructor(readonly value = 0) {
    super();
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    return filled(shape, dtype, () => this.value);
  }
  getConfig() {
    return { value: this.value };
  }
}

interface SeededArgs {
  /** Seed for reproducible draws; unseeded draws differ on every call. */
  seed?: number | null;
}

export class RandomUniform extends Initializer {
  static override className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;
  readonly seed: number | null;
  constructor(args: { minval?: number; maxval?: number } & SeededArgs = {}) {
    super();
    this.minval = args.minval ?? -0.05;
    this.maxval = args.maxval ?? 0.05;
    this.seed = args.seed ?? null;
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    const rng = new Random(this.seed);
    return filled(shape, dtype, () => rng.uniform(this.minval, this.maxval));
  }
  getConfig() {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed };
  }
}

/** Normal draws around `mean` with `stddev`; subclasses choose the unit draw. */
abstract class NormalInitializer extends Initializer {
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | null;
  constructor(args: { mean?: number; stddev?: number } & SeededArgs = {}) {
    super();
    this.mean = args.mean ?? 0;
    this.stddev = args.stddev ?? 0.05;
    this.seed = args.seed ?? null;
  }
  protected abstract unitDraw(rng: Random): number;
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    const rng = new Random(this.seed);
    return filled(shape, dtype, () => this.mean + this.stddev * this.unitDraw(rng));
  }
  getConfig() {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed };
  }
}

export class RandomNormal extends NormalInitializer {
  static override className = 'RandomNormal';
  protected unitDraw(rng: Random): number {
    return rng.normal();
  }
}

export class TruncatedNormal extends NormalInitializer {
  static override className = 'TruncatedNormal';
  protected unitDraw(rng: Random): number {
    return truncatedNormal(rng);
  }
}

/** A standard normal draw, redrawn until it falls within two standard deviations. */
function truncatedNormal(rng: Random): number {
  for (;;) {
    const z = rng.normal();
    if (Math.abs(z) <= 2) return z;
  }
}

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type Distribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

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

/** `input_axes` / `output_axes` as config entries, only when set: Keras 3.15 reads a missing key as None, and older Keras (tf.keras 2 reading a legacy .h5) rejects the keys. */
function fanAxesConfig(initializer: { inputAxes: number[] | null; outputAxes: number[] | null }): Record<string, unknown> {
  const { inputAxes, outputAxes } = initializer;
  return inputAxes === null && outputAxes === null ? {} : { input_axes: inputAxes, output_axes: outputAxes };
}

export class VarianceScaling extends Initializer {
  static override className = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
  readonly seed: number | null;
  /** The axes whose sizes multiply to the fan-in and fan-out (both or neither; Keras 3.15). */
  readonly inputAxes: number[] | null;
  readonly outputAxes: number[] | null;

  constructor(args: { scale?: number; mode?: FanMode; distribution?: Distribution } & FanAxesArgs & SeededArgs = {}) {
    super();
    this.scale = args.scale ?? 1;
    this.mode = args.mode ?? 'fan_in';
    this.distribution = args.distribution ?? 'truncated_normal';
    this.seed = args.seed ?? null;
    this.inputAxes = args.inputAxes ?? null;
    this.outputAxes = args.outputAxes ?? null;
    if (!(this.scale > 0)) throw new ValueError(`Argument \`scale\` must be positive float. Received: scale=${this.scale}`);
    if (!['fan_in', 'fan_out', 'fan_avg'].includes(this.mode)) {
      throw new ValueError(`Invalid \`mode\` argument: ${this.mode}. Please use one of ['fan_in', 'fan_out', 'fan_avg']`);
    }
    if (!['truncated_normal', 'untruncated_normal', 'uniform'].includes(this.distribution)) {
      throw new ValueError(`Invalid \`distribution\` argument: ${this.distribution}. Please use one of ['uniform', 'truncated_normal', 'untruncated_normal']`);
    }
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

  getConfig(): Record<string, unknown> {
    return { seed: this.seed, scale: this.scale, mode: this.mode, distribution: this.distribution, ...fanAxesConfig(this) };
  }
}

interface FanAxesArgs {
  inputAxes?: number[] | null;
  outputAxes?: number[] | null;
}

/** A VarianceScaling preset: only the seed and the fan axes are configurable, as in Keras. */
function preset(className: string, scale: number, mode: FanMode, distribution: Distribution) {
  return class extends VarianceScaling {
    static override className = className;
    constructor(args: FanAxesArgs & SeededArgs = {}) {
      super({ scale, mode, distribution, seed: args.seed ?? null, inputAxes: args.inputAxes ?? null, outputAxes: args.outputAxes ?? null });
    }
    override getConfig() {
      return { seed: this.seed, ...fanAxesConfig(this) };
    }
  };
}

export const GlorotUniform = preset('GlorotUniform', 1, 'fan_avg', 'uniform');
export const GlorotNormal = preset('GlorotNormal', 1, 'fan_avg', 'truncated_normal');
export const HeUniform = preset('HeUniform', 2, 'fan_in', 'uniform');
export const HeNormal = preset('HeNormal', 2, 'fan_in', 'truncated_normal');
export const LecunUniform = preset('LecunUniform', 1, 'fan_in', 'uniform');
export const LecunNormal = preset('LecunNormal', 1, 'fan_in', 'truncated_normal');

/**
 * The identity matrix times `gain`, for 2-D weights (rectangular shapes get ones on the main
 * diagonal), as `keras.initializers.Identity`.
 */
export class Identity extends Initializer {
  static override className = 'Identity';
  /** The multiplicative factor applied to the identity matrix. Default 1. */
  readonly gain: number;
  constructor(args: { gain?: number } = {}) {
    super();
    this.gain = args.gain ?? 1;
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    if (shape.length !== 2) {
      throw new ValueError(`Identity matrix initializer can only be used for 2D matrices. Received: shape=${formatShape(shape)} of rank ${shape.length}.`);
    }
    const cols = shape[1]!;
    return filled(shape, dtype, (i) => (Math.floor(i / cols) === i % cols ? this.gain : 0));
  }
  getConfig() {
    // Keras 3 leaves `gain` out of this config (so it is lost on reload); we keep it, and
    // Keras's `Identity(**config)` reads it back.
    return { gain: this.gain };
  }
}

/**
 * A random orthogonal matrix times `gain`, as `keras.initializers.Orthogonal`: the weight is
 * viewed as a (product of leading axes) x (last axis) matrix; a normal matrix of the taller
 * orientation is factored as QR, the columns of Q are signed by diag(R) (so Q is unique), and Q is
 * transposed back when the weight has more columns than rows. Rows (or columns, whichever are
 * fewer) are orthonormal to float precision.
 */
export class Orthogonal extends Initializer {
  static override className = 'Orthogonal';
  /** The multiplicative factor applied to the orthogonal matrix. Default 1. */
  readonly gain: number;
  readonly seed: number | null;
  constructor(args: { gain?: number } & SeededArgs = {}) {
    super();
    this.gain = args.gain ?? 1;
    this.seed = args.seed ?? null;
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    if (shape.length < 2) {
      throw new ValueError(`The tensor to initialize must be at least two-dimensional. Received: shape=${formatShape(shape)} of rank ${shape.length}.`);
    }
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1]!;
    const [m, n] = [Math.max(rows, cols), Math.min(rows, cols)];
    const rng = new Random(this.seed);
    // The draws are i.i.d., so they can be laid out column by column directly.
    const q = orthonormalColumns(Float64Array.from({ length: m * n }, () => rng.normal()), m, n);
    // Column j of Q is q[j*m .. (j+1)*m]. The weight is Q (rows >= cols) or its transpose.
    return filled(shape, dtype, (i) => {
      const [r, c] = [Math.floor(i / cols), i % cols];
      return this.gain * (rows >= cols ? q[c * m + r]! : q[r * m + c]!);
    });
  }
  getConfig() {
    return { seed: this.seed, gain: this.gain };
  }
}

/**
 * The Q of the thin QR factorisation of the m x n matrix `a` (m >= n, stored column by column),
 * with R's diagonal positive, in the same layout: modified Gram-Schmidt in float64 with each
 * column orthogonalised twice ("twice is enough", Giraud et al. 2005), which keeps Q orthonormal
 * to rounding error. Works in place on `a`.
 */
function orthonormalColumns(a: Float64Array, m: number, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    const vj = j * m;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        const qi = i * m;
        let dot = 0;
        for (let r = 0; r < m; r++) dot += a[qi + r]! * a[vj + r]!;
        for (let r = 0; r < m; r++) a[vj + r]! -= dot * a[qi + r]!;
      }
    }
    let norm = 0;
    for (let r = 0; r < m; r++) norm += a[vj + r]! * a[vj + r]!;
    norm = Math.sqrt(norm);
    for (let r = 0; r < m; r++) a[vj + r]! /= norm;
  }
  return a;
}

type InitializerClass = (new (args?: never) => Initializer) & { className: string };

const CLASSES: InitializerClass[] = [
  Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal, VarianceScaling,
  GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal, Identity, Orthogonal,
] as unknown as InitializerClass[];

const BY_NAME = new Map<string, InitializerClass>();
for (const cls of CLASSES) {
  BY_NAME.set(cls.className, cls);
  BY_NAME.set(toSnakeCase(cls.className), cls);
}
// Keras's aliases, including the class names older Keras 3 releases saved.
const ALIASES: [string, InitializerClass][] = [
  ['normal', RandomNormal], ['uniform', RandomUniform], ['one', Ones], ['zero', Zeros],
  ['IdentityInitializer', Identity], ['OrthogonalInitializer', Orthogonal],
] as unknown as [string, InitializerClass][];
for (const [name, cls] of ALIASES) BY_NAME.set(name, cls);

export type InitializerIdentifier = string | Initializer | { class_name: string; config?: Record<string, unknown> };

/** Resolves `'glorot_uniform'`, `'GlorotUniform'`, an instance, or a Keras config object. */
export function get(identifier: InitializerIdentifier): Initializer {
  if (identifier instanceof Initializer) return identifier;
  const name = typeof identifier === 'string' ? identifier : identifier?.class_name;
  const cls = typeof name === 'string' ? BY_NAME.get(name) : undefined;
  if (!cls) throw new ValueError(`Could not interpret initializer identifier: ${typeof identifier === 'string' ? identifier : JSON.stringify(identifier)}`);
  const config = typeof identifier === 'string' ? {} : identifier.config ?? {};
  return new (cls as unknown as new (args: unknown) => Initializer)(configToArgs(config));
}

/** Keras's serialized form: `{ module, class_name, config, registered_name }`. */
export function serialize(initializer: Initializer) {
  const cls = initializer.constructor as typeof Initializer;
  return { module: 'keras.initializers', class_name: cls.className, config: initializer.getConfig(), registered_name: null };
}

/** Keras's config as constructor options (camelCase keys); Constant's lone `value` is its argument. */
function configToArgs(config: Record<string, unknown>): unknown {
  if ('value' in config && Object.keys(config).length === 1) return config.value;
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [toCamelCase(key), value]));
}
