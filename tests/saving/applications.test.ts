/**
 * Keras Applications as a user brings them: one model of each family of `keras.applications`,
 * written by scripts/keras/applications_fixtures.py (tests/fixtures/applications/, see the README
 * there). Each is rebuilt from the `config.json` Keras saves, given the weights of a formula that
 * Keras and this test compute bit for bit (tests/helpers/formula_values.ts), and must predict
 * Keras's logits on the formula's input. Two real `.keras` files load with `loadModel` straight from
 * disk. Tolerance, relative to the largest logit: 1e-5, or ten times the fixture's `sensitivity`
 * where that is more (how far a one-ulp change of the input moves Keras's own prediction: the
 * calibrated EfficientNets amplify float32 rounding to a few 1e-5).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type Model, type SerializedObject, loadModel, memory, modelFromJSON, tensor, tidy } from '../../ts/index.js';
import { formulaValues } from '../helpers/formula_values.js';

/** A formula's stream: `seed`, values low + (high - low) · u. */
interface Formula {
  shape: number[];
  low: number;
  high: number;
}

interface FamilyFixture {
  framework: string;
  application: string;
  options: Record<string, unknown>;
  config: SerializedObject;
  /** Keras's weights in `model.weights` order; weight i is the formula of seed i + 1. */
  weights: (Formula & { path: string; dtype: 'float32' | 'int32' })[];
  /** The input: the formula of seed 0. */
  input: Formula & { seed: number };
  output: { shape: number[]; values: number[] };
  /** The largest relative change of Keras's prediction when each input value moves by one ulp. */
  sensitivity: number;
}

const TOLERANCE = 1e-5;
const dir = new URL('../fixtures/applications/', import.meta.url);

const FAMILIES = [
  'xception', 'vgg16', 'resnet50', 'resnet50_v2', 'inception_v3', 'inception_resnet_v2', 'mobilenet', 'mobilenet_v2',
  'mobilenet_v3_small', 'densenet121', 'nasnet_mobile', 'efficientnet_b0', 'efficientnet_v2_b0', 'convnext_tiny',
];

function readFamily(family: string): FamilyFixture {
  return JSON.parse(gunzipSync(readFileSync(new URL(`${family}.json.gz`, dir))).toString('utf8')) as FamilyFixture;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function formulaTensor(seed: number, { shape, low, high }: Formula, dtype: 'float32' | 'int32' = 'float32') {
  return tensor(formulaValues(seed, size(shape), low, high, dtype), shape, dtype);
}

/**
 * Every weight from its formula, after checking that kerasm's weights are Keras's, in Keras's
 * order: the same names and shapes (Keras numbers its unnamed variables, LayerScale's, `variable_1`…
 * in a session; the files key them by position).
 */
function setFormulaWeights(model: Model, weights: FamilyFixture['weights']): void {
  const variables = model.weights;
  const kerasName = (path: string) => path.split('/').pop()!.replace(/^variable_\d+$/, 'variable');
  expect(variables.map((v) => `${v.name} ${JSON.stringify(v.shape)}`)).toEqual(weights.map((w) => `${kerasName(w.path)} ${JSON.stringify(w.shape)}`));
  variables.forEach((v, i) => v.assign(formulaTensor(i + 1, weights[i]!, weights[i]!.dtype)));
}

/** |got - want| <= tolerance · the largest |want|, element-wise. */
function expectMatches(got: ArrayLike<number>, want: number[], tolerance = TOLERANCE): void {
  expect(got.length).toBe(want.length);
  const scale = Math.max(...want.map(Math.abs));
  const worst = Math.max(...want.map((w, i) => Math.abs(got[i]! - w)));
  expect(worst / scale, `largest difference ${worst}, largest logit ${scale}`).toBeLessThanOrEqual(tolerance);
}

describe('keras.applications rebuilt from their configs predict as Keras does', () => {
  it.each(FAMILIES)('%s', (family) => {
    const fx = readFamily(family);
    const before = memory().numTensors;
    const model = modelFromJSON(fx.config);
    setFormulaWeights(model, fx.weights);
    tidy(() => {
      const y = model.predict(formulaTensor(fx.input.seed, fx.input), { verbose: 0 });
      expect(y.shape).toEqual(fx.output.shape);
      expectMatches(y.dataSync(), fx.output.values, Math.max(TOLERANCE, 10 * fx.sensitivity));
    });
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });
});

describe('.keras files of keras.applications load with loadModel', () => {
  it.each(['mobilenet', 'efficientnet_preprocessing'])('%s.keras, saved never compiled, predicts as Keras does', async (name) => {
    const fx = JSON.parse(readFileSync(new URL(`${name}.keras.json`, dir), 'utf8')) as Pick<FamilyFixture, 'input' | 'output'>;
    const before = memory().numTensors;
    const model = await loadModel(new URL(`${name}.keras`, dir).pathname);
    expect(model.compileArgs).toBeNull();
    tidy(() => {
      const y = model.predict(formulaTensor(fx.input.seed, fx.input), { verbose: 0 });
      expect(y.shape).toEqual(fx.output.shape);
      expectMatches(y.dataSync(), fx.output.values);
    });
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
