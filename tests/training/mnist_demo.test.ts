import { describe, expect, it } from 'vitest';
import { loadMnist, run } from '../../examples/mnist_mlp.js';
import { memory } from '../../ts/index.js';

describe('the MNIST demo, shortened', () => {
  it('splits the 10,000 digits deterministically into 8,000 / 2,000 with balanced classes', () => {
    const a = loadMnist();
    const b = loadMnist();
    expect(a.train.y.length).toBe(8000);
    expect(a.test.y.length).toBe(2000);
    expect(a.train.x.length).toBe(8000 * 784);
    expect(a.train.y).toEqual(b.train.y);
    const counts = (ids: Int32Array) => Array.from({ length: 10 }, (_, d) => ids.filter((v) => v === d).length);
    expect(counts(a.test.y)).toEqual(new Array(10).fill(200));
    // The last 20% of the training set (what validationSplit holds out) holds every digit.
    expect(Math.min(...counts(a.train.y.subarray(6400)))).toBeGreaterThan(100);
  });

  it('learns well above chance in one epoch on 2,000 digits, and frees everything', async () => {
    const before = memory().numTensors;
    const { testAccuracy } = await run({ trainSamples: 2000, epochs: 1, verbose: 0, print: false });
    expect(testAccuracy).toBeGreaterThan(0.6);
    expect(memory().numTensors).toBe(before);
  });
});
