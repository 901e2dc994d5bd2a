import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy } from '../../ts/index.js';
import { SGD } from '../../ts/optimizers/sgd.js';
import { EarlyStopping } from '../../ts/training/callbacks/early_stopping.js';
import { LambdaCallback } from '../../ts/training/callbacks/lambda_callback.js';
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

  it("keeps going while val_loss improves, in 'auto' mode maximising accuracy-like names", async () => {
    expect(new EarlyStopping({ monitor: 'val_accuracy' }).mode).toBe('max');
    expect(new EarlyStopping().mode).toBe('min');
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

  it('names the available metrics when the monitored one is missing', async () => {
    const model = new LinearModel(2, 1);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'mse' });
    await expect(trainer.fit(x, y, { epochs: 2, verbose: 0, callbacks: [new EarlyStopping()] })).rejects.toThrow(
      'Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss',
    );
    trainer.dispose();
    model.dispose();
  });
});
