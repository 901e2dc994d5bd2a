/** fit / evaluate / predict over batch data: generator functions, sync and async iterables, PyDataset. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Input, Model, Sequential, type Tensor, ValueError, callbacks, layers, memory, tensor, utils } from '../../ts/index.js';
import { RAN_OUT_WARNING } from '../../ts/training/batch_source.js';

/** The inputs of batch `i`: 4 samples, starting at value `i`. */
function inputs(i: number): number[][] {
  return Array.from({ length: 4 }, (_, r) => [i + r / 4, 1 - (i + r) / 8]);
}

/** `y = 2·x₀ − x₁` on the 4 samples of batch `i`, as tensors. */
function batch(i: number): [Tensor, Tensor] {
  const x = inputs(i);
  return [tensor(x), tensor(x.map(([a, b]) => [2 * a! - b!]))];
}

function linearModel(): Sequential {
  const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1, { kernelInitializer: 'zeros' })]);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  return model;
}

function weightsOf(model: Sequential): number[] {
  return model.weights.flatMap((w) => Array.from(w.value.dataSync()));
}

afterEach(() => vi.restoreAllMocks());

describe('fit over batch data', () => {
  it('re-calls a generator function each epoch: one full pass per epoch, steps unknown then learnt', async () => {
    const model = linearModel();
    const before = memory().numTensors;
    let calls = 0;
    const history = await model.fit(function* () {
      calls++;
      for (let i = 0; i < 3; i++) yield batch(i);
    }, { epochs: 4, verbose: 0 });
    expect(calls).toBe(4);
    expect(history.params.steps).toBeNull();
    expect(history.history.loss!).toHaveLength(4);
    expect(history.history.loss![3] as number).toBeLessThan(history.history.loss![0] as number);
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });

  it('takes an async iterable, [x, y, sampleWeight] batches and dicts by input and output name', async () => {
    const a = Input({ shape: [2], name: 'a' });
    const out = new layers.Dense(1, { name: 'out', kernelInitializer: 'zeros' }).apply(a);
    const model = new Model({ inputs: a, outputs: out });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    async function* batches() {
      for (let i = 0; i < 3; i++) {
        const [x, y] = batch(i);
        yield [{ a: x }, { out: y }, [1, 1, 0, 0]];
      }
    }
    const before = memory().numTensors;
    const history = await model.fit(batches(), { verbose: 0 });
    expect(history.history.loss).toHaveLength(1);
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });

  it('with stepsPerEpoch continues the same iteration across epochs, and warns as Keras when it runs out', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = linearModel();
    const seen: number[] = [];
    function* five() {
      for (let i = 0; i < 5; i++) {
        seen.push(i);
        yield batch(i);
      }
    }
    const history = await model.fit(five(), { epochs: 3, stepsPerEpoch: 2, verbose: 0 });
    // Epochs 1 and 2 take batches 0-1 and 2-3; epoch 3 gets batch 4, then the data runs out.
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(history.params.steps).toBe(2);
    expect(history.history.loss).toHaveLength(3);
    expect(warn).toHaveBeenCalledWith(RAN_OUT_WARNING);
    model.dispose();
  });

  it('a one-shot iterator has nothing left after its first pass: training stops with the warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = linearModel();
    const history = await model.fit([batch(0), batch(1)].values(), { epochs: 3, verbose: 0 });
    expect(history.history.loss).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(RAN_OUT_WARNING);
    model.dispose();
  });

  it('validates on batch data each epoch, for validationSteps batches', async () => {
    const model = linearModel();
    let validationBatches = 0;
    const history = await model.fit(() => [batch(0), batch(1)], {
      epochs: 2,
      verbose: 0,
      validationData: function* () {
        for (let i = 0; ; i++) {
          validationBatches++;
          yield batch(i);
        }
      },
      validationSteps: 3,
    });
    expect(Object.keys(history.history)).toEqual(['loss', 'val_loss']);
    expect(validationBatches).toBe(6);
  });

  it("refuses targets, sample weights and a split given beside batch data, in Keras's words", async () => {
    const model = linearModel();
    const gen = () => [batch(0)];
    await expect(model.fit(gen, [[1]] as never)).rejects.toThrow('When providing `x` as a generator, `y` should not be passed. Instead, the targets should be included as part of the generator.');
    await expect(model.fit(gen, { out: [[1]] } as never)).rejects.toThrow('`y` should not be passed');
    await expect(model.fit(gen, { sampleWeight: [1] })).rejects.toThrow('`sample_weights` should not be passed');
    await expect(model.fit(gen, { validationSplit: 0.2 })).rejects.toThrow('`validation_split` is only supported for tensors or NumPy arrays');
    model.dispose();
  });

  it('shows an epoch of unknown length as Keras does, then its learnt length', async () => {
    const model = linearModel();
    let text = '';
    const logger = new callbacks.ProgbarLogger({ stream: { write: (s: string) => (text += s), isTTY: false } });
    await model.fit(() => [batch(0), batch(1), batch(2)], { epochs: 2, verbose: 1, callbacks: [logger] });
    const lines = text.split('\n').filter((l) => l.includes('/'));
    expect(lines[0]).toMatch(/^Epoch 1\/2/);
    expect(lines[1]).toMatch(/^3\/3 \[=+\]/);
    expect(lines[3]).toMatch(/^3\/3 \[=+\]/);
    model.dispose();
  });
});

describe('evaluate and predict over batch data', () => {
  it('match the same samples given as arrays', async () => {
    const model = linearModel();
    await model.fit(() => [batch(0), batch(1)], { epochs: 3, verbose: 0 });
    const before = memory().numTensors;
    const xAll = [...inputs(0), ...inputs(1)];
    const yAll = xAll.map(([a, b]) => [2 * a! - b!]);
    const fromArrays = model.evaluate(xAll, yAll, { verbose: 0, batchSize: 4 }) as number;
    const fromBatches = (await model.evaluate([batch(0), batch(1)].values(), { verbose: 0 })) as number;
    expect(fromBatches).toBeCloseTo(fromArrays, 6);
    const predicted = await model.predict(() => [[inputs(0)], [inputs(1)]], { verbose: 0 });
    const expected = model.predict(xAll, { verbose: 0 });
    expect(predicted.shape).toEqual([8, 1]);
    expect(Array.from(predicted.dataSync())).toEqual(Array.from(expected.dataSync()));
    predicted.dispose();
    expected.dispose();
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });

  it('stop after `steps` batches of an endless generator', async () => {
    const model = linearModel();
    const out = await model.predict(function* () {
      for (let i = 0; ; i++) yield [inputs(i)];
    }, { steps: 3, verbose: 0 });
    expect(out.shape).toEqual([12, 1]);
    out.dispose();
    model.dispose();
  });
});

describe('PyDataset', () => {
  class Batches extends utils.PyDataset {
    readonly requested: number[] = [];
    epochsEnded = 0;
    constructor(readonly n: number, args = {}) {
      super(args);
    }
    get length() {
      return this.n;
    }
    async getItem(index: number) {
      this.requested.push(index);
      await new Promise((r) => setTimeout(r, 1));
      return batch(index);
    }
    override onEpochEnd() {
      this.epochsEnded++;
    }
  }

  it('is read in index order, its next batches requested while a step computes, onEpochEnd after each epoch', async () => {
    const model = linearModel();
    const data = new Batches(6, { maxQueueSize: 3, workers: 3 });
    const requestedAtStep: number[] = [];
    const probe = new callbacks.LambdaCallback({ onTrainBatchBegin: () => void requestedAtStep.push(data.requested.length) });
    const history = await model.fit(data, { epochs: 2, verbose: 0, callbacks: [probe] });
    expect(history.params.steps).toBe(6);
    expect(data.requested).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
    // When step 0 starts, batches 1 to 3 are queued (maxQueueSize) beside batch 0, in use.
    expect(requestedAtStep[0]).toBe(4);
    expect(data.epochsEnded).toBe(2);
    model.dispose();
  });

  it('with one worker, prepares the next batch while the step computes', async () => {
    const model = linearModel();
    const data = new Batches(4, { maxQueueSize: 3 });
    const requestedAtStep: number[] = [];
    const probe = new callbacks.LambdaCallback({ onTrainBatchBegin: () => void requestedAtStep.push(data.requested.length) });
    await model.fit(data, { verbose: 0, callbacks: [probe] });
    expect(requestedAtStep).toEqual([2, 3, 4, 4]);
    model.dispose();
  });

  it("takes Keras's constructor arguments and refuses multiprocessing", () => {
    expect(new Batches(1).workers).toBe(1);
    expect(new Batches(1).maxQueueSize).toBe(10);
    expect(() => new Batches(1, { useMultiprocessing: true })).toThrow('use_multiprocessing');
    expect(() => new Batches(1, { workers: 0 })).toThrow('`workers` must be a positive integer');
  });
});

describe('bad batch data', () => {
  it("data with no batch at all: Keras's error", async () => {
    const model = linearModel();
    const message = 'When passing a Python generator to a Keras model, the generator must yield at least one batch. Received an empty generator.';
    await expect(model.fit(() => [], { verbose: 0 })).rejects.toThrow(message);
    await expect(model.evaluate(() => [], { verbose: 0 })).rejects.toThrow(message);
    await expect(model.predict(() => [], { verbose: 0 })).rejects.toThrow(message);
    model.dispose();
  });

  it('a generator that throws mid-epoch: a ValueError naming the step and epoch, weights unchanged by that step, no leak', async () => {
    const model = linearModel();
    await model.fit(() => [batch(0)], { verbose: 0 });
    const before = memory().numTensors;
    let weightsAtFailure: number[] = [];
    const data = function* () {
      yield batch(0);
      weightsAtFailure = weightsOf(model);
      throw new Error('disk unplugged');
    };
    const error = await model.fit(data, { epochs: 2, verbose: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValueError);
    expect((error as Error).message).toBe('At step 1 of epoch 1: disk unplugged');
    expect(weightsOf(model)).toEqual(weightsAtFailure);
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });

  it('a batch of the wrong structure or shape mid-epoch names its step; nothing leaks', async () => {
    const model = linearModel();
    await model.fit(() => [batch(0)], { verbose: 0 });
    const before = memory().numTensors;
    const weights = weightsOf(model);
    const wrongShape = () => [batch(0), [tensor([[1, 2, 3]]), tensor([[1]])]];
    await expect(model.fit(wrongShape, { epochs: 2, verbose: 0 })).rejects.toThrow(/^At step 1 of epoch 1: .*expected/s);
    const wrongStructure = () => [batch(0), batch(1), 'not a batch'];
    await expect(model.fit(wrongStructure, { verbose: 0 })).rejects.toThrow('At step 2 of epoch 1: When passing batches to a Keras model, each batch must be an array');
    const noTargets = () => [[inputs(0)]];
    await expect(model.evaluate(noTargets, { verbose: 0 })).rejects.toThrow('At step 0: The batch has no targets');
    expect(memory().numTensors).toBe(before);
    // The steps that ran before the bad batch trained; the bad ones changed nothing more.
    expect(weightsOf(model)).not.toEqual(weights);
    model.dispose();
  });
});
