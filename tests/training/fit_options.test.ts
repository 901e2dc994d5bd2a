/**
 * The `fit` options beyond the basics, as Keras 3.15.1 takes them: `shuffle: 'batch'`,
 * `validationFreq`, `classWeight` with batch data, `compile({ stepsPerExecution })` (its checks, its place in compile_config,
 * batch data, memory), and the `stopEvaluating` / `stopPredicting` flags callbacks may set.
 */
import { describe, expect, it, vi } from 'vitest';
import { Input, Sequential, callbacks, layers, memory, optimizers, tensor, utils } from '../../ts/index.js';
import type { Model, Tensor } from '../../ts/index.js';
import { compileArgsFromConfig, compileConfig } from '../../ts/saving/compile_config.js';
import { planBatches } from '../../ts/training/data.js';

function denseModel(stepsPerExecution = 1): Model {
  const model = new Sequential([Input({ shape: [1] }), new layers.Dense(1)]);
  model.compile({ optimizer: new optimizers.SGD(0.01), loss: 'mse', stepsPerExecution });
  return model;
}

/** Samples 0..n-1 as x (one feature) and y = 2x. */
function counting(n: number): { x: Tensor; y: Tensor } {
  return { x: tensor(Array.from({ length: n }, (_, i) => [i])), y: tensor(Array.from({ length: n }, (_, i) => [2 * i])) };
}

/** A seeded stand-in for the global random source. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe("shuffle: 'batch'", () => {
  it('shuffles the samples inside each batch-sized chunk, the chunks staying in order (Keras 3)', () => {
    const batches = planBatches(0, 23, 5, 'batch', lcg(3));
    expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 5, 3]);
    batches.forEach((b, i) => expect([...b].sort((p, q) => p - q)).toEqual(Array.from({ length: b.length }, (_, j) => 5 * i + j)));
    expect(batches.some((b, i) => b.some((v, j) => v !== 5 * i + j))).toBe(true);
  });

  it('trains on each chunk in order in fit', async () => {
    const model = denseModel();
    const { x, y } = counting(12);
    const seen: number[][] = [];
    // The samples of each training batch, as the model receives them.
    const forward = model.forward.bind(model);
    model.forward = ((input: Tensor, training: boolean) => {
      if (training) seen.push(Array.from(input.dataSync()));
      return forward(input, training);
    }) as typeof model.forward;
    await model.fit(x, y, { epochs: 2, batchSize: 4, shuffle: 'batch', verbose: 0 });
    expect(seen).toHaveLength(6);
    seen.forEach((batch, i) => expect([...batch].sort((p, q) => p - q)).toEqual([0, 1, 2, 3].map((j) => 4 * (i % 3) + j)));
    x.dispose();
    y.dispose();
    model.dispose();
  });
});

describe('validationFreq', () => {
  it('validates after the epochs it picks, as an int or a list', async () => {
    const model = denseModel();
    const { x, y } = counting(8);
    const every2 = await model.fit(x, y, { epochs: 5, validationData: [x, y], validationFreq: 2, verbose: 0 });
    expect(every2.history.val_loss).toHaveLength(2);
    const listed: number[] = [];
    const probe = new callbacks.LambdaCallback({ onEpochEnd: (epoch, logs) => { if ('val_loss' in logs) listed.push(epoch); } });
    await model.fit(x, y, { epochs: 5, validationData: [x, y], validationFreq: [1, 4], verbose: 0, callbacks: [probe] });
    expect(listed).toEqual([0, 3]);
    x.dispose();
    y.dispose();
    model.dispose();
  });

  it("refuses what is not a positive int or a list, in Keras's words", async () => {
    const model = denseModel();
    const { x, y } = counting(4);
    await expect(model.fit(x, y, { validationFreq: 1.5, verbose: 0 })).rejects.toThrow("Expected `validation_freq` to be a list or int. Received: validation_freq=1.5 of the type <class 'float'>.");
    await expect(model.fit(x, y, { validationFreq: 0, verbose: 0 })).rejects.toThrow('`validation_freq` must be a positive integer or a list of epochs. Received: validation_freq=0');
    x.dispose();
    y.dispose();
    model.dispose();
  });
});

describe('stepsPerExecution', () => {
  it('trains as one step at a time does, with the batch hooks once per execution', async () => {
    const { x, y } = counting(10);
    const weightsAfter = async (steps: number) => {
      const model = denseModel(steps);
      const kernel = tensor([[0.5]]);
      const bias = tensor([0]);
      model.setWeights([kernel, bias]);
      const ends: number[] = [];
      await model.fit(x, y, { epochs: 2, batchSize: 2, shuffle: false, verbose: 0, callbacks: [new callbacks.LambdaCallback({ onTrainBatchEnd: (b) => { ends.push(b); } })] });
      const weights = model.weights.map((w) => Array.from(w.value.dataSync()));
      for (const t of [kernel, bias]) t.dispose();
      model.dispose();
      return { weights, ends };
    };
    const one = await weightsAfter(1);
    const four = await weightsAfter(4);
    expect(four.weights).toEqual(one.weights);
    expect(one.ends).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
    expect(four.ends).toEqual([3, 7, 3, 7]);
    x.dispose();
    y.dispose();
  });

  it('downloads the running metric values only for a callback that reads them', async () => {
    const model = denseModel(1);
    const { x, y } = counting(10);
    const reads = vi.spyOn(model.metrics[0]!, 'logValue');
    await model.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0 });
    expect(reads).toHaveBeenCalledTimes(2);
    reads.mockClear();
    await model.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0, callbacks: [new callbacks.LambdaCallback({ onBatchEnd: () => {} })] });
    expect(reads).toHaveBeenCalledTimes(12);
    reads.mockRestore();
    x.dispose();
    y.dispose();
    model.dispose();
  });

  it('runs over batch data, in evaluate and predict too, and frees every batch', async () => {
    const model = denseModel(3);
    const { x, y } = counting(7);
    const batches = function* () {
      for (let i = 0; i < 7; i += 2) yield [tensor(Array.from({ length: Math.min(2, 7 - i) }, (_, j) => [i + j])), tensor(Array.from({ length: Math.min(2, 7 - i) }, (_, j) => [2 * (i + j)]))];
    };
    await model.fit(batches, { epochs: 1, verbose: 0 });
    const before = memory().numTensors;
    const ends: number[] = [];
    const probe = new callbacks.LambdaCallback({ onTrainBatchEnd: (b) => { ends.push(b); }, onTestBatchEnd: (b) => { ends.push(100 + b); } });
    await model.fit(batches, { epochs: 2, verbose: 0, callbacks: [probe] });
    expect(ends).toEqual([2, 5, 2, 5]);
    await model.evaluate(batches, { verbose: 0, callbacks: [probe] });
    expect(ends.slice(4)).toEqual([102, 105]);
    const predicted = await model.predict(batches, { verbose: 0 });
    expect(predicted.shape).toEqual([7, 1]);
    predicted.dispose();
    expect(memory().numTensors).toBe(before);
    x.dispose();
    y.dispose();
    model.dispose();
  });

  it('is written into compile_config and read back', () => {
    const model = denseModel(5);
    const config = compileConfig(model, model.compileArgs!);
    expect(config.steps_per_execution).toBe(5);
    expect(compileArgsFromConfig(config).stepsPerExecution).toBe(5);
    model.dispose();
  });

  it('must be a positive integer', () => {
    const model = new Sequential([Input({ shape: [1] }), new layers.Dense(1)]);
    expect(() => model.compile({ loss: 'mse', stepsPerExecution: 0 })).toThrow('`steps_per_execution` must be a positive integer. Received: steps_per_execution=0');
    model.dispose();
  });
});

describe('stopEvaluating and stopPredicting', () => {
  it('end an evaluation and a prediction after the batch whose hook sets them', async () => {
    const model = denseModel();
    const { x, y } = counting(10);
    const testEnds: number[] = [];
    const stopEval = new callbacks.LambdaCallback({
      onTestBatchEnd: (b) => {
        testEnds.push(b);
        if (b === 1) model.stopEvaluating = true;
      },
    });
    model.evaluate(x, y, { batchSize: 2, verbose: 0, callbacks: [stopEval] });
    expect(testEnds).toEqual([0, 1]);
    const rows: number[] = [];
    const stopPredict = new callbacks.LambdaCallback({
      onPredictBatchEnd: (batch, logs) => {
        rows.push((logs.outputs as Tensor).shape[0]!);
        if (batch === 2) model.stopPredicting = true;
      },
    });
    const before = memory().numTensors;
    const predicted = model.predict(x, { batchSize: 3, verbose: 0, callbacks: [stopPredict] });
    expect(rows).toEqual([3, 3, 3]);
    expect(predicted.shape).toEqual([9, 1]);
    predicted.dispose();
    expect(memory().numTensors).toBe(before);
    x.dispose();
    y.dispose();
    model.dispose();
  });

  it('refuses async hooks in the synchronous evaluate() and predict() of arrays', () => {
    const model = denseModel();
    const { x, y } = counting(4);
    const asyncHook = new callbacks.LambdaCallback({ onTestBegin: async () => {} });
    expect(() => model.evaluate(x, y, { verbose: 0, callbacks: [asyncHook] })).toThrow('evaluate() is synchronous: its callbacks cannot have async hooks.');
    class AsyncPredict extends callbacks.Callback {
      override async onPredictBegin() {}
    }
    expect(() => model.predict(x, { verbose: 0, callbacks: [new AsyncPredict()] })).toThrow('predict() is synchronous: its callbacks cannot have async hooks.');
    x.dispose();
    y.dispose();
    model.dispose();
  });
});

describe('classWeight with batch data', () => {
  const xs = [[0.5, -1], [1, 0.25], [-0.5, 0.75], [0.1, 0.2], [0.9, -0.3], [-0.7, -0.1]];
  const labels = [0, 1, 2, 1, 0, 2];
  const classWeight = { 0: 0.5, 2: 3 };

  function classifier(): Model {
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(3, { activation: 'softmax', kernelInitializer: 'ones' })]);
    model.compile({ optimizer: new optimizers.SGD(0.1), loss: 'sparse_categorical_crossentropy' });
    return model;
  }

  class Batches extends utils.PyDataset {
    constructor(private readonly withWeights = false) {
      super();
    }
    get length() {
      return 3;
    }
    getItem(index: number) {
      const rows = [2 * index, 2 * index + 1];
      const batch = [tensor(rows.map((r) => xs[r]!)), tensor(rows.map((r) => labels[r]!))];
      return this.withWeights ? [...batch, tensor([1, 1])] : batch;
    }
  }

  it('weighs a PyDataset\'s batches by their labels, as the same arrays are weighed', async () => {
    const fromArrays = classifier();
    const x = tensor(xs);
    const y = tensor(labels);
    await fromArrays.fit(x, y, { batchSize: 2, shuffle: false, classWeight, verbose: 0 });
    const fromBatches = classifier();
    const before = memory().numTensors;
    await fromBatches.fit(new Batches(), { classWeight, verbose: 0 });
    expect(memory().numTensors).toBe(before);
    const weights = (m: Model) => m.weights.map((w) => Array.from(w.value.dataSync()));
    expect(weights(fromBatches)).toEqual(weights(fromArrays));
    for (const m of [fromArrays, fromBatches]) m.dispose();
    x.dispose();
    y.dispose();
  });

  it("refuses it with batches that carry sample weights, and for a generator, in Keras's words", async () => {
    const model = classifier();
    await expect(model.fit(new Batches(true), { classWeight, verbose: 0 })).rejects.toThrow('You cannot `class_weight` and `sample_weight` at the same time.');
    const generator = function* () {
      yield [tensor([xs[0]!]), tensor([labels[0]!])];
    };
    await expect(model.fit(generator, { classWeight, verbose: 0 })).rejects.toThrow('Argument `class_weight` is not supported for Python generator inputs. Received: class_weight={"0":0.5,"2":3}');
    model.dispose();
  });
});
