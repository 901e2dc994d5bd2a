import { describe, expect, it } from 'vitest';
import { run } from '../../examples/image_classifier.js';
import { memory } from '../../ts/index.js';

describe('the image-folder demo, shortened', () => {
  it('writes digits as PNG folders, trains from them, reloads the .keras file and beats chance; frees everything', async () => {
    const before = memory().numTensors;
    const { testAccuracy } = await run({ trainSamples: 600, testSamples: 200, epochs: 2, verbose: 0, print: false });
    expect(testAccuracy).toBeGreaterThan(0.3);
    expect(memory().numTensors).toBe(before);
  });
});
