/**
 * StringLookup and IntegerLookup against real Keras: each case of tests/fixtures/lookup (written
 * by scripts/keras/lookup_fixtures.py with Keras 3.15.1) rebuilds the layer from Keras's config,
 * adapts it on the same data, and compares the vocabulary, its size, the TF-IDF weights, the
 * config after adapting and the output on the same input.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Tensor, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer } from '../../../ts/engine/registry.js';
import type { IndexLookup } from '../../../ts/layers/preprocessing/index_lookup.js';
import type { Token } from '../../../ts/layers/preprocessing/token_counts.js';
import { expectClose } from '../../helpers/close.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/lookup/', import.meta.url));

interface LookupCase {
  class_name: string;
  config: Record<string, unknown>;
  adapt: Token[][] | null;
  inputs: Token[][];
  vocabulary: Token[];
  vocabulary_without_special_tokens: Token[];
  vocabulary_size: number;
  idf_weights: number[] | null;
  config_after: Record<string, unknown>;
  output: (number | string)[][];
  output_shape: number[];
}

const cases = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json') && !f.endsWith('_model.json'))
  .map((f) => [f.replace('.json', ''), JSON.parse(readFileSync(`${FIXTURES}${f}`, 'utf8')) as LookupCase] as const);

/** The fixture's input as a tensor: integers as int32, strings as a string tensor. */
function inputTensor(values: Token[][]): Tensor {
  return typeof values[0]![0] === 'string' ? tensor(values as string[][]) : tensor(Int32Array.from(values.flat() as number[]), [values.length, values[0]!.length], 'int32');
}

function withoutName(config: Record<string, unknown>): Record<string, unknown> {
  const { name: _name, ...rest } = config;
  return rest;
}

describe("lookup layers give Keras's vocabularies and outputs", () => {
  it.each(cases)('%s', (_name, fx) => {
    const layer = deserializeLayer({ module: 'keras.layers', class_name: fx.class_name, config: fx.config, registered_name: null }) as IndexLookup<Token>;
    if (fx.adapt !== null) layer.adapt(fx.adapt);
    expect(layer.getVocabulary()).toEqual(fx.vocabulary);
    expect(layer.getVocabulary(false)).toEqual(fx.vocabulary_without_special_tokens);
    expect(layer.vocabularySize()).toBe(fx.vocabulary_size);
    if (fx.idf_weights !== null) expectClose(layer.idfWeights!, fx.idf_weights, 1e-6);
    expect(withoutName(layer.getConfig())).toEqual(withoutName(fx.config_after));
    tidy(() => {
      const output = layer.apply(inputTensor(fx.inputs));
      expect(output.shape).toEqual(fx.output_shape);
      if (typeof fx.output.flat()[0] === 'string') expect(output.arraySync()).toEqual(fx.output);
      else expectClose(output, fx.output.flat() as number[], 1e-5);
    });
  });
});
