import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, Model, type Tensor, ValueError, layers, memory, registerKerasSerializable, tensor } from '../../../ts/index.js';
import { deserializeLayer } from '../../../ts/engine/registry.js';
import { stringTensor } from '../../../ts/tensor/strings.js';
import { expectClose } from '../../helpers/close.js';
import { expectConfigRoundTrip } from '../round_trip.js';

interface LayerCase {
  name: string;
  config: Record<string, unknown>;
  adapt: string[] | null;
  inputs: string[] | string[][];
  vocabulary: string[];
  vocabulary_size: number;
  idf_weights: number[] | null;
  output: { shape: number[]; values: number[] };
}

const cases = JSON.parse(readFileSync(new URL('../../fixtures/text/layers.json', import.meta.url), 'utf8')) as LayerCase[];

/** The inputs of a case as a string tensor of their shape. */
function textTensor(inputs: string[] | string[][]) {
  const rows = inputs as unknown[];
  return Array.isArray(rows[0]) ? stringTensor((inputs as string[][]).flat(), [inputs.length, (inputs[0] as string[]).length]) : stringTensor(inputs as string[], [inputs.length]);
}

describe('TextVectorization', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: Keras\'s vocabulary, idf weights and outputs (layer rebuilt from Keras\'s config)', (_, c) => {
    const layer = deserializeLayer({ module: 'keras.layers', class_name: 'TextVectorization', config: { ...c.config, vocabulary_size: null }, registered_name: null }) as layers.TextVectorization;
    if (c.adapt !== null) layer.adapt(c.adapt);
    expect(layer.getVocabulary()).toEqual(c.vocabulary);
    expect(layer.vocabularySize()).toBe(c.vocabulary_size);
    if (c.idf_weights !== null) expectClose(layer._lookupLayer.idfWeights!, c.idf_weights, 1e-6);
    const before = memory().numTensors;
    const output = layer.apply(textTensor(c.inputs));
    expect(output.shape).toEqual(c.output.shape);
    expectClose(output, c.output.values, 1e-6);
    output.dispose();
    expect(memory().numTensors).toBe(before);
    expect(layer.getConfig()).toEqual({ ...c.config, name: layer.name });
  });

  it('learns from sync and async iterables of batches in one pass, as from all the texts at once', async () => {
    const texts = cases[0]!.adapt!;
    const whole = new layers.TextVectorization({ outputMode: 'tf_idf' });
    whole.adapt(texts);
    const batches = [texts.slice(0, 3), stringTensor(texts.slice(3), [texts.length - 3])];
    function* generate() {
      yield* batches;
    }
    const sync = new layers.TextVectorization({ outputMode: 'tf_idf' });
    sync.adapt(generate());
    async function* stream() {
      for (const batch of batches) yield batch;
    }
    const streamed = new layers.TextVectorization({ outputMode: 'tf_idf' });
    await streamed.adapt(stream());
    for (const layer of [sync, streamed]) {
      expect(layer.getVocabulary()).toEqual(whole.getVocabulary());
      expectClose(layer._lookupLayer.idfWeights!, Array.from(whole._lookupLayer.idfWeights!), 1e-7);
    }
    const firstOnly = new layers.TextVectorization();
    firstOnly.adapt(generate(), 1);
    expect(firstOnly.getVocabulary()).toContain('fox');
    expect(firstOnly.getVocabulary()).not.toContain('日本語');
  });

  it('runs registered standardize and split functions and saves them by name', () => {
    function shout(texts: string[]): string[] {
      return texts.map((t) => t.toUpperCase());
    }
    function onCommas(texts: string[]): string[][] {
      return texts.map((t) => t.split(','));
    }
    registerKerasSerializable(shout, { package: 'text_test' });
    registerKerasSerializable(onCommas, { package: 'text_test' });
    const layer = new layers.TextVectorization({ standardize: shout, split: onCommas, vocabulary: ['A', 'B C'] });
    expectClose(layer.apply(stringTensor(['a,b c,d'], [1])), [2, 3, 1], 0);
    const config = layer.getConfig();
    expect(config.standardize).toEqual({ module: 'builtins', class_name: 'function', config: 'text_test>shout', registered_name: 'function' });
    const rebuilt = expectConfigRoundTrip(layer) as layers.TextVectorization;
    expect(rebuilt.standardize).toBe(shout);
    expect(rebuilt.split).toBe(onCommas);
    expect(() => new layers.TextVectorization({ split: (t: string[]) => t.map((s) => [s]) }).getConfig()).toThrow('Register it first with registerKerasSerializable');
  });

  it('works in a Functional model on a string input, with the shapes Keras gives', () => {
    const text = Input({ shape: [], dtype: 'string' });
    const ids = new layers.TextVectorization({ outputSequenceLength: 6, vocabulary: ['a', 'b'] });
    const bag = new layers.TextVectorization({ outputMode: 'multi_hot', vocabulary: ['a', 'b'] });
    const model = new Model(text, [ids.apply(text), bag.apply(text)]);
    expect(model.outputs.map((o) => o.shape)).toEqual([[null, 6], [null, 3]]);
    const [intOut, multiHot] = model.predict<[Tensor, Tensor]>(['a b c', 'b']);
    expectClose(intOut, [2, 3, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0], 0);
    expectClose(multiHot, [1, 1, 1, 0, 0, 1], 0);
    intOut.dispose();
    multiHot.dispose();
  });

  it('refuses what Keras refuses, and what kerasm cannot do, with clear errors', () => {
    expect(() => new layers.TextVectorization({ outputMode: 'count', outputSequenceLength: 3 })).toThrow(
      "`output_sequence_length` must not be set if `output_mode` is not 'int'. Received output_sequence_length=3.",
    );
    expect(() => new layers.TextVectorization({ outputMode: 'bag' as never })).toThrow('Unknown value for `output_mode` argument of TextVectorization.');
    expect(() => new layers.TextVectorization({ standardize: 'upper' as never })).toThrow('Unknown value for `standardize` argument of TextVectorization.');
    expect(() => new layers.TextVectorization({ ngrams: [1.5] })).toThrow('`ngrams` must be None, an integer, or a tuple of integers.');
    expect(() => new layers.TextVectorization({ ragged: true })).toThrow(ValueError);
    expect(() => new layers.TextVectorization({ sparse: true })).toThrow(ValueError);
    const layer = new layers.TextVectorization({ vocabulary: ['a'] });
    expect(() => layer.apply(stringTensor(['a', 'b'], [1, 2]))).toThrow(
      'When using `TextVectorization` to tokenize strings, the input rank must be 1 or the last shape dimension must be 1. Received: inputs.shape=(1, 2) with rank=2',
    );
    expect(() => layer.adapt(['a'])).toThrow('Cannot adapt layer');
    expect(() => new layers.TextVectorization().adapt([])).toThrow('empty dataset');
    expect(() => new layers.TextVectorization().adapt([[1, 2]] as never)).toThrow(ValueError);
    expect(() => layer.apply(tensor([1, 2]))).toThrow("The input of TextVectorization layer '" + layer.name + "' must be a string tensor, received dtype float32");
  });
});
