import { describe, expect, it } from 'vitest';
import { loadSpamCorpus } from '../../examples/spam_corpus.js';
import { run } from '../../examples/text_classifier.js';
import { memory } from '../../ts/index.js';

describe('the text demo, shortened', () => {
  it('splits the 6,046 e-mails deterministically and encodes them with TextVectorization', () => {
    const a = loadSpamCorpus(1000, 20);
    const b = loadSpamCorpus(1000, 20);
    expect([a.train.y.length, a.test.y.length]).toEqual([4837, 1209]);
    expect(a.train.x.length).toBe(4837 * 20);
    expect(a.train.x).toEqual(b.train.x);
    expect(a.vocabulary.slice(0, 2)).toEqual(['', '[UNK]']);
    expect(a.vocabulary).toHaveLength(1000);
    expect(Math.max(...a.train.x)).toBe(999);
    // Both sets hold spam and ham in about the corpus's proportion (1,896 of 6,046 are spam).
    for (const { y } of [a.train, a.test]) expect(y.reduce((n, v) => n + v, 0) / y.length).toBeCloseTo(1896 / 6046, 1);
  });

  it('both models learn above the share of the commoner class in two epochs on 1,500 e-mails, and free everything', async () => {
    const before = memory().numTensors;
    const accuracies = await run({ trainSamples: 1500, epochs: 2, verbose: 0, print: false });
    const test = loadSpamCorpus(1000, 20).test.y;
    const hamShare = 1 - test.reduce((n, v) => n + v, 0) / test.length;
    expect(Object.keys(accuracies)).toEqual(['bidirectional_lstm', 'transformer']);
    for (const accuracy of Object.values(accuracies)) expect(accuracy).toBeGreaterThan(hamShare + 0.1);
    expect(memory().numTensors).toBe(before);
  });
});
