/**
 * TextVectorization in `.keras` files, both ways: the Keras-made model of
 * scripts/keras/text_fixtures.py (a string input, an adapted `int` TextVectorization into an
 * Embedding, an adapted `tf_idf` one with bigrams, a Dense head) loads in kerasm and gives
 * Keras's predictions; kerasm's file holds the vocabularies as Keras stores them and, when the
 * Keras venv (/tmp/kenv-layers, or KERAS_LAYERS_VENV) is there, loads in Keras with the same predictions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Model, type Tensor, layers, loadModel, memory, saveModel } from '../../ts/index.js';
import { expectClose } from '../helpers/close.js';
import { zipEntries } from './zip_helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/text/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VENV_PYTHON = join(process.env.KERAS_LAYERS_VENV ?? '/tmp/kenv-layers', 'bin', 'python');

const record = JSON.parse(readFileSync(`${FIXTURES}text_vectorization_predictions.json`, 'utf8')) as {
  inputs: string[];
  predictions: { shape: number[]; values: number[] };
};

function predictions(model: Model): { shape: number[]; values: number[] } {
  const out = model.predict(record.inputs, { verbose: 0 }) as Tensor;
  const result = { shape: [...out.shape], values: Array.from(out.dataSync()) };
  out.dispose();
  return result;
}

describe('TextVectorization in .keras files', () => {
  it("a Keras-made model with a string input loads in kerasm and gives Keras's predictions", async () => {
    const before = memory().numTensors;
    const model = await loadModel(`${FIXTURES}text_vectorization.keras`);
    const got = predictions(model);
    expect(got.shape).toEqual(record.predictions.shape);
    expectClose(got.values, record.predictions.values, 1e-5);
    expect((model.getLayer('vectorize') as layers.TextVectorization).vocabularySize()).toBe(30);
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("kerasm's file stores the vocabularies where and as Keras does, and loads back with the same predictions", async () => {
    const model = await loadModel(`${FIXTURES}text_vectorization.keras`);
    const bytes = await saveModel(model);
    const ours = new Map(await zipEntries(bytes));
    const keras = new Map(await zipEntries(readFileSync(`${FIXTURES}text_vectorization.keras`)));
    const assets = (m: Map<string, Uint8Array>) => [...m.keys()].filter((n) => n.startsWith('assets/')).sort();
    expect(assets(ours)).toEqual(assets(keras));
    for (const name of assets(ours)) expect(new TextDecoder().decode(ours.get(name))).toBe(new TextDecoder().decode(keras.get(name)));
    const loaded = await loadModel(bytes);
    expectClose(predictions(loaded).values, record.predictions.values, 1e-5);
    model.dispose();
    loaded.dispose();
  });

  it.runIf(existsSync(VENV_PYTHON))("Keras loads kerasm's file and gives kerasm's predictions", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kerasm-text-'));
    try {
      const model = await loadModel(`${FIXTURES}text_vectorization.keras`);
      const vectorize = model.getLayer('vectorize') as layers.TextVectorization;
      vectorize.setVocabulary(['fox', 'dog', 'the']); // so that Keras reads kerasm's vocabulary, not the fixture's
      writeFileSync(join(dir, 'text_vectorization.keras'), await saveModel(model));
      writeFileSync(join(dir, 'text_vectorization_predictions.json'), JSON.stringify({ inputs: record.inputs, predictions: predictions(model) }));
      model.dispose();
      const run = spawnSync(VENV_PYTHON, ['scripts/keras/text_fixtures.py', 'check', dir], {
        cwd: ROOT, encoding: 'utf8', timeout: 150_000, env: { ...process.env, KERAS_BACKEND: 'tensorflow' },
      });
      expect(run.stdout, run.stderr).toContain('PASS text_vectorization.keras');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
