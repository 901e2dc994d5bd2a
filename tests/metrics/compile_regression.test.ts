/**
 * `compile({ loss: 'mae', metrics: ['mae', 'RootMeanSquaredError'] })` trains as Keras 3.15.1 does: same
 * History keys and values, same weights after two epochs of SGD (scripts/keras/loss_fixtures.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, memory, optimizers, tensor } from '../../ts/index.js';
import { expectClose } from '../helpers/close.js';

const want = JSON.parse(readFileSync(new URL('../fixtures/losses/losses.json', import.meta.url), 'utf8')).compile_mae as {
  inputs: Record<string, number[]>;
  batch_size: number;
  history: Record<string, number[]>;
  weights: number[][];
};

describe("compile with loss 'mae'", () => {
  it('fits a Dense regression as Keras does, with History keys named after the strings', async () => {
    const before = memory().numTensors;
    const model = new Sequential([Input({ shape: [3] }), new layers.Dense(2)]);
    const kernel = tensor(want.inputs.kernel!, [3, 2]);
    const bias = tensor(want.inputs.bias!, [2]);
    model.setWeights([kernel, bias]);
    kernel.dispose();
    bias.dispose();
    const x = tensor(want.inputs.x!, [6, 3]);
    const y = tensor(want.inputs.y!, [6, 2]);
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.1 }), loss: 'mae', metrics: ['mae', 'RootMeanSquaredError'] });
    const history = await model.fit(x, y, { batchSize: want.batch_size, epochs: 2, shuffle: false, verbose: 0 });
    expect(Object.keys(history.history).sort()).toEqual(Object.keys(want.history).sort());
    for (const [key, values] of Object.entries(want.history)) expectClose(history.history[key] as number[], values, 1e-5);
    model.weights.forEach((w, i) => expectClose(w.value.dataSync(), want.weights[i]!, 1e-5));
    model.dispose();
    x.dispose();
    y.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
