import { describe, expect, it } from 'vitest';
import { ValueError, memory, tensor } from '../../ts/index.js';
import { Trainer } from '../../ts/training/trainer.js';
import { LinearModel, regressionData } from './linear_model.js';

describe('bad input gives a clear ValueError and the library keeps working', () => {
  const model = new LinearModel(3, 1);
  const { x, y } = regressionData(100, 3);
  const xs = () => tensor(x, [100, 3]);
  const xt = xs();

  it('fit, evaluate and trainOnBatch before compile', async () => {
    const trainer = new Trainer(model);
    await expect(trainer.fit(xt, y)).rejects.toThrow(new ValueError('You must call `compile()` before using the model.'));
    expect(() => trainer.evaluate(xt, y)).toThrow(ValueError);
    expect(() => trainer.trainOnBatch(xt, y)).toThrow('You must call `compile()`');
  });

  it('unknown loss, metric and optimizer identifiers at compile', () => {
    const trainer = new Trainer(model);
    expect(() => trainer.compile({ optimizer: 'relu2', loss: 'mse' })).toThrow(/^Could not interpret optimizer identifier: relu2\. Known optimizers: 'SGD', 'Adam', 'RMSprop', 'AdamW', /);
    expect(() => trainer.compile({ optimizer: 'adam', loss: 'msee' })).toThrow(/^Could not interpret loss identifier: msee\. Known losses: 'BCE', /);
    expect(() => trainer.compile({ optimizer: 'adam', loss: 'mse', metrics: ['acuracy'] })).toThrow(/^Could not interpret metric identifier: acuracy\. Known names: accuracy, acc, Mean, mean, /);
    expect(() => trainer.compile({ optimizer: 'adam' })).toThrow('No loss to compute. Provide a `loss` argument in `compile()`.');
    expect(trainer.isCompiled).toBe(false);
  });

  it('different sample counts in x and y', async () => {
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = memory().numTensors;
    // Keras 3's message, word for word (no separator after "samples.").
    const message = "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes: 100\n'y' sizes: 90\n";
    await expect(trainer.fit(xs(), Array.from(y.slice(0, 90)), { verbose: 0 })).rejects.toThrow(new ValueError(message));
    expect(() => trainer.evaluate(xs(), y.slice(0, 90), { verbose: 0 })).toThrow(message);
    // The tensors the calls converted were freed (the two made by xs() above are the test's own).
    expect(memory().numTensors).toBe(before + 2);
    trainer.dispose();
  });

  it('NaN and non-numeric values in x or y', async () => {
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'mse' });
    const bad = Float32Array.from(x);
    bad[3 * 17 + 1] = NaN;
    await expect(trainer.fit(tensor(bad, [100, 3]), y, { verbose: 0 })).rejects.toThrow(
      new ValueError('x contains NaN values (the first in sample 17). Clean or impute the data before training.'),
    );
    const labels: unknown[] = Array.from(y);
    labels[5] = 'five';
    await expect(trainer.fit(xt, labels as number[], { verbose: 0 })).rejects.toThrow(/^Invalid values in y: tensor: values must be numbers, received string \("five"\) at index 5$/);
    await expect(trainer.fit(xt, null as unknown as number[], { verbose: 0 })).rejects.toThrow(ValueError);
    trainer.dispose();
  });

  it('bad fit options', async () => {
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'mse' });
    await expect(trainer.fit(xt, y, { validationSplit: 1.5, verbose: 0 })).rejects.toThrow(/`validation_split` must be a float between 0 and 1/);
    await expect(trainer.fit(xt, y, { batchSize: 0, verbose: 0 })).rejects.toThrow('`batch_size` must be a positive integer. Received: batch_size=0');
    trainer.dispose();
  });

  it('after all of the above, training still works and leaks nothing', async () => {
    const before = memory().numTensors;
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'mse' });
    const history = await trainer.fit(xt, y, { epochs: 2, verbose: 0 });
    expect(history.history.loss!.every(Number.isFinite)).toBe(true);
    trainer.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
