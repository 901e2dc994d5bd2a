/**
 * A Keras-made `.keras` model with Hashing, CategoryEncoding, HashedCrossing and an adapted
 * Discretization inside (tests/fixtures/categorical/preprocessing.keras, written by
 * scripts/keras/categorical_fixtures.py) loads in kerasm and predicts what Keras predicted; kerasm's
 * own save of it loads back the same. Keras reading kerasm's file is that script's `check` mode.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DType, type Model, type Tensor, layers, loadModel, saveModel, tensor, tidy } from '../../../ts/index.js';
import { expectClose } from '../../helpers/close.js';

const FIXTURES = new URL('../../fixtures/categorical/', import.meta.url);
interface Values { values: (number | string)[]; shape: number[]; dtype: DType }
const expected = JSON.parse(readFileSync(new URL('preprocessing.json', FIXTURES), 'utf8')) as { inputs: Record<string, Values>; outputs: number[] };

function predict(model: Model): Tensor {
  const inputs = ['word', 'count', 'value'].map((name) => tensor(expected.inputs[name]!.values as never, expected.inputs[name]!.shape, expected.inputs[name]!.dtype));
  return model.predict(inputs) as Tensor;
}

describe('categorical preprocessing inside saved models', () => {
  it("loads Keras's .keras file and predicts Keras's outputs; kerasm's save loads back the same", async () => {
    const model = await loadModel(new URL('preprocessing.keras', FIXTURES).pathname);
    const bins = model.getLayer('bins') as layers.Discretization;
    expect(bins.binBoundaries).toEqual([-1.0299993753433228, -0.019997531548142433, 0.9900020956993103]);
    tidy(() => expectClose(predict(model), expected.outputs, 1e-6));
    const bytes = await saveModel(model);
    // Left for `categorical_fixtures.py check`, which has Keras load it.
    writeFileSync(join(tmpdir(), 'kerasm-categorical.keras'), bytes);
    const reloaded = await loadModel(bytes);
    tidy(() => expectClose(predict(reloaded), expected.outputs, 1e-6));
    model.dispose();
    reloaded.dispose();
  });
});
