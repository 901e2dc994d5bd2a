/**
 * `.keras` files Keras wrote mid-training with AdamW, Adagrad, Adadelta, Adamax, Nadam or Lion
 * (scripts/keras/optimizer_archive_fixtures.py): loaded, the model takes the 5 steps Keras took
 * after saving and must reach Keras's weights and optimizer state (within 1e-6), which it does
 * only if every slot, and Nadam's u_product, was read into its place.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModel, memory, tensor } from '../../ts/index.js';
import { optimizerEntries } from '../../ts/saving/optimizer_state.js';

interface ArchiveRecord {
  steps: number;
  x: number[];
  y: number[];
  weights: number[][];
  optimizer_variables: { path: string; shape: number[]; values: number[] }[];
}

const FOLDER = new URL('../fixtures/optimizers/archives/', import.meta.url);

function maxDifference(got: ArrayLike<number>, want: number[]): number {
  expect(got.length).toBe(want.length);
  return want.reduce((worst, w, i) => Math.max(worst, Math.abs(got[i]! - w)), 0);
}

describe("optimizer state in Keras's .keras files", () => {
  it.each(['adamw', 'adagrad', 'adadelta', 'adamax', 'nadam', 'lion'])('%s: loaded, training goes on as in Keras', async (name) => {
    const record = JSON.parse(readFileSync(new URL(`${name}.json`, FOLDER), 'utf8')) as ArchiveRecord;
    const before = memory().numTensors;
    const model = await loadModel(new Uint8Array(readFileSync(new URL(`${name}.keras`, FOLDER))));
    expect(model.optimizer.iterations).toBe(record.steps);
    const [x, y] = [tensor(record.x, [8, 4]), tensor(record.y, [8, 2])];
    for (let step = 0; step < record.steps; step++) model.trainOnBatch(x, y);
    model.weights.forEach((w, i) => expect(maxDifference(w.value.dataSync(), record.weights[i]!), w.path).toBeLessThanOrEqual(1e-6));
    const entries = optimizerEntries(model.optimizer, model.trainableWeights);
    expect(entries.length).toBe(record.optimizer_variables.length);
    entries.forEach((entry, i) => {
      const want = record.optimizer_variables[i]!;
      if (entry.kind === 'iterations') expect(model.optimizer.iterations).toBe(want.values[0]);
      else if (entry.kind === 'slot') expect(maxDifference(entry.variable.value.dataSync(), want.values), want.path).toBeLessThanOrEqual(1e-6);
    });
    x.dispose();
    y.dispose();
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
