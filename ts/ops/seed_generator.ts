/**
 * `SeedGenerator`, as `keras.random.SeedGenerator`: a seed plus a counter that advances on every
 * draw. A layer built with `seed: 1337` therefore draws a different mask on each call, and the
 * same sequence of masks as any other layer built with that seed.
 */
import { ValueError } from '../utils/errors.js';
import { makeDefaultSeed } from '../utils/random.js';

/** Seeds and counters cross into WebAssembly as JavaScript integers below 2^53. */
const LIMIT = 2 ** 53;

export class SeedGenerator {
  /** The seed this generator started from (drawn from the global seed source when none was given). */
  readonly seed: number;
  private counter = 0;

  /** `seed`: a non-negative integer below 2^53; null or omitted for one from the global source (see `setRandomSeed`). */
  constructor(seed: number | null = null) {
    if (seed === null || seed === undefined) {
      this.seed = makeDefaultSeed();
    } else {
      if (!Number.isInteger(seed) || seed < 0 || seed >= LIMIT) {
        throw new ValueError(`SeedGenerator: \`seed\` must be a non-negative integer below 2^53, received ${String(seed)}`);
      }
      this.seed = seed;
    }
  }

  /** The `(seed, counter)` key of the next draw; advances the counter. */
  next(): [number, number] {
    const key: [number, number] = [this.seed, this.counter];
    this.counter = (this.counter + 1) % LIMIT;
    return key;
  }
}
