/**
 * Lookup layers in `.keras` files, both ways: a Keras-made file (tests/fixtures/lookup, written
 * by scripts/keras/lookup_fixtures.py) loads in kerasm and gives Keras's outputs; kerasm's file
 * holds the vocabularies as Keras stores them (`assets/<layer path>/vocabulary.txt`, TF-IDF
 * weights as `idf_weights` in the weights file), loads back in kerasm, and, when the Keras venv
 * (/tmp/kenv-layers, or KERAS_LAYERS_VENV) is there, loads in Keras with the same outputs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Input, type Model, type Tensor, layers, loadModel, memory, saveModel, tensor, tidy } from '../../ts/index.js';
import type { IndexLookup } from '../../ts/layers/preprocessing/index_lookup.js';
import type { Token } from '../../ts/layers/preprocessing/token_counts.js';
import { Model as FunctionalModel } from '../../ts/models/model.js';
import { expectClose } from '../helpers/close.js';
import { zipEntries } from './zip_helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/lookup/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VENV_PYTHON = join(process.env.KERAS_LAYERS_VENV ?? '/tmp/kenv-layers', 'bin', 'python');

interface ModelRecord {
  inputs: Token[][];
  outputs: number[][][];
}

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')) as T;
}

/** The data lookup_fixtures.py adapts on: strings or integers. */
const adaptData = <T extends Token>(kind: 'string' | 'integer') => fixture<{ adapt: T[][] }>(`${kind}_adapted`).adapt;

/** The models of lookup_fixtures.py, built and adapted in kerasm, with the vocabulary Keras learns for the first layer. */
const MODELS = {
  string_lookup_model: {
    build(): Model {
      const words = Input({ shape: [3], dtype: 'string', name: 'words' });
      const adapted = new layers.StringLookup({ maskToken: '', name: 'adapted_words' });
      adapted.adapt(adaptData<string>('string'));
      const given = new layers.StringLookup({ vocabulary: ['cat', 'the', 'é'], outputMode: 'multi_hot', name: 'given_words' });
      return new FunctionalModel({ inputs: words, outputs: [adapted.apply(words), given.apply(words)], name: 'string_lookup_model' });
    },
    firstLayer: 'adapted_words',
    vocabulary: ['', '[UNK]', 'the', '🙂', 'é', 'sat', 'cat', 'a', '\uff21', 'zebra', 'ran', 'e', 'dog'],
  },
  integer_lookup_model: {
    build(): Model {
      const numbers = Input({ shape: [3], dtype: 'int32', name: 'numbers' });
      const counted = new layers.IntegerLookup({ outputMode: 'count', name: 'counted' });
      counted.adapt(adaptData<number>('integer'));
      const weighted = new layers.IntegerLookup({ outputMode: 'tf_idf', maskToken: 0, name: 'weighted' });
      weighted.adapt(adaptData<number>('integer'));
      const given = new layers.IntegerLookup({ vocabulary: [4, 8, 15], numOovIndices: 2, name: 'given' });
      return new FunctionalModel({ inputs: numbers, outputs: [counted.apply(numbers), weighted.apply(numbers), given.apply(numbers)], name: 'integer_lookup_model' });
    },
    firstLayer: 'counted',
    vocabulary: [-1, 5, 9, 7, 3, 40, 12, 2],
  },
};
const NAMES = Object.keys(MODELS) as (keyof typeof MODELS)[];

/** The model's outputs on `inputs` (strings, or integers as int32), as nested arrays. */
function outputsOf(model: Model, inputs: Token[][]): number[][][] {
  return tidy(() => {
    const x = typeof inputs[0]![0] === 'string' ? tensor(inputs as string[][]) : tensor(Int32Array.from(inputs.flat() as number[]), [inputs.length, inputs[0]!.length], 'int32');
    return model.predict<Tensor[]>(x, { verbose: 0 }).map((t) => t.arraySync() as number[][]);
  });
}

function expectOutputs(got: number[][][], want: number[][][]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expectClose(g.flat(), want[i]!.flat(), 1e-5));
}

const textOf = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe.each(NAMES)('lookup layers in .keras files: %s', (name) => {
  const spec = MODELS[name];
  const rec = fixture<ModelRecord>(name);

  it("a Keras-made file loads in kerasm with its vocabularies (and TF-IDF weights) and gives Keras's outputs", async () => {
    const before = memory().numTensors;
    const model = await loadModel(`${FIXTURES}${name}.keras`);
    expectOutputs(outputsOf(model, rec.inputs), rec.outputs);
    expect((model.getLayer(spec.firstLayer) as IndexLookup<Token>).getVocabulary()).toEqual(spec.vocabulary);
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("kerasm's file stores the vocabularies as Keras does and loads back with the same outputs", async () => {
    const model = spec.build();
    expectOutputs(outputsOf(model, rec.inputs), rec.outputs);
    const bytes = await saveModel(model);
    const entries = new Map(await zipEntries(bytes));
    const kerasEntries = new Map(await zipEntries(readFileSync(`${FIXTURES}${name}.keras`)));
    const assets = (m: Map<string, Uint8Array>) => [...m.keys()].filter((n) => n.startsWith('assets/')).sort();
    expect(assets(entries)).toEqual(assets(kerasEntries));
    for (const asset of assets(entries)) expect(textOf(entries.get(asset))).toBe(textOf(kerasEntries.get(asset)));
    const loaded = await loadModel(bytes);
    expectOutputs(outputsOf(loaded, rec.inputs), rec.outputs);
    model.dispose();
    loaded.dispose();
  });

  it.runIf(existsSync(VENV_PYTHON))("Keras loads kerasm's file and gives kerasm's outputs", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kerasm-lookup-'));
    try {
      const model = spec.build();
      writeFileSync(join(dir, `${name}.keras`), await saveModel(model));
      writeFileSync(join(dir, `${name}.json`), JSON.stringify({ inputs: rec.inputs, outputs: outputsOf(model, rec.inputs) }));
      model.dispose();
      const run = spawnSync(VENV_PYTHON, ['scripts/keras/lookup_fixtures.py', 'check', dir], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, KERAS_BACKEND: 'tensorflow' } });
      expect(run.stdout).toContain(`PASS ${name}.keras`);
      expect(run.status, run.stdout + run.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
