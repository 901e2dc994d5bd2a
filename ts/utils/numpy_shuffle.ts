/**
 * NumPy's legacy `np.random.RandomState(seed).shuffle(list)`, bit for bit: Keras's directory
 * loaders shuffle their file list and labels with it, so the same `seed` must give the same files
 * in the training and validation splits here as in Keras.
 *
 * The generator is MT19937 seeded as `mt19937_seed` (NumPy's seeding of an integer seed); the
 * shuffle is Fisher–Yates from the end, each index drawn by `random_interval` (a masked 32-bit
 * draw, rejected while above the bound).
 */
import { ValueError } from './errors.js';

const N = 624;
const M = 397;

class Mt19937 {
  private readonly state = new Uint32Array(N);
  private position = N;

  constructor(seed: number) {
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      this.state[i] = s;
      // 1812433253 * (s ^ (s >>> 30)) + i + 1, modulo 2**32.
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
  }

  nextUint32(): number {
    if (this.position >= N) this.twist();
    let y = this.state[this.position++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const mt = this.state;
    for (let i = 0; i < N; i++) {
      const y = (mt[i]! & 0x80000000) | (mt[(i + 1) % N]! & 0x7fffffff);
      mt[i] = mt[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.position = 0;
  }

  /** A uniform integer in [0, max], as NumPy's `random_interval` (for max < 2**32). */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    for (const shift of [1, 2, 4, 8, 16]) mask |= mask >>> shift;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0; while (value > max);
    return value;
  }
}

/** Shuffles `items` in place as `np.random.RandomState(seed).shuffle(items)`. */
export function numpyShuffle<T>(items: T[], seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new ValueError('Seed must be between 0 and 2**32 - 1');
  const rng = new Mt19937(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.interval(i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
