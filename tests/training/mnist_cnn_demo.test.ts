import { describe, expect, it } from 'vitest';
import { run } from '../../examples/mnist_cnn.js';
import { memory } from '../../ts/index.js';

describe('the MNIST convnet demo, shortened', () => {
  it('learns well above chance in one epoch on 2,000 digits, and frees everything', async () => {
    const before = memory().numTensors;
    const { testAccuracy } = await run({ trainSamples: 2000, testSamples: 500, epochs: 1, verbose: 0, print: false });
    expect(testAccuracy).toBeGreaterThan(0.6);
    expect(memory().numTensors).toBe(before);
  });
});
