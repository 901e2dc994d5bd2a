import { describe, expect, it } from 'vitest';
import { SAMPLES, runRawText } from '../../examples/raw_text_classifier.js';
import { loadSpamTexts } from '../../examples/spam_corpus.js';
import { memory } from '../../ts/index.js';

describe('the raw-text demo, shortened', () => {
  it('a model that starts with TextVectorization learns spam from raw e-mails, and once saved and reloaded answers predict on raw strings', async () => {
    const before = memory().numTensors;
    const { accuracy, samples } = await runRawText({ trainSamples: 1500, epochs: 2, print: false });
    const test = loadSpamTexts().test.labels;
    const hamShare = 1 - test.reduce((n, v) => n + v, 0) / test.length;
    expect(accuracy).toBeGreaterThan(hamShare + 0.1);
    const [spam, ham] = SAMPLES.map((text) => samples[text]!);
    expect(spam).toBeGreaterThan(ham!);
    expect(memory().numTensors).toBe(before);
  }, 120_000);
});
