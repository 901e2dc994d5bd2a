import { describe, expect, it } from 'vitest';
import { Input, type Tensor, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { Model } from '../../../ts/models/model.js';

const VOCABULARY = ['a', 'b', 'c', 'd'];

describe('StringLookup', () => {
  it("gives Keras's docstring examples: a given vocabulary, OOV indices, a mask, invert", () => {
    const data = tensor([['a', 'c', 'd'], ['d', 'z', 'b']]);
    expect(new layers.StringLookup({ vocabulary: VOCABULARY }).apply(data).arraySync()).toEqual([[1, 3, 4], [4, 0, 2]]);
    const masked = new layers.StringLookup({ vocabulary: VOCABULARY, maskToken: '[MASK]' });
    expect(masked.getVocabulary()).toEqual(['[MASK]', '[UNK]', 'a', 'b', 'c', 'd']);
    expect(masked.apply(tensor([['a', 'c', 'd'], ['d', '[MASK]', 'b']])).arraySync()).toEqual([[2, 4, 5], [5, 0, 3]]);
    const inverse = new layers.StringLookup({ vocabulary: VOCABULARY, invert: true });
    const words = inverse.apply(tensor(Int32Array.of(1, 3, 4, 4, 0, 2), [2, 3], 'int32'));
    expect(words.dtype).toBe('string');
    expect(words.arraySync()).toEqual([['a', 'c', 'd'], ['d', '[UNK]', 'b']]);
    const counts = new layers.StringLookup({ vocabulary: VOCABULARY, outputMode: 'count' });
    tidy(() => expect(counts.apply(tensor([['a', 'c', 'd', 'd'], ['d', 'z', 'b', 'z']])).arraySync()).toEqual([[0, 1, 0, 1, 2], [2, 0, 1, 0, 1]]));
  });

  it('learns a vocabulary from strings, ties broken by the greater code point first (as NumPy sorts UTF-8 bytes)', () => {
    const layer = new layers.StringLookup();
    // '🙂' (U+1F642) is above 'Ａ' (U+FF21) though its first UTF-16 unit is below.
    layer.adapt([['Ａ', '🙂', 'b'], ['b', 'a', 'a']]);
    expect(layer.getVocabulary()).toEqual(['[UNK]', 'b', 'a', '🙂', 'Ａ']);
  });

  it('refuses numbers, a bad salt, and what kerasm cannot do, by name', () => {
    const layer = new layers.StringLookup({ vocabulary: VOCABULARY });
    const ids = tensor(Int32Array.of(1, 2), [2], 'int32');
    expect(() => layer.apply(ids)).toThrow(`StringLookup layer '${layer.name}' takes strings, but received a tensor of int32: use IntegerLookup for integers.`);
    ids.dispose();
    expect(() => new layers.StringLookup().adapt([[1, 2]] as never)).toThrow('takes strings, but received 1 (a number: use IntegerLookup for integers)');
    expect(() => new layers.StringLookup({ vocabulary: ['a', 'a'] })).toThrow("The repeated terms are: ['a']");
    expect(() => new layers.StringLookup({ salt: [1, 2, 3] as never })).toThrow('The `salt` argument for `IndexLookup` can only be a tuple of 2 integers, or a single integer. Received: salt=[1, 2, 3].');
    expect(() => new layers.StringLookup({ encoding: 'latin-1' })).toThrow('kerasm does not support the argument `encoding`');
  });

  it('maps raw strings inside a Functional model, trains on them with fit, and predicts from arrays of strings', async () => {
    const before = memory().numTensors;
    const words = Input({ shape: [2], dtype: 'string' });
    const lookup = new layers.StringLookup({ vocabulary: VOCABULARY, outputMode: 'multi_hot' });
    const model = new Model({ inputs: words, outputs: new layers.Dense(1, { activation: 'sigmoid' }).apply(lookup.apply(words)) });
    model.compile({ optimizer: 'adam', loss: 'binary_crossentropy' });
    const x = tensor([['a', 'b'], ['c', 'z'], ['d', 'a'], ['z', 'z']]);
    const y = tensor([[1], [0], [1], [0]]);
    const history = await model.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0 });
    expect(history.history.loss).toHaveLength(2);
    const predicted = model.predict<Tensor>(x, { verbose: 0 });
    expect(predicted.shape).toEqual([4, 1]);
    for (const t of [x, y, predicted]) t.dispose();
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
