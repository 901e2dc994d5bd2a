import { describe, expect, it } from 'vitest';
import { type Tensor, memory, tensor, tidy } from '../../ts/index.js';
import { LambdaCallback } from '../../ts/training/callbacks/lambda_callback.js';
import { ProgbarLogger } from '../../ts/training/callbacks/progbar_logger.js';
import { Trainer } from '../../ts/training/trainer.js';
import { SGD } from '../../ts/optimizers/sgd.js';
import { LinearModel, blobs, regressionData } from './linear_model.js';

describe('fit', () => {
  it('fits a linear regression to near-zero loss and records History', async () => {
    const { x, y, trueW } = regressionData(256, 4);
    const model = new LinearModel(4, 1);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
    const history = await trainer.fit(tensor(x, [256, 4]), tensor(y, [256, 1]), { epochs: 30, batchSize: 32, verbose: 0 });
    expect(Object.keys(history.history)).toEqual(['loss']);
    expect(history.epoch).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(history.params).toEqual({ verbose: 0, epochs: 30, steps: 8 });
    const losses = history.history.loss!;
    expect(losses[0]!).toBeGreaterThan(0.1);
    expect(losses[29]!).toBeLessThan(1e-4);
    const w = model.w.value.dataSync();
    trueW.forEach((t, i) => expect(w[i]!).toBeCloseTo(t, 2));
    expect(model.b.value.dataSync()[0]!).toBeCloseTo(0.5, 2);
    trainer.dispose();
    model.dispose();
  });

  it("classifies with 'accuracy' and names History keys as Keras does", async () => {
    const { x, y } = blobs(300);
    const model = new LinearModel(2, 3, 'softmax');
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const history = await trainer.fit(x, y, { epochs: 15, batchSize: 16, validationSplit: 0.2, verbose: 0 });
    // Keras hands callbacks their logs with the keys sorted, and so records them.
    expect(Object.keys(history.history)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(history.history.accuracy!.at(-1)!).toBeGreaterThan(0.9);
    expect(history.history.val_accuracy!.at(-1)!).toBeGreaterThan(0.9);
    expect(trainer.metricsNames).toEqual(['loss', 'accuracy']);
    trainer.dispose();
    model.dispose();
  });

  it('validates on the last fraction of the samples, taken before shuffling, and keeps the last partial batch', async () => {
    const n = 10;
    const x = Array.from({ length: n }, (_, i) => [i]);
    const seen: { training: boolean; rows: number[] }[] = [];
    const model = new LinearModel(1, 1);
    const forward = model.forward.bind(model);
    model.forward = (xb, training) => {
      seen.push({ training, rows: Array.from(xb.dataSync()) });
      return forward(xb, training);
    };
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'mse' });
    await trainer.fit(x, x, { epochs: 2, batchSize: 3, validationSplit: 0.3, verbose: 0 });
    const train = seen.filter((s) => s.training);
    const test = seen.filter((s) => !s.training);
    expect(train.map((s) => s.rows.length)).toEqual([3, 3, 1, 3, 3, 1]);
    expect(train.slice(0, 3).flatMap((s) => s.rows).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(test.map((s) => s.rows)).toEqual([[7, 8, 9], [7, 8, 9]]);
    trainer.dispose();
    model.dispose();
  });

  it('uses validationData when given, and starts at initialEpoch', async () => {
    const { x, y } = regressionData(40, 2);
    const model = new LinearModel(2, 1);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mse'] });
    const history = await trainer.fit(tensor(x, [40, 2]), tensor(y, [40, 1]), {
      epochs: 4, initialEpoch: 2, verbose: 0, validationData: [tensor(x.slice(0, 20), [10, 2]), tensor(y.slice(0, 10), [10, 1])],
    });
    expect(history.epoch).toEqual([2, 3]);
    expect(Object.keys(history.history)).toEqual(['loss', 'mse', 'val_loss', 'val_mse']);
    history.history.loss!.forEach((l, i) => expect(history.history.mse![i]).toBeCloseTo(l as number, 5));
    trainer.dispose();
    model.dispose();
  });

  it('awaits async callbacks in order', async () => {
    const events: string[] = [];
    const model = new LinearModel(1, 1);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'mse' });
    const slow = new LambdaCallback({
      onTrainBegin: () => { events.push('train begin'); },
      onEpochEnd: async (epoch, logs) => {
        await new Promise((r) => setTimeout(r, 10));
        events.push(`epoch ${epoch} end, loss ${typeof logs.loss}`);
      },
      onBatchEnd: (batch) => { events.push(`batch ${batch}`); },
      onTrainEnd: () => { events.push('train end'); },
    });
    await trainer.fit([[1], [2], [3]], [[2], [4], [6]], { epochs: 2, batchSize: 2, verbose: 0, callbacks: [slow] });
    expect(events).toEqual(['train begin', 'batch 0', 'batch 1', 'epoch 0 end, loss number', 'batch 0', 'batch 1', 'epoch 1 end, loss number', 'train end']);
    trainer.dispose();
    model.dispose();
  });

  it('prints Keras progress lines: one per epoch when not a TTY', async () => {
    const { x, y } = blobs(40);
    const model = new LinearModel(2, 3, 'softmax');
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'rmsprop', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    let text = '';
    const stream = { isTTY: false, write: (s: string) => { text += s; } };
    let t = 0;
    const now = () => (t += 0.001);
    await trainer.fit(x, y, { epochs: 2, batchSize: 8, validationSplit: 0.2, callbacks: [new ProgbarLogger({ stream, now })] });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Epoch 1/2');
    expect(lines[1]).toMatch(/^4\/4 \[==============================\] - 0s \dms\/step - accuracy: \d\.\d{4} - loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - val_loss: \d\.\d{4}$/);
    expect(lines[2]).toBe('Epoch 2/2');
    expect(lines[3]).toMatch(/^4\/4 \[=+\] - 0s \dms\/step - accuracy: /);
    expect(lines.length).toBe(5);
    trainer.dispose();
    model.dispose();
  });

  it('redraws the bar in place on a TTY and prints one summary line per epoch with verbose 2', async () => {
    const model = new LinearModel(1, 1);
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'mse' });
    let tty = '';
    let t = 0;
    const now = () => (t += 0.1);
    const x = Array.from({ length: 8 }, (_, i) => [i / 8]);
    await trainer.fit(x, x, { epochs: 1, batchSize: 2, callbacks: [new ProgbarLogger({ stream: { isTTY: true, write: (s: string) => { tty += s; } }, now })] });
    expect(tty.startsWith('\r1/4 [======>.......................] - ETA: ')).toBe(true);
    expect(tty.endsWith('\n')).toBe(true);
    expect(tty.split('\r').at(-1)).toMatch(/^4\/4 \[==============================\] - \ds \d+ms\/step - loss: \d\.\d{4}\s*\n$/);
    let two = '';
    await trainer.fit(x, x, { epochs: 2, batchSize: 2, verbose: 2, callbacks: [new ProgbarLogger({ stream: { isTTY: true, write: (s: string) => { two += s; } }, now })] });
    const lines = two.trimEnd().split('\n');
    expect(lines[0]).toBe('Epoch 1/2');
    expect(lines[1]).toMatch(/^4\/4 - \ds - loss: \d\.\d{4} - \ds\/epoch - \d+ms\/step$/);
    expect(lines.length).toBe(4);
    trainer.dispose();
    model.dispose();
  });

  it('does not grow memory after the first epoch, and frees the data it converted', async () => {
    const { x, y } = blobs(120);
    const model = new LinearModel(2, 3, 'softmax');
    const trainer = new Trainer(model);
    const before = memory();
    trainer.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const perEpoch: { numTensors: number; numBytes: number }[] = [];
    const probe = new LambdaCallback({ onEpochEnd: () => { const m = memory(); perEpoch.push({ numTensors: m.numTensors, numBytes: m.numBytes }); } });
    await trainer.fit(x, y, { epochs: 4, batchSize: 16, validationSplit: 0.25, verbose: 0, callbacks: [probe] });
    expect(perEpoch[3]).toEqual(perEpoch[0]);
    expect(perEpoch[1]).toEqual(perEpoch[0]);
    // Left after fit: the Adam slots (2 per weight) and the state (total, count) of the loss tracker and the accuracy.
    expect(memory().numTensors).toBe(before.numTensors + 4 + 2 + 2);
    const afterFit = memory();
    tidy(() => {
      trainer.evaluate(x, y, { verbose: 0 });
    });
    (trainer.predict(x, { verbose: 0 }) as Tensor).dispose();
    expect(memory()).toEqual(afterFit);
    trainer.dispose();
    expect(memory().numTensors).toBe(before.numTensors);
    model.dispose();
  });
});
