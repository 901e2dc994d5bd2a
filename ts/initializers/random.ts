/** The random initializers with explicit parameters: `RandomUniform`, `RandomNormal`, `TruncatedNormal`. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import type { DType, Shape, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';
import { Random } from '../utils/random.js';
import { Initializer, filled } from './initializer.js';

/** The seed option of every random initializer. */
export interface SeededArgs {
  /** An integer for reproducible draws; unseeded (null, the default) draws differ on every call. */
  seed?: number | null;
}

/** Keras's `RandomInitializer` check: the seed is an integer or None. */
export function checkSeed(seed: unknown): number | null {
  if (seed === null || Number.isInteger(seed)) return seed as number | null;
  throw new ValueError(`\`seed\` argument should be an instance of \`keras.random.SeedGenerator()\` or an integer. Received: seed=${pythonRepr(seed)}`);
}

/** A standard normal draw, redrawn until it falls within two standard deviations. */
export function truncatedNormal(rng: Random): number {
  for (;;) {
    const z = rng.normal();
    if (Math.abs(z) <= 2) return z;
  }
}

/** Options of `RandomUniform`. */
export interface RandomUniformArgs extends SeededArgs {
  /** The lower bound of the range. Default -0.05. */
  minval?: number;
  /** The upper bound of the range (excluded). Default 0.05. */
  maxval?: number;
}

/** Uniform draws in `[minval, maxval)`, as `keras.initializers.RandomUniform`: `new RandomUniform(-1, 1)`. */
export class RandomUniform extends Initializer {
  static override className = 'RandomUniform';
  static override readonly signature = signature<RandomUniformArgs>()({ minval: -0.05, maxval: 0.05, seed: null });
  readonly minval: number;
  readonly maxval: number;
  readonly seed: number | null;

  constructor(...args: KerasArgs<[minval: number, maxval: number, seed: number | null], RandomUniformArgs>) {
    super();
    const a = RandomUniform.signature.resolve(args, new.target);
    this.minval = a.minval;
    this.maxval = a.maxval;
    this.seed = checkSeed(a.seed);
  }

  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    const rng = new Random(this.seed);
    return filled(shape, dtype, () => rng.uniform(this.minval, this.maxval));
  }

  override getConfig() {
    return { seed: this.seed, minval: this.minval, maxval: this.maxval };
  }
}

/** Options of `RandomNormal` and `TruncatedNormal`. */
export interface NormalArgs extends SeededArgs {
  /** The mean of the draws. Default 0. */
  mean?: number;
  /** The standard deviation of the (untruncated) normal. Default 0.05. */
  stddev?: number;
}

/** Normal draws around `mean` with `stddev`; subclasses choose the unit draw. */
abstract class NormalInitializer extends Initializer {
  static override readonly signature = signature<NormalArgs>()({ mean: 0, stddev: 0.05, seed: null });
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | null;

  /** `a` as the subclass resolved it. */
  constructor(a: Required<NormalArgs>) {
    super();
    this.mean = a.mean;
    this.stddev = a.stddev;
    this.seed = checkSeed(a.seed);
  }

  protected abstract unitDraw(rng: Random): number;

  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    const rng = new Random(this.seed);
    return filled(shape, dtype, () => this.mean + this.stddev * this.unitDraw(rng));
  }

  override getConfig() {
    return { seed: this.seed, mean: this.mean, stddev: this.stddev };
  }
}

/** Normal draws, as `keras.initializers.RandomNormal`: `new RandomNormal(0, 0.1)`. */
export class RandomNormal extends NormalInitializer {
  static override className = 'RandomNormal';
  constructor(...args: KerasArgs<[mean: number, stddev: number, seed: number | null], NormalArgs>) {
    super(RandomNormal.signature.resolve(args, new.target));
  }
  protected unitDraw(rng: Random): number {
    return rng.normal();
  }
}

/** Normal draws redrawn beyond two standard deviations, as `keras.initializers.TruncatedNormal`. */
export class TruncatedNormal extends NormalInitializer {
  static override className = 'TruncatedNormal';
  constructor(...args: KerasArgs<[mean: number, stddev: number, seed: number | null], NormalArgs>) {
    super(TruncatedNormal.signature.resolve(args, new.target));
  }
  protected unitDraw(rng: Random): number {
    return truncatedNormal(rng);
  }
}
