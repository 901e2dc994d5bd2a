import { describe, expect, it } from 'vitest';
import { Variable } from '../../ts/engine/variable.js';
import { type Tensor, memory, ops, tensor } from '../../ts/index.js';
import { SGD } from '../../ts/optimizers/sgd.js';
import type { TrainableModel } from '../../ts/training/trainable.js';
import { Trainer } from '../../ts/training/trainer.js';

/**
 * Two inputs `a`, `b` → outputs `a * w`, `b * w` with w = 1 (and a zero learning rate), recording
 * each batch: the targets equal the inputs, so the loss is exactly 0 only if every array of a
 * batch holds the same samples.
 */
class Recorder implements TrainableModel {
  readonly name = 'recorder';
  readonly losses: Tensor[] = [];
  stopTraining = false;
  readonly w = new Variable({ name: 'w', path: 'recorder/w', value: tensor([1]) });
  readonly seen: { training: boolean; a: number[]; b: number[] }[] = [];

  constructor(readonly names: boolean) {}

  get inputNames(): string[] | undefined {
    return this.names ? ['a', 'b'] : undefined;
  }

  get outputNames(): string[] | undefined {
    return this.names ? ['first', 'second'] : undefined;
  }

  get trainableWeights(): Variable[] {
    return [this.w];
  }

  forward(x: Tensor | Tensor[], training: boolean): Tensor[] {
    const [a, b] = x as Tensor[];
    this.seen.push({ training, a: Array.from(a!.dataSync()), b: Array.from(b!.dataSync()) });
    return [ops.multiply(a!, this.w.value), ops.multiply(b!, this.w.value)];
  }
}

const column = (values: number[]) => values.map((v) => [v]);

describe('data with several inputs and outputs', () => {
  it('shuffles, batches and splits every array together', async () => {
    const n = 23;
    const a = column(Array.from({ length: n }, (_, i) => i));
    const b = column(Array.from({ length: n }, (_, i) => 100 + i));
    const model = new Recorder(true);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'mse' });
    const start = memory().numTensors;
    const history = await trainer.fit({ b, a }, { second: b, first: a }, { epochs: 3, batchSize: 5, validationSplit: 0.2, verbose: 0 });
    expect(history.history.loss).toEqual([0, 0, 0]);
    expect(history.history.val_loss).toEqual([0, 0, 0]);
    // Sorted, as Keras hands logs to callbacks.
    expect(Object.keys(history.history)).toEqual(['first_loss', 'loss', 'second_loss', 'val_first_loss', 'val_loss', 'val_second_loss']);
    for (const s of model.seen) expect(s.b).toEqual(s.a.map((v) => v + 100));
    const train = model.seen.filter((s) => s.training);
    const firstEpoch = train.slice(0, 4).flatMap((s) => s.a);
    // floor(23 * 0.8) = 18 samples train, in batches of 5, 5, 5, 3, shuffled; the last 5 validate, in order.
    expect(train.slice(0, 4).map((s) => s.a.length)).toEqual([5, 5, 5, 3]);
    expect([...firstEpoch].sort((x, y) => x - y)).toEqual(Array.from({ length: 18 }, (_, i) => i));
    expect(firstEpoch).not.toEqual(Array.from({ length: 18 }, (_, i) => i));
    expect(model.seen.filter((s) => !s.training).map((s) => s.a)).toEqual([[18, 19, 20, 21, 22], [18, 19, 20, 21, 22], [18, 19, 20, 21, 22]]);
    expect(memory().numTensors).toBe(start + 4); // the two per-output loss trackers' state, built on the first batch
    trainer.dispose();
    model.w.dispose();
  });

  it('a model without names takes lists; its output losses are named after their losses', () => {
    const model = new Recorder(false);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: new SGD({ learningRate: 0 }), loss: ['mse', 'mse'], metrics: [['mse'], []] });
    const x = [tensor([[1], [2]]), tensor([[3], [4]])];
    const y = [tensor([[1], [2]]), tensor([[3], [5]])];
    const values = trainer.testOnBatch(x, y) as number[];
    expect(trainer.metricsNames).toEqual(['loss', 'mse', 'mse_loss', 'mse_loss_1']);
    expect(values).toEqual([0.5, 0, 0, 0.5]);
    expect(() => trainer.testOnBatch({ a: x[0]!, b: x[1]! }, y)).toThrow("Model \"recorder\" has no input names: pass its inputs as a list, not a dict with keys ['a', 'b'].");
    expect(() => trainer.testOnBatch(x, [y[0]!])).toThrow("y_true and y_pred have different structures.\ny_true: '*'\ny_pred: ['*', '*']\n");
    trainer.dispose();
    model.w.dispose();
    for (const t of [...x, ...y]) t.dispose();
  });
});
