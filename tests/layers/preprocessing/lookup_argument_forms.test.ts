/** StringLookup, IntegerLookup and TextVectorization take Keras's positional arguments and the same values as options, with the same config either way. */
import { describe, expect, it } from 'vitest';
import { layers, tensor } from '../../../ts/index.js';

/** A layer's config without its name (each instance gets its own). */
function configOf(layer: { getConfig(): Record<string, unknown> }): Record<string, unknown> {
  const { name: _name, ...config } = layer.getConfig();
  return config;
}

describe('lookup and text layers, positional or options', () => {
  it('StringLookup(maxTokens, numOovIndices, maskToken, oovToken, vocabulary, idfWeights, invert, outputMode)', () => {
    const positional = new layers.StringLookup(null, 2, '', '[OOV]', ['a', 'b'], null, false, 'multi_hot');
    const options = new layers.StringLookup({ numOovIndices: 2, maskToken: '', oovToken: '[OOV]', vocabulary: ['a', 'b'], outputMode: 'multi_hot' });
    expect(configOf(positional)).toEqual(configOf(options));
    expect(configOf(positional)).toMatchObject({ num_oov_indices: 2, mask_token: '', oov_token: '[OOV]', output_mode: 'multi_hot' });
    const x = tensor([['a', 'z']]);
    expect(positional.apply(x).arraySync()).toEqual(options.apply(x).arraySync());
  });

  it('IntegerLookup(maxTokens, numOovIndices, maskToken, oovToken, vocabulary, vocabularyDtype, idfWeights, invert, outputMode)', () => {
    const positional = new layers.IntegerLookup(null, 1, 0, -1, [7, 9], 'int64', null, true);
    const options = new layers.IntegerLookup({ maskToken: 0, vocabulary: [7, 9], invert: true });
    expect(configOf(positional)).toEqual(configOf(options));
    expect(configOf(positional)).toMatchObject({ mask_token: 0, invert: true });
    const ids = tensor(new Int32Array([2, 3]), [2]);
    expect(positional.apply(ids).arraySync()).toEqual(options.apply(ids).arraySync());
  });

  it('TextVectorization(maxTokens, standardize, split, ngrams, outputMode, outputSequenceLength)', () => {
    const positional = new layers.TextVectorization(10, 'lower', 'whitespace', 2, 'int', 4);
    const options = new layers.TextVectorization({ maxTokens: 10, standardize: 'lower', ngrams: 2, outputSequenceLength: 4 });
    expect(configOf(positional)).toEqual(configOf(options));
    expect(configOf(positional)).toMatchObject({ max_tokens: 10, standardize: 'lower', ngrams: 2, output_sequence_length: 4 });
    positional.adapt(['The cat sat', 'the dog']);
    options.adapt(['The cat sat', 'the dog']);
    const texts = tensor(['the cat', 'a dog sat']);
    expect(positional.apply(texts).arraySync()).toEqual(options.apply(texts).arraySync());
  });
});
