import { describe, expect, it } from 'vitest';
import type { Variable } from '../../ts/engine/variable.js';
import { type Tensor, memory, ops, tensor, tidy } from '../../ts/index.js';
import { ProgbarLogger } from '../../ts/training/callbacks/progbar_logger.js';
import { Trainer } from '../../ts/training/trainer.js';
import type { TrainableModel } from '../../ts/training/trainable.js';
import { expectClose } from '../helpers/close.js';
import { LinearModel, blobs } from './linear_model.js';

/** A model whose predictions are its inputs: evaluation results can be computed by hand. */
class IdentityModel implements TrainableModel {
  readonly name = 'identity';
  readonly trainableWeights: Variable[] = [];
  readonly losses: Tensor[] = [];
  forward(x: Tensor): Tensor {
    return ops.add(x, 0);
  }
}

describe('evaluate', () => {
  const probs = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.5, 0.4, 0.1]];
  const ids = [0, 1, 0, 1];

  it('returns [loss, accuracy] computed right on fixed predictions, whatever the batch size', () => {
    const trainer = new Trainer(new IdentityModel());
    trainer.compile({ loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const wantLoss = -(Math.log(0.7) + Math.log(0.8) + Math.log(0.3) + Math.log(0.4)) / 4;
    for (const batchSize of [1, 3, 32]) {
      const [loss, acc] = trainer.evaluate(probs, ids, { batchSize, verbose: 0 }) as number[];
      expect(loss).toBeCloseTo(wantLoss, 5);
      expect(acc).toBeCloseTo(0.5, 6);
    }
    expect(trainer.evaluate(probs, ids, { verbose: 0, returnDict: true })).toEqual({ loss: expect.closeTo(wantLoss, 5), accuracy: 0.5 });
    trainer.dispose();
  });

  it('returns the loss alone without metrics, and picks categorical accuracy for one-hot targets', () => {
    const trainer = new Trainer(new IdentityModel());
    trainer.compile({ loss: 'categorical_crossentropy' });
    expect(typeof trainer.evaluate(probs, [[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 1, 0]], { verbose: 0 })).toBe('number');
    trainer.compile({ loss: 'categorical_crossentropy', metrics: ['acc', 'categorical_accuracy'] });
    const out = trainer.evaluate(probs, [[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 1, 0]], { verbose: 0 }) as number[];
    expect(out.slice(1)).toEqual([0.5, 0.5]);
    expect(trainer.metricsNames).toEqual(['loss', 'acc', 'categorical_accuracy']);
    trainer.dispose();
  });

  it('prints the final bar', () => {
    const trainer = new Trainer(new IdentityModel());
    trainer.compile({ loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    let text = '';
    trainer.evaluate(probs, ids, { batchSize: 2, callbacks: [new ProgbarLogger({ stream: { isTTY: false, write: (s: string) => { text += s; } } })] });
    expect(text).toMatch(/^2\/2 \[==============================\] - 0s \d+(ms|us)\/step - accuracy: 0\.5000 - loss: 0\.\d{4}\n$/);
    trainer.dispose();
  });
});

describe('predict', () => {
  it('concatenates batches in order and leaks nothing', () => {
    const model = new LinearModel(2, 3, 'softmax');
    const trainer = new Trainer(model);
    const { x } = blobs(10);
    const before = memory().numTensors;
    const out = trainer.predict(x, { batchSize: 3, verbose: 0 }) as Tensor;
    expect(out.shape).toEqual([10, 3]);
    expect(memory().numTensors).toBe(before + 1);
    tidy(() => expectClose(out, model.forward(tensor(x), false).dataSync(), 1e-6));
    out.dispose();
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('trainOnBatch / testOnBatch', () => {
  it('returns the batch loss and metrics', () => {
    const model = new LinearModel(2, 3, 'softmax');
    const trainer = new Trainer(model);
    trainer.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const { x, y } = blobs(30);
    const [before] = trainer.testOnBatch(x, y) as number[];
    for (let i = 0; i < 20; i++) trainer.trainOnBatch(x, y);
    const [after, acc] = trainer.testOnBatch(x, y) as number[];
    expect(after!).toBeLessThan(before!);
    expect(acc!).toBeGreaterThan(0.8);
    trainer.dispose();
    model.dispose();
  });
});
