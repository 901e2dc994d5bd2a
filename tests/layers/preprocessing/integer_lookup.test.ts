import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layers, memory, tensor, tidy } from '../../../ts/index.js';
import { expectClose } from '../../helpers/close.js';
import { expectConfigRoundTrip } from '../round_trip.js';

const ints = (values: number[][]) => tensor(Int32Array.from(values.flat()), [values.length, values[0]!.length], 'int32');
const NUMBERS = [[3, 5, 5], [5, 7, 9], [9, 9, 2]];

describe('IntegerLookup', () => {
  it("gives Keras's docstring examples: a given vocabulary, OOV and mask indices, invert", () => {
    tidy(() => {
      const data = ints([[12, 1138, 42], [42, 1000, 36]]);
      expect(new layers.IntegerLookup({ vocabulary: [12, 36, 1138, 42] }).apply(data).arraySync()).toEqual([[1, 3, 4], [4, 0, 2]]);
      expect(new layers.IntegerLookup({ vocabulary: [12, 36, 1138, 42], numOovIndices: 2 }).apply(data).arraySync()).toEqual([[2, 4, 5], [5, 0, 3]]);
      const masked = new layers.IntegerLookup({ vocabulary: [12, 36, 1138, 42], maskToken: 0 });
      expect(masked.getVocabulary()).toEqual([0, -1, 12, 36, 1138, 42]);
      expect(masked.apply(ints([[12, 1138, 42], [42, 0, 36]])).arraySync()).toEqual([[2, 4, 5], [5, 0, 3]]);
      const inverse = new layers.IntegerLookup({ vocabulary: [12, 36, 1138, 42], invert: true });
      expect(inverse.apply(ints([[1, 3, 4], [4, 0, 2]])).arraySync()).toEqual([[12, 1138, 42], [42, -1, 36]]);
    });
  });

  it('learns the same vocabulary from nested arrays, a tensor, batches, a generator and an async generator', async () => {
    const expected = [-1, 9, 5, 7, 3, 2];
    const fromArray = new layers.IntegerLookup();
    fromArray.adapt(NUMBERS);
    expect(fromArray.getVocabulary()).toEqual(expected);
    tidy(() => {
      const fromTensor = new layers.IntegerLookup();
      fromTensor.adapt(ints(NUMBERS));
      const fromBatches = new layers.IntegerLookup();
      fromBatches.adapt([ints(NUMBERS.slice(0, 1)), ints(NUMBERS.slice(1))]);
      const fromGenerator = new layers.IntegerLookup();
      fromGenerator.adapt((function* () {
        for (const row of NUMBERS) yield [row];
      })());
      for (const layer of [fromTensor, fromBatches, fromGenerator]) expect(layer.getVocabulary()).toEqual(expected);
    });
    const fromAsync = new layers.IntegerLookup();
    const pending = fromAsync.adapt((async function* () {
      for (const row of NUMBERS) yield [row];
      yield [[1000, 1000, 1000, 1000]];
    })(), 3);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(fromAsync.getVocabulary()).toEqual(expected);
  });

  it("counts TF-IDF documents as Keras does: all the data's rows, or one document per vector batch", () => {
    const whole = new layers.IntegerLookup({ outputMode: 'tf_idf' });
    whole.adapt([1, 1, 2]);
    // Three one-token documents: 1 in two of them, 2 in one; the OOV index gets their mean.
    const [one, two] = [Math.log(1 + 3 / 3), Math.log(1 + 3 / 2)];
    expectClose(whole.idfWeights!, [(one + two) / 2, one, two], 1e-6);
    const batched = new layers.IntegerLookup({ outputMode: 'tf_idf' });
    batched.adapt([[1, 1, 2]].values());
    // One document holding both tokens.
    expectClose(batched.idfWeights!, [Math.log(1.5), Math.log(1.5), Math.log(1.5)], 1e-6);
  });

  it('takes the vocabulary with its special tokens, from a file, or replaced by setVocabulary', () => {
    const layer = new layers.IntegerLookup({ vocabulary: [0, -1, 7, 8], maskToken: 0 });
    expect(layer.getVocabulary()).toEqual([0, -1, 7, 8]);
    expect(layer.getVocabulary(false)).toEqual([7, 8]);
    layer.setVocabulary([9, 10, 11]);
    expect(layer.vocabularySize()).toBe(5);
    const dir = mkdtempSync(join(tmpdir(), 'kerasm-vocab-'));
    try {
      writeFileSync(join(dir, 'vocab.txt'), '40\n30\r\n20\n\n');
      const fromFile = new layers.IntegerLookup({ vocabulary: join(dir, 'vocab.txt') });
      expect(fromFile.getVocabulary()).toEqual([-1, 40, 30, 20]);
      // A file's vocabulary is not in the config: a .keras archive stores it as an asset.
      expect(fromFile.getConfig().vocabulary).toBeNull();
      expect(() => new layers.IntegerLookup({ vocabulary: join(dir, 'missing.txt') })).toThrow(`Vocabulary file ${join(dir, 'missing.txt')} does not exist.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses bad vocabularies with Keras's messages", () => {
    expect(() => new layers.IntegerLookup({ vocabulary: [1, 2, 1] })).toThrow('The passed vocabulary has at least one repeated term. Please uniquify your dataset. The repeated terms are: [1]');
    expect(() => new layers.IntegerLookup({ vocabulary: [1, 0], maskToken: 0 })).toThrow(
      "Found reserved mask token at unexpected location in `vocabulary`. Note that passed `vocabulary` does not need to include the OOV and mask tokens. Either remove all mask and OOV tokens, or include them only at the start of the vocabulary in precisely this order: [0, -1]. Received: mask_token=0 at vocabulary index [1]",
    );
    expect(() => new layers.IntegerLookup({ vocabulary: [1, -1], invert: true })).toThrow('Found reserved OOV token at unexpected location');
    expect(() => new layers.IntegerLookup({ vocabulary: [1, 2, 3], maxTokens: 3 })).toThrow('Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is 4; `max_tokens` is 3.');
    expect(() => new layers.IntegerLookup({ vocabulary: [] })).toThrow('Cannot set an empty vocabulary. Received: vocabulary=[]');
    expect(() => new layers.IntegerLookup({ vocabulary: [1], idfWeights: [1] })).toThrow("`idf_weights` should only be set if `output_mode` is `'tf_idf'`");
    expect(() => new layers.IntegerLookup({ vocabulary: [1], outputMode: 'tf_idf' })).toThrow('When specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` argument must also be provided.');
    expect(() => new layers.IntegerLookup({ vocabulary: [1], idfWeights: [1, 2], outputMode: 'tf_idf' })).toThrow('`idf_weights` must be the same length as vocabulary. len(idf_weights) is 2; len(vocabulary) is 1');
  });

  it("refuses bad arguments with Keras's messages, and what kerasm cannot do by name", () => {
    expect(() => new layers.IntegerLookup({ maxTokens: 1 })).toThrow('If `max_tokens` is set for `IntegerLookup`, it must be greater than 1. Received: max_tokens=1');
    expect(() => new layers.IntegerLookup({ numOovIndices: -1 })).toThrow('The value of `num_oov_indices` argument for `IntegerLookup` must >= 0. Received: num_oov_indices=-1');
    expect(() => new layers.IntegerLookup({ padToMaxTokens: true })).toThrow('If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None');
    expect(() => new layers.IntegerLookup({ outputMode: 'dense' as never })).toThrow(
      "Unknown value for `output_mode` argument of IntegerLookup. Allowed values are: ('int', 'one_hot', 'multi_hot', 'count', 'tf_idf'). Received: output_mode=dense",
    );
    expect(() => new layers.IntegerLookup({ invert: true, outputMode: 'count' })).toThrow("`output_mode` must be `'int'` when `invert` is true. Received: output_mode=count");
    expect(() => new layers.IntegerLookup({ sparse: true })).toThrow('`sparse` may only be true if `output_mode` is');
    expect(() => new layers.IntegerLookup({ sparse: true, outputMode: 'count' })).toThrow('kerasm has no sparse tensors');
    expect(() => new layers.IntegerLookup({ vocabularyDtype: 'int32' as never })).toThrow("Only `vocabulary_dtype='int64'` is supported at this time. Received: vocabulary_dtype=int32");
    expect(() => new layers.IntegerLookup({ numOovIndices: 2, salt: 3 })).toThrow("`salt` can only be used when `oov_method='farmhash'`. Received: oov_method=floormod");
    expect(() => new layers.IntegerLookup({ oovMethod: 'modulo' as never })).toThrow("Unknown value for `oov_method` argument of IntegerLookup. Allowed values are: ('floormod', 'farmhash'). Received: oov_method=modulo");
    expect(new layers.IntegerLookup({ numOovIndices: 2, oovMethod: 'farmhash', salt: 3 }).getConfig().salt).toEqual([3, 3]);
    expect(new layers.IntegerLookup({ outputMode: 'binary' as never }).outputMode).toBe('multi_hot');
  });

  it('refuses strings, OOV integers without OOV indices, adapting a given vocabulary, an empty dataset, and encoding without a vocabulary', () => {
    const layer = new layers.IntegerLookup({ vocabulary: [4, 8], numOovIndices: 0 });
    expect(() => layer.apply(tensor([['a']]))).toThrow("IntegerLookup layer 'integer_lookup");
    expect(() => layer.apply(ints([[4, 5]]))).toThrow('When `num_oov_indices=0` all inputs should be in vocabulary, found OOV values [5], consider setting `num_oov_indices=1`.');
    expect(() => layer.adapt([[1]])).toThrow(`Cannot adapt layer '${layer.name}' after setting a static vocabulary via \`vocabulary\` argument or \`set_vocabulary()\` method.`);
    expect(() => new layers.IntegerLookup().adapt([['a']] as never)).toThrow("takes integers, but received 'a' (a string: use StringLookup for strings)");
    expect(() => new layers.IntegerLookup().adapt([])).toThrow('received an empty dataset');
    expect(() => new layers.IntegerLookup().adapt([][Symbol.iterator]())).toThrow('received an empty dataset');
    const before = memory().numTensors;
    const unset = new layers.IntegerLookup({ outputMode: 'multi_hot' });
    const x = ints([[1]]);
    expect(() => unset.apply(x)).toThrow("When using `output_mode=multi_hot` and `pad_to_max_tokens=False`, you must set the layer's vocabulary before calling it.");
    unset.setVocabulary([1, 2]);
    expect(() => unset.setVocabulary([1, 2, 3])).toThrow('the vocabulary size cannot be changed after the layer is called. Old vocab size is 3, new vocab size is 4');
    x.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("keeps a given vocabulary in the config, an adapted one's size only", () => {
    expectConfigRoundTrip(new layers.IntegerLookup({ vocabulary: [4, 8], maskToken: 0, outputMode: 'count' }));
    const adapted = new layers.IntegerLookup({ outputMode: 'one_hot' });
    adapted.adapt(NUMBERS);
    expect(adapted.getConfig()).toMatchObject({ vocabulary: null, vocabulary_size: 6, output_mode: 'one_hot' });
  });
});
