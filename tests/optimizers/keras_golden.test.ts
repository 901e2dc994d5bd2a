/**
 * Every optimizer against real Keras 3.15.1: each fixture (scripts/keras/optimizer_fixtures.py)
 * trains the same small model for 10 steps with one optimizer (with a schedule, weight decay,
 * clipping, a moving average or gradient accumulation), built here from the config Keras
 * serialized, which kerasm must write back the same. The weights after the 10 steps must be within 1e-6 of Keras's, and the optimizer
 * state must hold Keras's values in Keras's order. The losses, a sum over the batch computed in
 * another order than XLA's, are held to 1e-5. For the optimizers whose state is not one slot per
 * weight, Keras also saved the trained model as a `.keras` file: loading it gives Keras's state; for
 * the schedules and base options, it saved files partway, from which kerasm trains on to Keras's end.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, loadModel, memory, optimizers, tensor } from '../../ts/index.js';
import type { Model } from '../../ts/index.js';
import { counterOwner, optimizerEntries } from '../../ts/saving/optimizer_state.js';

interface OptimizerFixture {
  optimizer: { class_name: string; config: Record<string, unknown> };
  /** Weight names excluded from weight decay (`exclude_from_weight_decay(var_names=...)`), when the case does. */
  exclude_from_weight_decay?: string[];
  steps: number;
  x: number[];
  y: number[];
  start_weights: number[][];
  losses: number[];
  weights: number[][];
  optimizer_variables: { path: string; shape: number[]; values: number[] }[];
}

const FOLDER = new URL('../fixtures/optimizers/', import.meta.url);
const cases = readdirSync(FOLDER).filter((f) => f.endsWith('.json')).sort();
/** Keras's files saved partway (`<case>.step5.keras`), to resume from. */
const STEP_FILE = /\.step(\d+)\.keras$/;
/** The cases Keras also saved as a `.keras` file after its 10 steps. */
const savedCases = readdirSync(FOLDER).filter((f) => f.endsWith('.keras') && !STEP_FILE.test(f)).sort();

/** The fixture's model (Dense(5, tanh) then Dense(2)) with Keras's starting weights. */
function fixtureModel(start: number[][]): Model {
  const model = new Sequential([Input({ shape: [4] }), new layers.Dense(5, { activation: 'tanh' }), new layers.Dense(2)]);
  const shapes = [[4, 5], [5], [5, 2], [2]];
  const values = start.map((w, i) => tensor(w, shapes[i]!));
  model.setWeights(values);
  for (const v of values) v.dispose();
  return model;
}

function maxDifference(got: ArrayLike<number>, want: number[]): number {
  expect(got.length).toBe(want.length);
  return want.reduce((worst, w, i) => Math.max(worst, Math.abs(got[i]! - w)), 0);
}

/** The weights, and the optimizer's state (iterations, learning rate unless scheduled, averages, accumulators, slots in Keras's order), as Keras's after the steps. */
function expectKerasState(model: Model, fixture: OptimizerFixture): void {
  const optimizer = model.optimizer;
  model.weights.forEach((w, i) => expect(maxDifference(w.value.dataSync(), fixture.weights[i]!), `weight ${w.path}`).toBeLessThanOrEqual(1e-6));
  const entries = optimizerEntries(optimizer, model.trainableWeights);
  expect(entries.length).toBe(fixture.optimizer_variables.length);
  const counted = counterOwner(optimizer);
  entries.forEach((entry, i) => {
    const want = fixture.optimizer_variables[i]!;
    if (entry.kind === 'iterations') expect(counted.appliedSteps, want.path).toBe(want.values[0]);
    else if (entry.kind === 'learning_rate') expect(Math.fround(counted.learningRate), want.path).toBe(Math.fround(want.values[0]!));
    else if (entry.kind === 'unused') expect(want.values[0], want.path).toBe(0);
    else expect(maxDifference(entry.variable.value.dataSync(), want.values), want.path).toBeLessThanOrEqual(1e-6);
  });
}

describe('optimizers against Keras: 10 steps of a small model', () => {
  it.each(cases)('%s', (file) => {
    const fixture = JSON.parse(readFileSync(new URL(file, FOLDER), 'utf8')) as OptimizerFixture;
    const before = memory().numTensors;
    const model = fixtureModel(fixture.start_weights);
    const optimizer = optimizers.get(fixture.optimizer);
    if (fixture.exclude_from_weight_decay) optimizer.excludeFromWeightDecay(null, fixture.exclude_from_weight_decay);
    expect(optimizer.getConfig()).toEqual(fixture.optimizer.config);
    model.compile({ optimizer, loss: 'mse' });
    const x = tensor(fixture.x, [8, 4]);
    const y = tensor(fixture.y, [8, 2]);
    const losses = Array.from({ length: fixture.steps }, () => model.trainOnBatch(x, y) as number);
    losses.forEach((loss, step) => expect(Math.abs(loss - fixture.losses[step]!), `loss of step ${step + 1}`).toBeLessThan(1e-5));
    expectKerasState(model, fixture);
    x.dispose();
    y.dispose();
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });
});

describe("Keras's files resume in kerasm: saved before the first step (optimizer unbuilt) and after 5 of the 10", () => {
  const resumed = readdirSync(FOLDER).filter((f) => STEP_FILE.test(f)).sort();
  it.each(resumed)('%s', async (file) => {
    const fixture = JSON.parse(readFileSync(new URL(file.replace(STEP_FILE, '.json'), FOLDER), 'utf8')) as OptimizerFixture;
    const done = Number(STEP_FILE.exec(file)![1]);
    const before = memory().numTensors;
    const model = await loadModel(readFileSync(new URL(file, FOLDER)));
    expect(model.optimizer.appliedSteps).toBe(done);
    expect(model.optimizer.getConfig()).toEqual(fixture.optimizer.config);
    const x = tensor(fixture.x, [8, 4]);
    const y = tensor(fixture.y, [8, 2]);
    for (let step = done; step < fixture.steps; step++) {
      expect(Math.abs((model.trainOnBatch(x, y) as number) - fixture.losses[step]!), `loss of step ${step + 1}`).toBeLessThan(1e-5);
    }
    expectKerasState(model, fixture);
    x.dispose();
    y.dispose();
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });
});

describe("optimizers' state from Keras's own .keras files", () => {
  it.each(savedCases)('%s', async (file) => {
    const fixture = JSON.parse(readFileSync(new URL(file.replace(/\.keras$/, '.json'), FOLDER), 'utf8')) as OptimizerFixture;
    const model = await loadModel(readFileSync(new URL(file, FOLDER)));
    expect((model.optimizer.constructor as { className?: string }).className).toBe(fixture.optimizer.class_name);
    model.weights.forEach((w, i) => expect(maxDifference(w.value.dataSync(), fixture.weights[i]!), `weight ${w.path}`).toBeLessThanOrEqual(0));
    expectKerasState(model, fixture);
    model.dispose();
  });
});
