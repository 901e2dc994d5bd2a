/**
 * The transfer-learning recipe of Keras's guide (freeze the base, train the head, unfreeze,
 * recompile with a low learning rate, train again) against real Keras 3.15.1: the fixture comes
 * from scripts/keras/fine_tuning_fixtures.py. A frozen BatchNormalization runs in inference mode
 * (Keras 3's `training and self.trainable`), so the first phase leaves its moving statistics alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, Layer, Model, layers, memory, optimizers, tensor } from '../../ts/index.js';
import type { CallArgs, KerasTensor, Tensor } from '../../ts/index.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/training/fine_tuning.json', import.meta.url), 'utf8'));
const inputs = fixture.inputs as Record<string, number[]>;
const SHAPE = [6, 6, 2];
const FILTERS = 4;

/** Keras's values are kept to 7 significant digits; the conv and batch statistics sum in another order. */
const TOLERANCE = 1e-5;

interface Phase {
  loss: number[];
  weights: number[][];
}

function expectNear(got: ArrayLike<number>, want: number[], what: string): void {
  expect(got.length, what).toBe(want.length);
  want.forEach((w, i) => {
    if (!(Math.abs(got[i]! - w) <= TOLERANCE)) throw new Error(`${what}[${i}]: got ${got[i]}, want ${w} (Keras)`);
  });
}

function expectPhase(model: Model, losses: number[], want: Phase, what: string): void {
  expectNear(losses, want.loss, `${what} loss`);
  expect(model.weights.length, what).toBe(want.weights.length);
  model.weights.forEach((w, i) => expectNear(w.value.dataSync(), want.weights[i]!, `${what} weight ${i} (${w.path})`));
}

/** The guide's base model, small: Conv2D without bias, BatchNormalization, global average pooling; Keras's fixed weights. */
function baseModel(): Model {
  const x = Input({ shape: SHAPE });
  const features = new layers.GlobalAveragePooling2D().apply(new layers.BatchNormalization().apply(new layers.Conv2D(FILTERS, 3, { useBias: false }).apply(x)));
  const base = new Model({ inputs: x, outputs: features, name: 'base' });
  const values = [
    tensor(inputs.kernel!, [3, 3, SHAPE[2]!, FILTERS]),
    ...['gamma', 'beta', 'moving_mean', 'moving_variance'].map((k) => tensor(inputs[k]!, [FILTERS])),
  ];
  base.setWeights(values);
  for (const v of values) v.dispose();
  return base;
}

/** The frozen base called by a new model with a Dense head, with or without `training: false`. */
function transferModel(base: Model, trainingFalse: boolean): Model {
  const x = Input({ shape: SHAPE });
  const features = base.apply(x, trainingFalse ? { training: false } : {}) as KerasTensor;
  const head = new layers.Dense(1);
  const model = new Model({ inputs: x, outputs: head.apply(features) });
  const values = [tensor(inputs.head_kernel!, [FILTERS, 1]), tensor(inputs.head_bias!, [1])];
  head.setWeights(values);
  for (const v of values) v.dispose();
  return model;
}

async function fitPhase(model: Model, x: Tensor, y: Tensor): Promise<number[]> {
  const history = await model.fit(x, y, { batchSize: fixture.batch_size, epochs: fixture.epochs, shuffle: false, verbose: 0 });
  return history.history.loss as number[];
}

describe("Keras's fine-tuning recipe gives Keras 3.15.1's numbers", () => {
  it.each([
    ['with', true, fixture.training_false],
    ['without', false, fixture.training_unset],
  ])('the base called %s training: false', async (_, trainingFalse, want) => {
    const before = memory().numTensors;
    const x = tensor(inputs.x!, [8, ...SHAPE]);
    const y = tensor(inputs.y!, [8, 1]);
    const base = baseModel();
    base.trainable = false;
    const model = transferModel(base, trainingFalse as boolean);
    expect(model.trainableWeights).toEqual(model.layers.at(-1)!.weights);

    model.compile({ optimizer: new optimizers.Adam(), loss: 'mse' });
    expectPhase(model, await fitPhase(model, x, y), want.frozen, 'frozen base');
    const bn = base.layers.find((l) => l instanceof layers.BatchNormalization) as InstanceType<typeof layers.BatchNormalization>;
    expect(Array.from(bn.movingMean!.value.dataSync())).toEqual(Array.from(Float32Array.from(inputs.moving_mean!)));

    base.trainable = true;
    model.compile({ optimizer: new optimizers.Adam({ learningRate: 1e-4 }), loss: 'mse' });
    expectPhase(model, await fitPhase(model, x, y), want.fine_tuned, 'fine-tuned');

    model.dispose();
    x.dispose();
    y.dispose();
    expect(memory().numTensors).toBe(before);
  });
});

describe('a frozen BatchNormalization runs in inference mode', () => {
  /** A custom layer that keeps a BatchNormalization as a property and calls it with the call's arguments. */
  class Normalized extends Layer {
    readonly norm = new layers.BatchNormalization();
    readonly dense = new layers.Dense(2);
    call(inputs: Tensor, args: CallArgs): Tensor {
      return this.dense.apply(this.norm.apply(inputs, args), args);
    }
  }

  it('inside a frozen custom layer: fit moves neither its moving statistics nor its gamma and beta', async () => {
    const block = new Normalized();
    const x = Input({ shape: [3] });
    const model = new Model({ inputs: x, outputs: new layers.Dense(1).apply(block.apply(x)) });
    block.trainable = false;
    expect(block.norm.trainable).toBe(false);
    expect(model.trainableWeights).toHaveLength(2);
    const frozen = block.weights.map((w) => Array.from(w.value.dataSync()));
    const data = tensor(Float32Array.from({ length: 24 }, (_, i) => Math.sin(i) * 3 + 1), [8, 3]);
    const target = tensor(Float32Array.from({ length: 8 }, (_, i) => Math.cos(i)), [8, 1]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await model.fit(data, target, { batchSize: 4, epochs: 2, verbose: 0 });
    expect(block.weights.map((w) => Array.from(w.value.dataSync()))).toEqual(frozen);

    block.trainable = true;
    await model.fit(data, target, { batchSize: 4, epochs: 1, verbose: 0 });
    const movingMean = Array.from(block.norm.movingMean!.value.dataSync());
    expect(movingMean.some((v) => v !== 0)).toBe(true);
    model.dispose();
    data.dispose();
    target.dispose();
  });

});
