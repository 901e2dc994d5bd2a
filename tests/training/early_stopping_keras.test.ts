/**
 * EarlyStopping against real Keras 3.15.1 (fixture from scripts/keras/callback_loop_fixtures.py):
 * over scripted sequences of `val_loss`, the epoch it stops at, its `wait` and `best_epoch` after
 * each epoch, and the epoch whose weights `restoreBestWeights` puts back (also when training
 * ends without stopping); the `'auto'` direction from the monitored metric's class.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, callbacks, layers, memory, optimizers, tensor } from '../../ts/index.js';
import type { Model } from '../../ts/index.js';
import { toCamelCase } from '../../ts/utils/naming.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/training/callback_loop.json', import.meta.url), 'utf8'));

interface StoppingCase {
  config: Record<string, number | string | boolean>;
  values: number[];
  epochs: { stop: boolean; wait: number; best_epoch: number }[];
  stopped: boolean;
  stopped_epoch: number;
  restored: number;
}

function compiledModel(metrics: string[] = ['mae']): Model {
  const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
  model.compile({ optimizer: new optimizers.SGD(0.1), loss: 'mse', metrics });
  return model;
}

/** Sets every weight of `model` to `value`, so the weights say which epoch they are from. */
function fillWeights(model: Model, value: number): void {
  const kernel = tensor([[value], [value]]);
  const bias = tensor([value]);
  model.setWeights([kernel, bias]);
  kernel.dispose();
  bias.dispose();
}

describe('EarlyStopping, as Keras', () => {
  for (const c of fixture.early_stopping as StoppingCase[]) {
    it(JSON.stringify(c.config), () => {
      const model = compiledModel();
      const before = memory().numTensors;
      const stopper = new callbacks.EarlyStopping(Object.fromEntries(Object.entries(c.config).map(([k, v]) => [toCamelCase(k), v])));
      stopper.setModel(model);
      model.stopTraining = false;
      stopper.onTrainBegin();
      const rows = [];
      for (const [epoch, value] of c.values.entries()) {
        fillWeights(model, epoch);
        stopper.onEpochEnd(epoch, { val_loss: value });
        rows.push({ stop: model.stopTraining, wait: stopper.wait, best_epoch: stopper.bestEpoch });
        if (model.stopTraining) break;
      }
      stopper.onTrainEnd();
      expect(rows).toEqual(c.epochs);
      expect(stopper.stoppedEpoch).toBe(c.stopped_epoch);
      expect(model.weights[1]!.value.dataSync()[0]).toBe(c.restored);
      expect(memory().numTensors).toBe(before);
      model.dispose();
    });
  }
});

describe("EarlyStopping's 'auto' mode", () => {
  it("follows the monitored metric's Keras class: loss and errors down, accuracy up", () => {
    const model = compiledModel(['mae', 'accuracy']);
    const x = tensor([[0, 1]]);
    const y = tensor([[1]]);
    model.trainOnBatch(x, y);
    const improves = (monitor: string, from: number, to: number) => {
      const stopper = new callbacks.EarlyStopping({ monitor, patience: 0 });
      stopper.setModel(model);
      model.stopTraining = false;
      stopper.onTrainBegin();
      stopper.onEpochEnd(0, { [monitor]: from });
      stopper.onEpochEnd(1, { [monitor]: to });
      return !model.stopTraining;
    };
    expect(improves('val_loss', 1, 0.5)).toBe(true);
    expect(improves('val_mae', 1, 0.5)).toBe(true);
    expect(improves('val_accuracy', 0.5, 1)).toBe(true);
    expect(improves('accuracy', 1, 0.5)).toBe(false);
    x.dispose();
    y.dispose();
    model.dispose();
  });

  it("refuses a metric whose direction Keras cannot tell, with Keras's message", () => {
    const model = compiledModel();
    const stopper = new callbacks.EarlyStopping({ monitor: 'val_custom' });
    stopper.setModel(model);
    stopper.onTrainBegin();
    expect(() => stopper.onEpochEnd(0, { val_custom: 1 })).toThrow(
      "EarlyStopping callback received monitor=val_custom, but Keras isn't able to automatically determine whether that metric should be maximized or minimized. Pass `mode='max'` in order to monitor based on the highest metric value, or pass `mode='min'` in order to use the lowest value.",
    );
    const explicit = new callbacks.EarlyStopping({ monitor: 'val_custom', mode: 'max' });
    explicit.setModel(model);
    explicit.onTrainBegin();
    explicit.onEpochEnd(0, { val_custom: 1 });
    expect(explicit.best).toBe(1);
    model.dispose();
  });

  it('restores the best weights at the end of a fit that ran all its epochs', async () => {
    const model = compiledModel();
    const x = tensor(fixture.inputs.x);
    const y = tensor(fixture.inputs.y);
    let bestKernel: number[] = [];
    // Epoch 1 is made the best: the weights are spoilt before each later epoch.
    const spoil = new callbacks.LambdaCallback({
      onEpochBegin: (epoch) => { if (epoch >= 2) fillWeights(model, 5 * epoch); },
      onEpochEnd: (epoch) => { if (epoch === 1) bestKernel = Array.from(model.weights[0]!.value.dataSync()); },
    });
    const stopper = new callbacks.EarlyStopping({ monitor: 'loss', patience: 10, restoreBestWeights: true });
    const history = await model.fit(x, y, { epochs: 4, batchSize: 10, verbose: 0, callbacks: [spoil, stopper] });
    expect(history.epoch).toEqual([0, 1, 2, 3]);
    expect(stopper.stoppedEpoch).toBe(0);
    expect(stopper.bestEpoch).toBe(1);
    expect(Array.from(model.weights[0]!.value.dataSync())).toEqual(bestKernel);
    x.dispose();
    y.dispose();
    model.dispose();
  });
});
