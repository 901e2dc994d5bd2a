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
import { Model as FunctionalModel } from '../../ts/models/model.js';
import { expectClose } from '../helpers/close.js';
import { zipEntries } from './zip_helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/lookup/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VENV_PYTHON = join(process.env.KERAS_LAYERS_VENV ?? '/tmp/kenv-layers', 'bin', 'python');

interface ModelRecord {
  inputs: number[][];
  outputs: number[][][];
}

function record(name: string): ModelRecord {
  return JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')) as ModelRecord;
}

/** The model's outputs on `inputs` (int32), as nested arrays. */
function outputsOf(model: Model, inputs: number[][]): number[][][] {
  return tidy(() => {
    const got = model.predict<Tensor[]>(tensor(Int32Array.from(inputs.flat()), [inputs.length, inputs[0]!.length], 'int32'), { verbose: 0 });
    return got.map((t) => t.arraySync() as number[][]);
  });
}

function expectOutputs(got: number[][][], want: number[][][]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expectClose(g.flat(), want[i]!.flat(), 1e-5));
}

/** The IntegerLookup model of lookup_fixtures.py, built and adapted in kerasm. */
function integerLookupModel(): Model {
  const numbers = Input({ shape: [3], dtype: 'int32', name: 'numbers' });
  const adaptData = JSON.parse(readFileSync(`${FIXTURES}integer_adapted.json`, 'utf8')).adapt as number[][];
  const counted = new layers.IntegerLookup({ outputMode: 'count', name: 'counted' });
  counted.adapt(adaptData);
  const weighted = new layers.IntegerLookup({ outputMode: 'tf_idf', maskToken: 0, name: 'weighted' });
  weighted.adapt(adaptData);
  const given = new layers.IntegerLookup({ vocabulary: [4, 8, 15], numOovIndices: 2, name: 'given' });
  return new FunctionalModel({ inputs: numbers, outputs: [counted.apply(numbers), weighted.apply(numbers), given.apply(numbers)], name: 'integer_lookup_model' });
}

describe('IntegerLookup in .keras files', () => {
  it("a Keras-made file loads in kerasm with its vocabularies and TF-IDF weights, and gives Keras's outputs", async () => {
    const before = memory().numTensors;
    const model = await loadModel(`${FIXTURES}integer_lookup_model.keras`);
    const rec = record('integer_lookup_model');
    expectOutputs(outputsOf(model, rec.inputs), rec.outputs);
    expect((model.getLayer('counted') as layers.IntegerLookup).getVocabulary()).toEqual([-1, 5, 9, 7, 3, 40, 12, 2]);
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("kerasm's file stores the vocabularies as Keras does and loads back with the same outputs", async () => {
    const model = integerLookupModel();
    const rec = record('integer_lookup_model');
    expectOutputs(outputsOf(model, rec.inputs), rec.outputs);
    const bytes = await saveModel(model);
    const entries = new Map(await zipEntries(bytes));
    const kerasEntries = new Map(await zipEntries(readFileSync(`${FIXTURES}integer_lookup_model.keras`)));
    const assets = (m: Map<string, Uint8Array>) => [...m.keys()].filter((n) => n.startsWith('assets/')).sort();
    expect(assets(entries)).toEqual(assets(kerasEntries));
    for (const name of assets(entries)) expect(new TextDecoder().decode(entries.get(name))).toBe(new TextDecoder().decode(kerasEntries.get(name)));
    const loaded = await loadModel(bytes);
    expectOutputs(outputsOf(loaded, rec.inputs), rec.outputs);
    model.dispose();
    loaded.dispose();
  });

  it.runIf(existsSync(VENV_PYTHON))("Keras loads kerasm's file and gives kerasm's outputs", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kerasm-lookup-'));
    try {
      const model = integerLookupModel();
      const rec = record('integer_lookup_model');
      writeFileSync(join(dir, 'integer_lookup_model.keras'), await saveModel(model));
      writeFileSync(join(dir, 'integer_lookup_model.json'), JSON.stringify({ inputs: rec.inputs, outputs: outputsOf(model, rec.inputs) }));
      model.dispose();
      const run = spawnSync(VENV_PYTHON, ['scripts/keras/lookup_fixtures.py', 'check', dir], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, KERAS_BACKEND: 'tensorflow' } });
      expect(run.stdout).toContain('PASS integer_lookup_model.keras');
      expect(run.status, run.stdout + run.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
