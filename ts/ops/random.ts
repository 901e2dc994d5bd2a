/**
 * Random tensors, as `keras.random`: `randomUniform` and `randomNormal`, drawn in Rust by a
 * counter-based generator (the same values for any thread count). A `seed` may be an integer
 * (the same draw every time), a `SeedGenerator` (a reproducible sequence of draws), or omitted
 * (a fresh draw from the global generator, seeded from the global seed source: at random, or by
 * `setRandomSeed`, which starts it again). Draws carry no gradient.
 */
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { seedGeneration } from '../utils/random.js';
import { SeedGenerator } from './seed_generator.js';
import { wrap } from '../tensor/create.js';

export { SeedGenerator } from './seed_generator.js';

/** An integer seed, a generator, or null / undefined for the global unseeded generator. */
export type Seed = number | SeedGenerator | null | undefined;

/** The generator of unseeded draws, made again after each `setRandomSeed` (Keras resets its global SeedGenerator). */
let global: { generator: SeedGenerator; generation: number } | null = null;

function globalSeedGenerator(): SeedGenerator {
  if (global?.generation !== seedGeneration()) global = { generator: new SeedGenerator(), generation: seedGeneration() };
  return global.generator;
}

function key(seed: Seed): [number, number] {
  if (seed instanceof SeedGenerator) return seed.next();
  if (seed === null || seed === undefined) return globalSeedGenerator().next();
  return new SeedGenerator(seed).next();
}

function dims(op: string, shape: unknown): Int32Array {
  const ok = Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0 && d <= 0x7fffffff);
  if (!ok) throw new ValueError(`${op}: \`shape\` must be an array of non-negative integers, received ${JSON.stringify(shape)}`);
  return Int32Array.from(shape as number[]);
}

function number(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValueError(`${op}: \`${name}\` must be a finite number, received ${String(value)}`);
  return value;
}

export interface RandomUniformArgs {
  /** Lower bound (inclusive). Default 0. */
  minval?: number;
  /** Upper bound (exclusive). Default 1. */
  maxval?: number;
  /** An integer, a `SeedGenerator`, or none for an unseeded draw. */
  seed?: Seed;
}

/** float32 values of `shape` drawn uniformly from `[minval, maxval)`. */
export function randomUniform(shape: number[], args: RandomUniformArgs = {}): Tensor {
  const d = dims('randomUniform', shape);
  const lo = number('randomUniform', 'minval', args.minval ?? 0);
  const hi = number('randomUniform', 'maxval', args.maxval ?? 1);
  const [seed, counter] = key(args.seed);
  return wrap('randomUniform', call('randomUniform', (w: Glue) => w.random_uniform(d, lo, hi, seed, counter)));
}

export interface RandomNormalArgs {
  /** Mean of the distribution. Default 0. */
  mean?: number;
  /** Standard deviation of the distribution (non-negative). Default 1. */
  stddev?: number;
  /** An integer, a `SeedGenerator`, or none for an unseeded draw. */
  seed?: Seed;
}

/** float32 values of `shape` drawn from the normal distribution N(mean, stddev²). */
export function randomNormal(shape: number[], args: RandomNormalArgs = {}): Tensor {
  const d = dims('randomNormal', shape);
  const mean = number('randomNormal', 'mean', args.mean ?? 0);
  const stddev = number('randomNormal', 'stddev', args.stddev ?? 1);
  const [seed, counter] = key(args.seed);
  return wrap('randomNormal', call('randomNormal', (w: Glue) => w.random_normal(d, mean, stddev, seed, counter)));
}
