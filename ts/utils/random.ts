/**
 * Random numbers drawn in JavaScript, and the one source every unseeded draw starts from.
 *
 * `Random` is a small seeded generator (xoshiro128**) for weight initialisation: same seed, same
 * weights. Whatever kerasm draws without a seed (an initializer or a `SeedGenerator` built with
 * `seed: null`, an unseeded `ops.randomUniform`, the shuffling of `fit`) takes its seed or its
 * values from the global source here: `Math.random` until `setRandomSeed(seed)`, then a `Random`
 * seeded with `seed`, as Keras's `set_random_seed` seeds Python's and NumPy's generators. The same
 * program after the same `setRandomSeed` therefore draws the same weights, masks and batches.
 */
import { ValueError } from './errors.js';
import { pythonRepr, pythonTypeName } from './python_repr.js';

/** Seeds are 32-bit, as NumPy's (`np.random.seed` takes 0 to 2**32 - 1). */
const SEED_LIMIT = 2 ** 32;

export class Random {
  private s: Uint32Array;

  /** `seed`: an integer; null or omitted for one from the global source. */
  constructor(seed?: number | null) {
    const base = seed ?? makeDefaultSeed();
    this.s = new Uint32Array(4);
    let x = base >>> 0 || 0x9e3779b9;
    for (let i = 0; i < 4; i++) {
      // splitmix32 spreads a single seed over the four state words.
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }

  /** Uniform in [0, 1). */
  next(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!; s[3]! ^= s[1]!; s[1]! ^= s[2]!; s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result / 2 ** 32;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Standard normal by Box–Muller. */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The global source once `setRandomSeed` has seeded it; null while draws come from `Math.random`. */
let seeded: Random | null = null;
/** How many times `setRandomSeed` was called: generators made from the source restart when it changes. */
let generation = 0;

/**
 * Sets the seed of every random draw that is not given its own, as `keras.utils.set_random_seed`:
 * afterwards, unseeded initializers, dropout-like layers, unseeded `ops.randomUniform` /
 * `ops.randomNormal` and the shuffling of `fit` draw the same values each time the program runs.
 *
 * @example
 * utils.setRandomSeed(1337);
 * const model = buildModel();   // the same initial weights on every run
 */
export function setRandomSeed(seed: number): void {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new ValueError(`Expected \`seed\` argument to be an integer. Received: seed=${pythonRepr(seed)} (of type <class '${pythonTypeName(seed)}'>)`);
  }
  if (seed < 0 || seed >= SEED_LIMIT) throw new ValueError('Seed must be between 0 and 2**32 - 1');
  seeded = new Random(seed);
  generation++;
}

/** Uniform in [0, 1) from the global source. */
export function globalRandom(): number {
  return seeded ? seeded.next() : Math.random();
}

/** A fresh seed from the global source, for something built without one (Keras's `make_default_seed`). */
export function makeDefaultSeed(): number {
  return Math.floor(globalRandom() * SEED_LIMIT);
}

/** Changes on every `setRandomSeed`, so that a generator drawn from the source knows to start again. */
export function seedGeneration(): number {
  return generation;
}
