/**
 * Sample and class weights beyond the Keras fixtures: several outputs, temporal weights, Keras's
 * errors, the saved `weighted_metrics`, and memory.
 */
import { describe, expect, it } from 'vitest';
import { Variable } from '../../ts/engine/variable.js';
import { Input, Sequential, ValueError, layers, loadModel, memory, ops, saveModel, tensor } from '../../ts/index.js';
import type { Tensor } from '../../ts/index.js';
import { classWeightsToSampleWeights } from '../../ts/training/sample_weight.js';
import type { TrainableModel } from '../../ts/training/trainable.js';
import { Trainer } from '../../ts/training/trainer.js';

/** Input `x` → outputs `first = x`, `second = 2x`: fixed predictions, so losses can be computed by hand. */
class TwoHeads implements TrainableModel {
  readonly name = 'two_heads';
  readonly losses: Tensor[] = [];
  readonly trainableWeights: Variable[] = [];
  stopTraining = false;
  readonly inputNames = ['x'];
  readonly outputNames = ['first', 'second'];

  forward(x: Tensor): Tensor[] {
    return [ops.add(x, 0), ops.multiply(x, 2)];
  }
}

/** A model whose prediction is its input. */
class Identity implements TrainableModel {
  readonly name = 'identity';
  readonly losses: Tensor[] = [];
  readonly trainableWeights: Variable[] = [];
  stopTraining = false;

  forward(x: Tensor): Tensor {
    return ops.add(x, 0);
  }
}

/** Keras's weighted `mse` over `sum_over_batch_size`: Σ w_i · mean_j (p_ij − t_ij)² / N. */
function weightedMse(pred: number[][], target: number[][], weights: number[]): number {
  const perSample = pred.map((row, i) => row.reduce((s, p, j) => s + (p - target[i]![j]!) ** 2, 0) / row.length);
  return perSample.reduce((s, v, i) => s + v * weights[i]!, 0) / pred.length;
}

const x = [[1, 2], [3, 4], [5, 6], [7, 8]];
const yFirst = [[0, 2], [3, 3], [5, 0], [6, 8]];
const ySecond = [[2, 4], [6, 8], [10, 10], [0, 16]];
const w1 = [1, 0.5, 2, 0];
const w2 = [0, 1, 1, 3];
const predFirst = x;
const predSecond = x.map((r) => r.map((v) => 2 * v));

describe('sample weights with several outputs', () => {
  it('takes a dict by output name, a list, or one sample-wise array shared by both outputs', () => {
    const trainer = new Trainer(new TwoHeads());
    trainer.compile({ loss: ['mse', 'mse'], lossWeights: [1, 0.5] });
    const first = weightedMse(predFirst, yFirst, w1);
    const second = weightedMse(predSecond, ySecond, w2);
    const want = { loss: first + 0.5 * second, first_loss: first, second_loss: second };
    const y = { first: yFirst, second: ySecond };
    for (const sampleWeight of [{ second: w2, first: w1 }, [w1, w2]]) {
      const logs = trainer.evaluate(x, y, { sampleWeight, verbose: 0, returnDict: true }) as Record<string, number>;
      for (const [k, v] of Object.entries(want)) expect(logs[k], k).toBeCloseTo(v, 5);
    }
    const shared = trainer.evaluate(x, y, { sampleWeight: w1.map((w) => [w]), verbose: 0, returnDict: true }) as Record<string, number>;
    expect(shared.first_loss).toBeCloseTo(first, 5);
    expect(shared.second_loss).toBeCloseTo(weightedMse(predSecond, ySecond, w1), 5);
    trainer.dispose();
  });

  it("raises Keras's errors for a mismatched structure, a non-sample-wise shared array, and class weights", () => {
    const trainer = new Trainer(new TwoHeads());
    trainer.compile({ loss: 'mse' });
    const y = [tensor(yFirst), tensor(ySecond)];
    const before = memory().numTensors;
    expect(() => trainer.evaluate(x, y, { sampleWeight: [tensor(w1)], verbose: 0 })).toThrow(
      "You should provide one `sample_weight` array per output in `y`. The two structures did not match:\n- y: ['first', 'second']\n- sample_weight: ['*']\n",
    );
    expect(() => trainer.evaluate(x, y, { sampleWeight: { first: w1 }, verbose: 0 })).toThrow('You should provide one `sample_weight` array per output in `y`.');
    expect(() => trainer.evaluate(x, y, { sampleWeight: tensor([[1, 2], [3, 4], [5, 6], [7, 8]]), verbose: 0 })).toThrow(
      'For a model with multiple outputs, when providing a single `sample_weight` array, it should only have one scalar score per sample (i.e. shape `(num_samples,)`).',
    );
    expect(() => trainer.trainOnBatch(x, y, { classWeight: { 0: 2 } })).toThrow('`class_weight` is only supported for Models with a single output.');
    // The tensors made inline for the calls above: nothing else stays.
    expect(memory().numTensors).toBe(before + 2);
    trainer.dispose();
  });

  it('weighs each output of a weighted metric by its own weights, as <output>_<name>', () => {
    const trainer = new Trainer(new TwoHeads());
    const hits = (t: Tensor, p: Tensor) => ops.cast(ops.equal(ops.argmax(t, -1), ops.argmax(p, -1)), 'float32');
    trainer.compile({ loss: 'mse', metrics: [[hits], [hits]], weightedMetrics: { second: [hits] } });
    const logs = trainer.evaluate(x, [yFirst, ySecond], { sampleWeight: [w1, w2], verbose: 0, returnDict: true }) as Record<string, number>;
    expect(trainer.metricsNames).toEqual(['loss', 'first_hits', 'second_hits', 'second_weighted_hits', 'first_loss', 'second_loss']);
    // second: argmax hits per sample 1, 1, 0, 1; weights 0, 1, 1, 3.
    expect(logs.second_hits).toBeCloseTo(3 / 4, 6);
    expect(logs.second_weighted_hits).toBeCloseTo(4 / 5, 6);
    trainer.dispose();
  });
});

describe('sample weights of one output', () => {
  it('takes temporal weights [N, T] for per-step losses [N, T], dividing by N·T', () => {
    const trainer = new Trainer(new Identity());
    trainer.compile({ loss: 'mse' });
    const pred = [[[1], [2], [3]], [[4], [5], [6]]];
    const target = [[[0], [2], [5]], [[4], [8], [6]]];
    const weights = [[1, 2, 3], [0, 1, 0.5]];
    let want = 0;
    pred.forEach((row, i) => row.forEach(([p], t) => { want += weights[i]![t]! * (p! - target[i]![t]![0]!) ** 2; }));
    want /= 6;
    expect(trainer.testOnBatch(pred, target, { sampleWeight: weights })).toBeCloseTo(want, 5);
    trainer.dispose();
  });

  it('divides by the number of samples, not the sum of weights, and reports the batch-size-weighted mean', () => {
    const trainer = new Trainer(new Identity());
    trainer.compile({ loss: 'mse' });
    const pred = [[1], [2], [3]];
    const target = [[0], [0], [0]];
    expect(trainer.testOnBatch(pred, target, { sampleWeight: [2, 0, 1] })).toBeCloseTo((2 * 1 + 0 * 4 + 1 * 9) / 3, 6);
    // Batches [2, 0] and [1]: loss (2 + 0) / 2 = 1 over 2 samples and 9 / 1 over 1 sample → (2 + 9) / 3.
    expect(trainer.evaluate(pred, target, { sampleWeight: [2, 0, 1], batchSize: 2, verbose: 0 })).toBeCloseTo(11 / 3, 6);
    trainer.dispose();
  });

  it('converts class weights from sparse, [N, 1] and one-hot labels; unlisted classes weigh 1', () => {
    // Keys beyond the classes are refused (tests/training/careless_calls.test.ts).
    const classWeight = { 0: 0.5, 2: 4 };
    const cases: [Tensor, number[]][] = [
      [tensor([0, 1, 2, 2]), [0.5, 1, 4, 4]],
      [tensor([[2], [0.9], [0]]), [4, 1, 0.5]],
      [tensor([[0.1, 0.2, 0.7], [0.8, 0.1, 0.1], [0, 1, 0]]), [4, 0.5, 1]],
    ];
    for (const [labels, want] of cases) {
      const weights = classWeightsToSampleWeights(labels, classWeight);
      expect(Array.from(weights.dataSync())).toEqual(want);
      weights.dispose();
      labels.dispose();
    }
  });
});

describe('sample weight errors', () => {
  const trainer = new Trainer(new Identity());
  trainer.compile({ loss: 'mse' });
  const pred = [[1], [2], [3]];

  it('names every size when the weights do not hold one per sample', async () => {
    await expect(trainer.fit(pred, pred, { sampleWeight: [1, 2], verbose: 0 })).rejects.toThrow(
      "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes: 3\n'y' sizes: 3\n'sample_weight' sizes: 2\n",
    );
    expect(() => trainer.evaluate(pred, pred, { sampleWeight: [1, 2, 3, 4], verbose: 0 })).toThrow("'sample_weight' sizes: 4");
  });

  it('refuses sample and class weights together, with the message of fit and of train_on_batch', async () => {
    await expect(trainer.fit(pred, pred, { sampleWeight: [1, 2, 3], classWeight: { 0: 1 }, verbose: 0 })).rejects.toThrow(
      'You cannot `class_weight` and `sample_weight` at the same time.',
    );
    expect(() => trainer.trainOnBatch(pred, pred, { sampleWeight: [1, 2, 3], classWeight: { 0: 1 } })).toThrow(
      'Arguments `sample_weight` and `class_weight` cannot be specified at the same time. Received: sample_weight=[1,2,3], class_weight={"0":1}',
    );
  });

  it('refuses non-numeric weights, scalars and bad class weights', async () => {
    expect(() => trainer.evaluate(pred, pred, { sampleWeight: ['a', 'b', 'c'] as never, verbose: 0 })).toThrow(ValueError);
    expect(() => trainer.evaluate(pred, pred, { sampleWeight: ['a', 'b', 'c'] as never, verbose: 0 })).toThrow(/sample_weight/);
    expect(() => trainer.evaluate(pred, pred, { sampleWeight: [1, Number.NaN, 2], verbose: 0 })).toThrow('sample_weight contains NaN values (the first in sample 1).');
    expect(() => trainer.evaluate(pred, pred, { sampleWeight: 2, verbose: 0 })).toThrow('sample_weight must have a batch dimension (one weight per sample), received a scalar');
    expect(() => trainer.trainOnBatch(pred, pred, { classWeight: { 0: 'heavy' } as never })).toThrow(
      '`class_weight` values must be finite numbers. Received: class_weight[0]="heavy" (of type string).',
    );
    expect(() => trainer.trainOnBatch(pred, pred, { classWeight: { first: 2 } as never })).toThrow(
      "`class_weight` must be a dictionary with integer keys representing class indices. Received an invalid key: 'first'.",
    );
    expect(() => trainer.trainOnBatch(pred, pred, { classWeight: [1, 2] as never })).toThrow('`class_weight` must be a dict-like mapping of class indices to weights.');
  });

  it('names the argument in an unknown weighted metric', () => {
    const t = new Trainer(new Identity());
    expect(() => t.compile({ loss: 'mse', weightedMetrics: ['no_such_metric'] })).toThrow('Could not interpret metric identifier: no_such_metric');
    expect(() => t.compile({ loss: 'mse', weightedMetrics: 'accuracy' as never })).toThrow(
      'Expected `weighted_metrics` argument to be a list, tuple, or dict. Received instead: weighted_metrics=accuracy of type string',
    );
  });

  it('frees what it converted when a check fails', () => {
    const before = memory().numTensors;
    expect(() => trainer.evaluate(pred, pred, { sampleWeight: [1, 2], verbose: 0 })).toThrow(ValueError);
    expect(() => trainer.trainOnBatch(pred, pred, { classWeight: { 0: 'x' } as never })).toThrow(ValueError);
    expect(memory().numTensors).toBe(before);
  });
});

describe('weighted_metrics in the saved compile_config', () => {
  it('round-trips through a .keras file and logs weighted_accuracy after loading', async () => {
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(3, { activation: 'softmax' })]);
    model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'], weightedMetrics: ['accuracy'] });
    const loaded = await loadModel(await saveModel(model));
    expect(loaded.compileArgs?.weightedMetrics).toEqual(['accuracy']);
    loaded.evaluate([[1, 0], [0, 1]], [0, 2], { sampleWeight: [1, 3], verbose: 0 });
    expect(loaded.metricsNames).toEqual(['loss', 'accuracy', 'weighted_accuracy']);
    model.dispose();
    loaded.dispose();
  });
});
