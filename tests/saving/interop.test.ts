/**
 * Files written by real Keras load in kerasm: the fixtures of tests/fixtures/saving (made by
 * scripts/keras/saving_fixtures.py with Keras 3.15.1, and tf2_fixtures.py with tf.keras 2.21)
 * against the predictions Keras stored next to them. The other direction, Keras reading kerasm's
 * files, is `npm run interop:check` (it needs Python, so CI runs only this side).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Model, type Tensor, dispose, loadModel, memory, tensor, tidy } from '../../ts/index.js';
import { DETERMINISTIC, INPUT_SHAPES, MODEL_NAMES, type ModelName, ScaleShift, buildModel, trainingData } from '../../scripts/keras/interop_models.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/saving/', import.meta.url));
const TOLERANCE = 1e-5; // max |kerasm - Keras|, relative to max(1, max |Keras|)

/** A fixture record, as saving_fixtures.py writes it. */
interface FixtureRecord {
  model: ModelName;
  written_by: string;
  files: string[];
  layer_names: string[];
  loss: string | Record<string, string>;
  optimizer: { class_name: string; learning_rate: number; iterations: number };
  inputs: Record<string, number[][]>;
  outputs: Record<string, number[][]>;
  /** Models without dropout: Keras's predictions after one more epoch on `x` / `y` from the saved state. */
  resume?: {
    batch_size: number;
    x: Record<string, number[][]>;
    y: Record<string, number[] | number[][]>;
    y_dtypes: Record<string, 'int32' | 'float32'>;
    outputs: Record<string, number[][]>;
  };
}

function record(stem: string): FixtureRecord {
  return JSON.parse(readFileSync(`${FIXTURES}${stem}.json`, 'utf8')) as FixtureRecord;
}

/** Checks that `model` predicts what Keras stored, within TOLERANCE scaled by the outputs' size. */
function expectKerasPredictions(model: Model, rec: FixtureRecord): void {
  tidy(() => {
    const inputs = Object.values(rec.inputs).map((values) => tensor(values));
    const got = model.predict<Tensor | Tensor[]>(inputs.length === 1 ? inputs[0]! : inputs, { verbose: 0 });
    const outputs = Array.isArray(got) ? got : [got];
    const wanted = Object.entries(rec.outputs);
    expect(outputs.length).toBe(wanted.length);
    wanted.forEach(([name, values], i) => {
      const want = values.flat();
      const have = outputs[i]!;
      expect(have.shape, `output ${name}`).toEqual([values.length, values[0]!.length]);
      const scale = Math.max(1, ...want.map(Math.abs));
      const worst = Math.max(...Array.from(have.dataSync(), (v, j) => Math.abs(v - want[j]!)));
      expect(worst / scale, `output ${name} of ${rec.model}`).toBeLessThanOrEqual(TOLERANCE);
    });
  });
}

const optimizerClass = (model: Model) => (model.optimizer.constructor as unknown as { className: string }).className;
const inputShapes = (model: Model) => model.inputs.map((t) => t.shape);
const expectedInputShapes = (name: ModelName) => Object.values(INPUT_SHAPES[name]).map((s) => [null, ...s]);

describe('Keras 3 .keras files load in kerasm', () => {
  it.each(MODEL_NAMES)('%s: layers, input shapes, predictions and the compiled optimizer match Keras', async (name) => {
    const rec = record(name);
    const model = await loadModel(`${FIXTURES}${name}.keras`);
    expect(model.name).toBe(name);
    expect(model.layers.map((l) => l.name)).toEqual(rec.layer_names);
    expect(inputShapes(model)).toEqual(expectedInputShapes(name));
    expectKerasPredictions(model, rec);
    const optimizer = model.optimizer;
    expect(optimizerClass(model)).toBe(rec.optimizer.class_name);
    expect(optimizer.learningRate).toBeCloseTo(rec.optimizer.learning_rate, 7);
    expect(optimizer.iterations).toBe(rec.optimizer.iterations);
    expect(model.compileArgs?.loss).toEqual(rec.loss);
    model.dispose();
  });

  it('the compile configuration comes back: loss weights by output name, metrics', async () => {
    const multi = await loadModel(`${FIXTURES}multi_io.keras`);
    expect(multi.compileArgs?.lossWeights).toEqual({ department: 1, priority: 0.5 });
    expect(multi.outputNames).toEqual(['department', 'priority']);
    multi.dispose();
    const mlp = await loadModel(`${FIXTURES}mlp.keras`);
    expect(mlp.compileArgs?.metrics).toEqual(['accuracy']);
    mlp.dispose();
  });

  it('the custom layer comes back as the registered kerasm class, its weights and config in place', async () => {
    const model = await loadModel(`${FIXTURES}custom.keras`);
    const layer = model.getLayer('scale_shift');
    expect(layer).toBeInstanceOf(ScaleShift);
    expect((layer as ScaleShift).multiplier).toBe(2);
    expect(layer.weights.map((w) => w.shape)).toEqual([[8], [8]]);
    // Trained for four steps, the scale has moved away from its initial ones.
    expect(Array.from((layer as ScaleShift).scale!.value.dataSync()).some((v) => Math.abs(v - 1) > 1e-3)).toBe(true);
    model.dispose();
  });

  it.each(MODEL_NAMES)('%s: training goes on from the restored optimizer state', async (name) => {
    const model = await loadModel(`${FIXTURES}${name}.keras`);
    const { x, y } = trainingData(name, 32, 7);
    const history = await model.fit(x.length === 1 ? x[0]! : x, y.length === 1 ? y[0]! : y, { batchSize: 8, epochs: 1, verbose: 0 });
    expect(Number.isFinite(history.history.loss![0])).toBe(true);
    expect(model.optimizer.iterations).toBe(record(name).optimizer.iterations + 4);
    dispose([...x, ...y]);
    model.dispose();
  });

  it.each(DETERMINISTIC)('%s: one more epoch from the restored optimizer state gives the weights Keras reached', async (name) => {
    const rec = record(name);
    const resume = rec.resume!;
    const model = await loadModel(`${FIXTURES}${name}.keras`);
    const x = Object.values(resume.x).map((values) => tensor(values));
    const y = Object.entries(resume.y).map(([key, values]) => tensor(values, undefined, resume.y_dtypes[key]));
    await model.fit(x.length === 1 ? x[0]! : x, y.length === 1 ? y[0]! : y, { batchSize: resume.batch_size, epochs: 1, shuffle: false, verbose: 0 });
    expectKerasPredictions(model, { ...rec, outputs: resume.outputs });
    dispose([...x, ...y]);
    model.dispose();
  });

  it('a Keras file loads the same from bytes, an ArrayBuffer and a Blob; compile: false leaves it uncompiled', async () => {
    const rec = record('cnn');
    const bytes = new Uint8Array(readFileSync(`${FIXTURES}cnn.keras`));
    const sources = [bytes, bytes.slice().buffer, new Blob([bytes])];
    for (const source of sources) {
      const model = await loadModel(source);
      expectKerasPredictions(model, rec);
      expect(model.optimizer.iterations).toBe(rec.optimizer.iterations);
      model.dispose();
    }
    const uncompiled = await loadModel(bytes, { compile: false });
    expect(uncompiled.compileArgs).toBeNull();
    expectKerasPredictions(uncompiled, rec);
    uncompiled.dispose();
  });

  it('loading, predicting and disposing leaves no tensor behind', async () => {
    const before = memory().numTensors;
    const model = await loadModel(`${FIXTURES}cnn.keras`);
    expectKerasPredictions(model, record('cnn'));
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });
});

describe('Keras 3 .weights.h5 files load into the same model built in kerasm', () => {
  it.each(MODEL_NAMES)('%s: predictions, and the optimizer state with them', async (name) => {
    const rec = record(name);
    const model = buildModel(name);
    await model.loadWeights(`${FIXTURES}${name}.weights.h5`);
    expectKerasPredictions(model, rec);
    expect(model.optimizer.iterations).toBe(rec.optimizer.iterations);
    model.dispose();
  });
});

describe('legacy .h5 files written by Keras 3 load in kerasm', () => {
  it.each(MODEL_NAMES)('%s: layers, predictions, optimizer from the training config', async (name) => {
    const rec = record(name);
    const model = await loadModel(`${FIXTURES}${name}.h5`);
    expect(model.layers.map((l) => l.name)).toEqual(rec.layer_names);
    expect(inputShapes(model)).toEqual(expectedInputShapes(name));
    expectKerasPredictions(model, rec);
    expect(optimizerClass(model)).toBe(rec.optimizer.class_name);
    expect(model.optimizer.learningRate).toBeCloseTo(rec.optimizer.learning_rate, 7);
    expect(model.compileArgs?.loss).toEqual(rec.loss);
    model.dispose();
  });
});

describe('genuine tf.keras 2 .h5 files load in kerasm', () => {
  it.each(['mlp', 'cnn'] as const)('%s.tf2.h5: batch_input_shape, kernel:0 weight names, Custom>Adam', async (name) => {
    const rec = record(`${name}.tf2`);
    expect(rec.written_by).toMatch(/^tf_keras 2\./);
    const model = await loadModel(`${FIXTURES}${name}.tf2.h5`);
    expect(model.layers.map((l) => l.name)).toEqual(rec.layer_names);
    expect(inputShapes(model)).toEqual(expectedInputShapes(name));
    expectKerasPredictions(model, rec);
    expect(optimizerClass(model)).toBe('Adam');
    expect(model.optimizer.learningRate).toBeCloseTo(rec.optimizer.learning_rate, 7);
    expect(model.compileArgs?.loss).toEqual(rec.loss);
    model.dispose();
  });

  it.each(['mlp', 'cnn'] as const)('%s.tf2_weights.h5 (save_weights) loads into the kerasm build', async (name) => {
    const model = buildModel(name);
    await model.loadWeights(`${FIXTURES}${name}.tf2_weights.h5`);
    expectKerasPredictions(model, record(`${name}.tf2`));
    model.dispose();
  });
});
