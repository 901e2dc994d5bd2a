import { describe, expect, it, vi } from 'vitest';
import { memory, ops, tensor, tidy } from '../../ts/index.js';
import { SGD } from '../../ts/optimizers/sgd.js';
import { Callback } from '../../ts/training/callbacks/callback.js';
import { EarlyStopping } from '../../ts/training/callbacks/early_stopping.js';
import { History } from '../../ts/training/callbacks/history.js';
import { LambdaCallback } from '../../ts/training/callbacks/lambda_callback.js';
import { ProgbarLogger } from '../../ts/training/callbacks/progbar_logger.js';
import { Trainer } from '../../ts/training/trainer.js';
import { LinearModel, regressionData } from './linear_model.js';

describe('EarlyStopping', () => {
  const data = regressionData(64, 2);
  const x = tensor(data.x, [64, 2]);
  const y = data.y;

  it('stops after `patience` epochs without improvement', async () => {
    const model = new LinearModel(2, 1);
    const trainer = new Trainer(model);
    // A learning rate of 0 never improves the loss.
    trainer.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'mse' });
    const stopper = new EarlyStopping({ monitor: 'loss', patience: 2, minDelta: 1e-6 });
    const history = await trainer.fit(x, y, { epochs: 20, verbose: 0, callbacks: [stopper] });
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(stopper.stoppedEpoch).toBe(2);
    expect(model.stopTraining).toBe(true);
    trainer.dispose();
    model.dispose();
  });

  it('keeps going while val_loss improves', async () => {
    const model = new LinearModel(2, 1);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: 'mse' });
    const history = await trainer.fit(x, y, { epochs: 6, verbose: 0, validationSplit: 0.25, callbacks: [new EarlyStopping({ patience: 1 })] });
    expect(history.epoch.length).toBe(6);
    trainer.dispose();
    model.dispose();
  });

  it('restores the best weights when asked, without leaking the snapshot', async () => {
    const model = new LinearModel(2, 1);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
    let weightsAtBest: number[] = [];
    // Make epoch 1 the best by breaking the weights in the epochs after it.
    const saboteur = new LambdaCallback({
      onEpochEnd: (epoch) => {
        if (epoch === 1) weightsAtBest = Array.from(model.w.value.dataSync());
      },
      onEpochBegin: (epoch) => {
        if (epoch >= 2) tidy(() => new SGD({ learningRate: 50 }).applyGradients([[ops.add(model.w.value, 1), model.w]]));
      },
    });
    const before = memory().numTensors;
    const stopper = new EarlyStopping({ monitor: 'loss', patience: 2, restoreBestWeights: true });
    await trainer.fit(x, y, { epochs: 10, batchSize: 64, verbose: 0, shuffle: false, callbacks: [saboteur, stopper] });
    expect(stopper.bestEpoch).toBe(1);
    expect(Array.from(model.w.value.dataSync())).toEqual(weightsAtBest);
    expect(memory().numTensors).toBe(before + 0);
    trainer.dispose();
    model.dispose();
  });

  it('warns naming the available metrics when the monitored one is missing, and carries on as Keras', async () => {
    const model = new LinearModel(2, 1);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'mse' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const history = await trainer.fit(x, y, { epochs: 2, verbose: 0, callbacks: [new EarlyStopping()] });
    expect(history.epoch).toEqual([0, 1]);
    expect(warn).toHaveBeenCalledWith('Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss');
    warn.mockRestore();
    trainer.dispose();
    model.dispose();
  });
});

describe("callbacks: Keras's arguments", () => {
  const data = regressionData(16, 2);
  const x = tensor(data.x, [16, 2]);

  it('EarlyStopping takes its parameters positionally in Keras\'s order, the same as the options', () => {
    const positional = new EarlyStopping('val_accuracy', 0.01, 3, 1, 'auto', 0.5, true, 2);
    const options = new EarlyStopping({ monitor: 'val_accuracy', minDelta: 0.01, patience: 3, verbose: 1, baseline: 0.5, restoreBestWeights: true, startFromEpoch: 2 });
    const state = (e: EarlyStopping) => [e.monitor, e.patience, e.verbose, e.mode, e.baseline, e.restoreBestWeights, e.startFromEpoch];
    expect(state(positional)).toEqual(state(options));
    expect(state(positional)).toEqual(['val_accuracy', 3, 1, 'auto', 0.5, true, 2]);
    expect(state(new EarlyStopping('loss', 0, 4))).toEqual(['loss', 4, 0, 'auto', null, false, 0]);
  });

  it('LambdaCallback takes Keras\'s six hooks positionally, and the other hooks by name', async () => {
    const events: string[] = [];
    const log = (what: string) => (index?: unknown) => { events.push(typeof index === 'number' ? `${what} ${index}` : what); };
    const positional = new LambdaCallback(log('epoch begin'), log('epoch end'), log('train begin'), log('train end'), log('batch begin'), log('batch end'));
    const older = new LambdaCallback({ onBatchEnd: log('old batch end') });
    const model = new LinearModel(2, 1);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: new SGD(0.01), loss: 'mse' });
    await trainer.fit(x, data.y, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [positional, older] });
    expect(events).toEqual([
      'train begin', 'epoch begin 0',
      'batch begin 0', 'batch end 0', 'old batch end 0', 'batch begin 1', 'batch end 1', 'old batch end 1',
      'epoch end 0', 'train end',
    ]);
    trainer.dispose();
    model.dispose();
  });

  it('refuse an unknown option, naming it and the class', () => {
    expect(() => new EarlyStopping({ min_delta: 0.1 } as never)).toThrow(
      "Unrecognized keyword arguments passed to EarlyStopping: {'min_delta': 0.1}. Options take camelCase keys: did you mean 'minDelta'?");
    expect(() => new LambdaCallback({ onEpochStart: () => {} } as never)).toThrow("Unrecognized keyword arguments passed to LambdaCallback: {'onEpochStart': <function onEpochStart>}");
    expect(() => new Callback({ verbose: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Callback: {'verbose': 1}");
    expect(() => new History({ epochs: 1 } as never)).toThrow("Unrecognized keyword arguments passed to History: {'epochs': 1}");
    expect(() => new ProgbarLogger({ verbose: 1 } as never)).toThrow("Unrecognized keyword arguments passed to ProgbarLogger: {'verbose': 1}");
    expect(() => new ProgbarLogger(1 as never)).toThrow('ProgbarLogger takes at most 0 positional arguments (), but 1 were given.');
  });

  it('a Callback subclass of your own may override the hooks under Keras\'s new or old batch names', async () => {
    const seen: string[] = [];
    class NewNames extends Callback {
      override onTrainBatchEnd(batch: number) { seen.push(`new ${batch}`); }
    }
    class OldNames extends Callback {
      override onBatchEnd(batch: number) { seen.push(`old ${batch}`); }
    }
    const model = new LinearModel(2, 1);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'mse' });
    await trainer.fit(x, data.y, { epochs: 1, batchSize: 16, verbose: 0, callbacks: [new NewNames(), new OldNames()] });
    expect(seen).toEqual(['new 0', 'old 0']);
    trainer.dispose();
    model.dispose();
  });
});
