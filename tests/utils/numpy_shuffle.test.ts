/**
 * `numpyShuffle` against `np.random.RandomState(seed).shuffle(list(range(n)))` in NumPy (the
 * expected lists were printed by NumPy 2 in the Keras 3.15.1 environment).
 */
import { describe, expect, it } from 'vitest';
import { numpyShuffle } from '../../ts/utils/numpy_shuffle.js';
import { ValueError } from '../../ts/index.js';

function shuffled(n: number, seed: number): number[] {
  const items = Array.from({ length: n }, (_, i) => i);
  numpyShuffle(items, seed);
  return items;
}

describe('numpyShuffle', () => {
  it('orders a list as NumPy does for the same seed', () => {
    expect(shuffled(10, 0)).toEqual([2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
    expect(shuffled(37, 1337)).toEqual([14, 5, 15, 21, 31, 27, 0, 4, 10, 19, 13, 17, 16, 3, 7, 12, 34, 11, 30, 29, 2, 32, 35, 1, 24, 36, 33, 22, 6, 9, 8, 20, 18, 26, 25, 28, 23]);
    expect(shuffled(5, 2 ** 32 - 1)).toEqual([4, 1, 0, 2, 3]);
  });

  it('stays with NumPy past the first twist of the generator (1,000 items)', () => {
    const items = shuffled(1000, 123456);
    expect(items.slice(0, 8)).toEqual([602, 357, 946, 829, 650, 232, 394, 680]);
    expect(items.reduce((sum, v, i) => sum + i * v, 0)).toBe(253363092);
  });

  it("refuses a seed NumPy refuses, with NumPy's message", () => {
    expect(() => shuffled(3, -1)).toThrow(new ValueError('Seed must be between 0 and 2**32 - 1'));
    expect(() => shuffled(3, 2 ** 32)).toThrow(ValueError);
  });
});
