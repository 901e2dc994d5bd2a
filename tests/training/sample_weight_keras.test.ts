/**
 * Sample and class weights against real Keras 3.15.1: the fixture comes from
 * scripts/keras/sample_weight_fixtures.py (tiny Dense models with fixed weights, SGD).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, memory, ops, optimizers, tensor } from '../../ts/index.js';
import type { Model, Tensor } from '../../ts/index.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/training/sample_weight.json', import.meta.url), 'utf8'));
const reg = fixture.regression;
const cls = fixture.classification;

/** Keras's values are kept to 7 significant digits; float32 sums in another order differ by a few ulps. */
const RELATIVE = 1e-6;
const ABSOLUTE = 1e-7;

function expectNear(got: number, want: number, what: string): void {
  if (!(Math.abs(got - want) <= RELATIVE * Math.abs(want) + ABSOLUTE)) throw new Error(`${what}: got ${got}, want ${want} (Keras)`);
}

function expectAllNear(got: ArrayLike<number>, want: number[], what: string): void {
  expect(got.length, what).toBe(want.length);
  want.forEach((w, i) => expectNear(got[i]!, w, `${what}[${i}]`));
}

/** A Dense model with Keras's starting weights; `rows` samples of the fixture's `inputs`. */
function denseModel(inputs: Record<string, number[]>, units: number, features: number, activation?: 'softmax'): Model {
  const model = new Sequential([Input({ shape: [features] }), new layers.Dense(units, activation ? { activation } : {})]);
  const kernel = tensor(inputs.kernel!, [features, units]);
  const bias = tensor(inputs.bias!, [units]);
  model.setWeights([kernel, bias]);
  kernel.dispose();
  bias.dispose();
  return model;
}

function expectWeights(model: Model, want: number[][], what: string): void {
  model.weights.forEach((w, i) => expectAllNear(w.value.dataSync(), want[i]!, `${what} weight ${i}`));
}

function expectLogs(got: Record<string, number>, want: Record<string, number>, what: string): void {
  expect(Object.keys(got).sort(), what).toEqual(Object.keys(want).sort());
  for (const [key, value] of Object.entries(want)) expectNear(got[key]!, value, `${what} ${key}`);
}

function expectHistory(got: Record<string, number[]>, want: Record<string, number[]>, what: string): void {
  expect(Object.keys(got).sort(), what).toEqual(Object.keys(want).sort());
  for (const [key, values] of Object.entries(want)) expectAllNear(got[key]!, values, `${what} ${key}`);
}

/** Keras's `mean_absolute_error` as a metric function (kerasm has no built-in `'mae'` metric); its name is its log key. */
function mae(yTrue: Tensor, yPred: Tensor): Tensor {
  return ops.mean(ops.abs(ops.subtract(yPred, yTrue)), -1);
}

const regression = () => ({
  x: tensor(reg.inputs.x, [6, 3]),
  y: tensor(reg.inputs.y, [6, 2]),
  sw: tensor(reg.inputs.sample_weight, [6]),
});

const classification = () => ({
  x: tensor(cls.inputs.x, [7, 4]),
  labels: tensor(cls.inputs.labels, [7]),
  oneHot: tensor(cls.inputs.labels.flatMap((c: number) => [0, 1, 2].map((k) => (k === c ? 1 : 0))), [7, 3]),
  sw: tensor(cls.inputs.sample_weight, [7]),
  classWeight: Object.fromEntries(Object.entries(cls.inputs.class_weight as Record<string, number>).map(([k, v]) => [Number(k), v])),
});

function disposeAll(data: Record<string, unknown>): void {
  for (const v of Object.values(data)) if (v && typeof (v as Tensor).dispose === 'function') (v as Tensor).dispose();
}

describe('sample weights match Keras 3.15.1', () => {
  it('evaluate: the loss over weighted batches, and weighted_mae beside mae', () => {
    const before = memory().numTensors;
    const data = regression();
    const model = denseModel(reg.inputs, 2, 3);
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.1 }), loss: 'mse', metrics: [mae], weightedMetrics: [mae] });
    const weighted = model.evaluate(data.x, data.y, { sampleWeight: data.sw, batchSize: 4, verbose: 0, returnDict: true }) as Record<string, number>;
    expectLogs(weighted, reg.evaluate.logs, 'evaluate');
    expect(model.metricsNames).toEqual(['loss', 'mae', 'weighted_mae']);
    const unweighted = model.evaluate(data.x, data.y, { batchSize: 4, verbose: 0, returnDict: true }) as Record<string, number>;
    expectLogs(unweighted, reg.evaluate_unweighted.logs, 'evaluate without weights');
    model.dispose();
    disposeAll(data);
    expect(memory().numTensors).toBe(before);
  });

  it('evaluate: weighted_accuracy of a classifier (plain arrays as weights)', () => {
    const data = classification();
    const model = denseModel(cls.inputs, 3, 4, 'softmax');
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.5 }), loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'], weightedMetrics: ['accuracy'] });
    const logs = model.evaluate(data.x, data.labels, { sampleWeight: cls.inputs.sample_weight, batchSize: 4, verbose: 0, returnDict: true }) as Record<string, number>;
    expectLogs(logs, cls.evaluate.logs, 'evaluate');
    model.dispose();
    disposeAll(data);
  });

  it('trainOnBatch: two steps with sample weights', () => {
    const data = regression();
    const model = denseModel(reg.inputs, 2, 3);
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.1 }), loss: 'mse' });
    const losses = [0, 1].map(() => model.trainOnBatch(data.x, data.y, { sampleWeight: data.sw }) as number);
    expectAllNear(losses, reg.train_on_batch.losses, 'losses');
    expectWeights(model, reg.train_on_batch.weights, 'after two steps');
    model.dispose();
    disposeAll(data);
  });

  it('trainOnBatch: two steps with class weights on sparse labels', () => {
    const data = classification();
    const model = denseModel(cls.inputs, 3, 4, 'softmax');
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.5 }), loss: 'sparse_categorical_crossentropy' });
    const losses = [0, 1].map(() => model.trainOnBatch(data.x, data.labels, { classWeight: data.classWeight }) as number);
    expectAllNear(losses, cls.train_on_batch_class_weight.losses, 'losses');
    expectWeights(model, cls.train_on_batch_class_weight.weights, 'after two steps');
    model.dispose();
    disposeAll(data);
  });

  it('fit: two epochs with sample weights and weighted validation data, leaking nothing', async () => {
    const before = memory().numTensors;
    const data = regression();
    const model = denseModel(reg.inputs, 2, 3);
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.1 }), loss: 'mse', metrics: [mae], weightedMetrics: [mae] });
    const n = 6 - reg.fit.validation_samples;
    const rows = (t: Tensor, from: number, to: number) => Array.from(t.dataSync()).slice((from * t.size) / 6, (to * t.size) / 6);
    const split = {
      x: tensor(rows(data.x, 0, n), [n, 3]),
      y: tensor(rows(data.y, 0, n), [n, 2]),
      xVal: tensor(rows(data.x, n, 6), [6 - n, 3]),
      yVal: tensor(rows(data.y, n, 6), [6 - n, 2]),
    };
    const history = await model.fit(split.x, split.y, {
      sampleWeight: rows(data.sw, 0, n),
      validationData: [split.xVal, split.yVal, rows(data.sw, n, 6)],
      batchSize: reg.fit.batch_size,
      epochs: 2,
      shuffle: false,
      verbose: 0,
    });
    expectHistory(history.history as Record<string, number[]>, reg.fit.history, 'history');
    expectWeights(model, reg.fit.weights, 'after fit');
    model.dispose();
    disposeAll(data);
    disposeAll(split);
    expect(memory().numTensors).toBe(before);
  });

  it('fit: validationSplit splits the sample weights with the data', async () => {
    const data = regression();
    const model = denseModel(reg.inputs, 2, 3);
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.1 }), loss: 'mse' });
    const history = await model.fit(data.x, data.y, { sampleWeight: data.sw, validationSplit: reg.fit_validation_split.validation_split, batchSize: 2, epochs: 2, shuffle: false, verbose: 0 });
    expectHistory(history.history as Record<string, number[]>, reg.fit_validation_split.history, 'history');
    expectWeights(model, reg.fit_validation_split.weights, 'after fit');
    model.dispose();
    disposeAll(data);
  });

  it('fit: class weights on one-hot labels (argmax), metrics unweighted', async () => {
    const data = classification();
    const model = denseModel(cls.inputs, 3, 4, 'softmax');
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.5 }), loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const history = await model.fit(data.x, data.oneHot, { classWeight: data.classWeight, batchSize: 4, epochs: 2, shuffle: false, verbose: 0 });
    expectHistory(history.history as Record<string, number[]>, cls.fit_class_weight_one_hot.history, 'history');
    expectWeights(model, cls.fit_class_weight_one_hot.weights, 'after fit');
    model.dispose();
    disposeAll(data);
  });

  it('fit: class weights weigh the training part of a validationSplit only', async () => {
    const data = classification();
    const model = denseModel(cls.inputs, 3, 4, 'softmax');
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.5 }), loss: 'sparse_categorical_crossentropy', weightedMetrics: ['accuracy'] });
    const want = cls.fit_class_weight_validation_split;
    const history = await model.fit(data.x, data.labels, { classWeight: data.classWeight, validationSplit: want.validation_split, batchSize: want.batch_size, epochs: 2, shuffle: false, verbose: 0 });
    expectHistory(history.history as Record<string, number[]>, want.history, 'history');
    expectWeights(model, want.weights, 'after fit');
    model.dispose();
    disposeAll(data);
  });
});
