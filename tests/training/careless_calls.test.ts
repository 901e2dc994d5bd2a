/**
 * Careless calls (issue 16, item 7): each is refused with a Keras-style ValueError (or, for int
 * inputs, done as Keras does it), leaves the model as it was (weights, optimizer state, compiled
 * state) and frees what it allocated. Messages checked with Keras 3.15.1 / tf_keras 2.21 in a venv;
 * each test says which backend the wording comes from.
 */
import { describe, expect, it } from 'vitest';
import { Input, Model, Sequential, type Tensor, ValueError, layers, losses, memory, tensor, tidy } from '../../ts/index.js';
import { LambdaCallback } from '../../ts/training/callbacks/lambda_callback.js';

const CLASSES = 4;

/** Input(3) → Dense(4, softmax), compiled with Adam, sparse cross-entropy and accuracy; the same weights every time. */
function classifier(): Sequential {
  const model = new Sequential([layers.Input({ shape: [3] }), new layers.Dense(CLASSES, { activation: 'softmax', kernelInitializer: 'ones' })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

const x = () => tensor(Float32Array.from({ length: 18 }, (_, i) => (i % 7) / 7), [6, 3]);
const labels = [0, 1, 2, 3, 0, 1];

/** Everything a refused call must leave alone: the weights' values, the optimizer's step count and slots, the compiled state. */
function snapshot(model: Sequential) {
  return {
    weights: model.weights.map((w) => Array.from(w.value.dataSync())),
    iterations: model.optimizer.iterations,
    slots: model.optimizer.variables.map((v) => Array.from(v.value.dataSync())),
    metricsNames: [...model.metricsNames],
  };
}

/** Runs `refuse` (which must throw or reject with `message`) and checks that the model is unchanged and nothing leaked. */
async function expectRefused(model: Sequential, message: string | RegExp, refuse: () => unknown): Promise<void> {
  const before = snapshot(model);
  const tensors = memory().numTensors;
  await expect(async () => refuse()).rejects.toThrow(message);
  await expect(async () => refuse()).rejects.toBeInstanceOf(ValueError);
  expect(memory().numTensors).toBe(tensors);
  expect(snapshot(model)).toEqual(before);
}

describe('sparse labels outside [0, classes)', () => {
  // Keras 3.15.1 on JAX lets them through (loss 0 for a batch of them); TensorFlow 2.21's kernel says
  // "Received a label value of 9 which is outside the valid range of [0, 4).  Label values: 0 1 9 ...".
  const message = (label: number) =>
    `sparse_categorical_crossentropy: Received a label value of ${label} which is outside the valid range of [0, 4). The labels must be class indices below the number of classes, the last dimension of y_pred (4).`;

  it('fit, evaluate, trainOnBatch and testOnBatch refuse them and change nothing', async () => {
    const model = classifier();
    const xs = x();
    const column = tensor(Int32Array.from([7, 1, 2, 3, 0, 1]), [6, 1], 'int32');
    await model.fit(xs, labels, { epochs: 1, verbose: 0 }); // the optimizer has slots and a step count
    await expectRefused(model, message(9), () => model.fit(xs, [0, 1, 9, 3, 0, 1], { verbose: 0 }));
    await expectRefused(model, message(-1), () => model.fit(xs, [0, 1, 2, -1, 0, 1], { verbose: 0 }));
    await expectRefused(model, message(4), () => model.evaluate(xs, [4, 4, 4, 4, 4, 4], { verbose: 0 }));
    await expectRefused(model, message(4), () => model.trainOnBatch(xs, [0, 1, 2, 3, 4, 1]));
    await expectRefused(model, message(7), () => model.testOnBatch(xs, column));
    // Labels in range still train, and the loss is not the silent 0 of before.
    const history = await model.fit(xs, labels, { verbose: 0 });
    expect(history.history.loss![0]!).toBeGreaterThan(0.1);
    [model, xs, column].forEach((t) => t.dispose());
  });

  it('the loss function refuses them on its own, from logits too, and frees its temporaries', () => {
    const yPred = tensor([[0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1]]);
    const yTrue = tensor([3, 4]);
    const before = memory().numTensors;
    expect(() => new losses.SparseCategoricalCrossentropy().apply(yTrue, yPred)).toThrow(message(4));
    expect(() => new losses.SparseCategoricalCrossentropy(true).apply(yTrue, yPred)).toThrow(message(4));
    expect(() => tidy(() => losses.sparseCategoricalCrossentropy(yTrue, yPred))).toThrow(ValueError);
    expect(memory().numTensors).toBe(before);
    yPred.dispose();
    yTrue.dispose();
  });
});

describe('empty data', () => {
  // tf_keras 2.21's message for fit, evaluate and predict (and validation_data); Keras 3.15.1 has none:
  // on JAX fit and evaluate raise a bare StopIteration and predict an UnboundLocalError.
  const empty = () => tensor(new Float32Array(0), [0, 3]);
  const message = (what: string) => `Expected input data to be non-empty. Received 0 samples in \`${what}\`.`;

  it('fit, evaluate, predict, trainOnBatch and testOnBatch refuse no samples', async () => {
    const model = classifier();
    const none = empty();
    const xs = x();
    await model.fit(xs, labels, { verbose: 0 });
    await expectRefused(model, message('x'), () => model.fit(none, [], { verbose: 0 }));
    await expectRefused(model, message('x'), () => model.fit([], [], { verbose: 0 }));
    await expectRefused(model, message('validation_data'), () => model.fit(xs, labels, { validationData: [none, []], verbose: 0 }));
    await expectRefused(model, message('x'), () => model.evaluate(none, [], { verbose: 0 }));
    await expectRefused(model, message('x'), () => model.predict(none, { verbose: 0 }));
    // Keras returns 0 for train_on_batch / test_on_batch on TensorFlow; a step on nothing is refused here.
    await expectRefused(model, message('x'), () => model.trainOnBatch(none, []));
    await expectRefused(model, message('x'), () => model.testOnBatch(none, []));
    [model, none, xs].forEach((t) => t.dispose());
  });
});

describe('class weights for classes that do not exist', () => {
  // tf_keras 2.21's message; Keras 3.15.1 ignores such keys (classes not listed weigh 1, kept here).
  const message = (dict: string, why: string) => `Expected \`class_weight\` to be a dict with keys from 0 to one less than the number of classes, found ${dict}: ${why}`;

  it('refuses keys outside the classes of sparse and one-hot labels', async () => {
    const model = classifier();
    const xs = x();
    const oneHot = tensor(labels.flatMap((c) => [0, 1, 2, 3].map((k) => (k === c ? 1 : 0))), [6, 4]);
    await model.fit(xs, labels, { verbose: 0 });
    const fourClasses = 'the labels have 4 classes, 0 to 3, so class';
    await expectRefused(model, message('{0: 1, 7: 2}', `${fourClasses} 7 does not exist.`), () => model.fit(xs, labels, { classWeight: { 0: 1, 7: 2 }, verbose: 0 }));
    await expectRefused(model, message('{-1: 2}', `${fourClasses} -1 does not exist.`), () => model.fit(xs, labels, { classWeight: { [-1]: 2 }, verbose: 0 }));
    await expectRefused(model, message('{4: 0.5}', `${fourClasses} 4 does not exist.`), () => model.trainOnBatch(xs, oneHot, { classWeight: { 4: 0.5 } }));
    // A partial dict of existing classes is fine, as in Keras 3.
    const history = await model.fit(xs, labels, { classWeight: { 1: 3 }, verbose: 0 });
    expect(history.history.loss![0]!).toBeGreaterThan(0);
    model.dispose();
    xs.dispose();
    oneHot.dispose();
  });

  it('a single sigmoid unit is a binary classifier: classes 0 and 1', async () => {
    const model = new Sequential([layers.Input({ shape: [3] }), new layers.Dense(1, { activation: 'sigmoid' })]);
    model.compile({ optimizer: 'sgd', loss: 'binary_crossentropy' });
    const xs = x();
    const binary = [0, 1, 1, 0, 1, 0];
    await model.fit(xs, binary, { classWeight: { 0: 1, 1: 5 }, verbose: 0 });
    await expect(model.fit(xs, binary, { classWeight: { 2: 1 }, verbose: 0 })).rejects.toThrow('the labels have 2 classes, 0 to 1, so class 2 does not exist.');
    model.dispose();
    xs.dispose();
  });
});

describe('layer arguments of the wrong type say what they received', () => {
  // Keras 3.15.1 prints "Received: units=10" for the string '10' (and a bare TypeError for most others);
  // here the type follows, as Keras's Embedding writes it.
  const L = layers as unknown as Record<string, new (...args: unknown[]) => unknown>;

  it.each([
    ['Dense', ['10'], 'Received an invalid value for `units`, expected a positive integer. Received: units=10 (of type str)'],
    ['Dense', [{ units: '' }], 'Received: units= (of type str)'],
    ['Conv2D', [8, '3'], 'The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=3 (of type str)'],
    ['MaxPooling2D', ['2'], 'The `pool_size` argument must be a tuple of 2 integers. Received pool_size=2 (of type str)'],
    ['Dropout', ['0.5'], 'Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=0.5 (of type str)'],
    ['GaussianNoise', ['0.1'], 'Received: stddev=0.1 (of type str)'],
    ['ZeroPadding2D', ['2'], 'Received: padding=2 (of type str).'],
    ['Cropping3D', ['1'], 'Received: 1 (of type str).'],
    ['Permute', ['1'], 'Received dims=1 (of type str)'],
    ['LocallyConnected1D', ['8', 3], 'Expected a strictly positive value. Received filters=8 (of type str).'],
    ['ReLU', ['6'], 'max_value of a ReLU layer cannot be a negative value. Received: max_value=6 (of type str)'],
    // Parameters whose default is a number take no string (checked once, by the signature).
    ['LeakyReLU', ['0.1'], "LeakyReLU: `negative_slope` must be a number. Received: negative_slope='0.1' (of type str)"],
    ['BatchNormalization', [{ momentum: '0.9' }], "BatchNormalization: `momentum` must be a number. Received: momentum='0.9' (of type str)"],
    ['Conv1D', [8, 3, { strides: '2' }], "Conv1D: `strides` must be a number. Received: strides='2' (of type str)"],
  ])('%s(%j)', (name, args, message) => {
    expect(() => new L[name]!(...args)).toThrow(message);
    expect(() => new L[name]!(...args)).toThrow(ValueError);
  });
});

describe('int inputs are cast to the model input dtype, as Keras does', () => {
  const ints = () => tensor(Int32Array.from({ length: 18 }, (_, i) => i % 5), [6, 3], 'int32');
  const floats = () => tensor(Float32Array.from({ length: 18 }, (_, i) => i % 5), [6, 3]);
  const values = (t: Tensor) => Array.from(t.dataSync());

  it('predict, evaluate, fit and trainOnBatch take int32 data for a float32 Input', async () => {
    const [a, b] = [classifier(), classifier()];
    const [xi, xf] = [ints(), floats()];
    const [pi, pf] = [a.predict(xi, { verbose: 0 }), a.predict(xf, { verbose: 0 })];
    expect(values(pi)).toEqual(values(pf));
    [pi, pf].forEach((t) => t.dispose());
    expect(a.evaluate(xf, labels, { verbose: 0 })).toHaveLength(2);
    const before = memory().numTensors;
    expect(a.evaluate(xi, labels, { verbose: 0 })).toEqual(a.evaluate(xf, labels, { verbose: 0 }));
    expect(memory().numTensors).toBe(before); // the cast copies were freed
    const [ha, hb] = [await a.fit(xi, labels, { shuffle: false, verbose: 0 }), await b.fit(xf, labels, { shuffle: false, verbose: 0 })];
    expect(ha.history.loss).toEqual(hb.history.loss);
    expect(a.trainOnBatch(xi, labels)).toEqual(b.trainOnBatch(xf, labels));
    [a, b, xi, xf].forEach((t) => t.dispose());
  });

  it('an unbuilt Sequential builds for float32 and takes int32 data', () => {
    const model = new Sequential([new layers.Dense(2)]);
    const out = model.predict(ints(), { verbose: 0 });
    expect(out.dtype).toBe('float32');
    expect(model.inputs[0]!.dtype).toBe('float32');
    model.dispose();
  });

  it('an int32 Input stays int (an Embedding looks its ids up), and float ids are cast to it', () => {
    const ids = Input({ shape: [3], dtype: 'int32' });
    const embedded = new layers.Embedding(10, 2, { embeddingsInitializer: 'uniform' }).apply(ids);
    const model = new Model({ inputs: ids, outputs: embedded });
    const [pi, pf] = [model.predict(ints(), { verbose: 0 }), model.predict(floats(), { verbose: 0 })];
    expect(pi.shape).toEqual([6, 3, 2]);
    expect(values(pi)).toEqual(values(pf));
    model.dispose();
  });
});

describe('one fit at a time', () => {
  const values = (t: Tensor) => Array.from(t.dataSync());
  // Keras runs calls one after another on one thread; kerasm's fit is async, so a call can arrive mid-run.
  const message = (call: string) =>
    `Cannot call \`${call}()\` on this model: the model is already training. A \`fit()\` on it is still running; await it before calling \`${call}()\` (Keras models run one call at a time).`;

  it('refuses fit, evaluate, predict, trainOnBatch, testOnBatch and compile while a fit runs; the run is unchanged by them', async () => {
    const [model, alone] = [classifier(), classifier()];
    const xs = x();
    const args = { epochs: 3, batchSize: 2, shuffle: false, verbose: 0 as const };
    const running = model.fit(xs, labels, args);
    const tensors = memory().numTensors;
    const second = model.fit(xs, labels, args);
    expect(() => model.evaluate(xs, labels, { verbose: 0 })).toThrow(message('evaluate'));
    expect(() => model.predict(xs, { verbose: 0 })).toThrow(message('predict'));
    expect(() => model.trainOnBatch(xs, labels)).toThrow(message('trainOnBatch'));
    expect(() => model.testOnBatch(xs, labels)).toThrow(message('testOnBatch'));
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse' })).toThrow(message('compile'));
    expect(memory().numTensors).toBe(tensors);
    await expect(second).rejects.toThrow(message('fit'));
    // Between epochs too (the loop pauses there for timers and I/O).
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(() => model.predict(xs, { verbose: 0 })).toThrow(message('predict'));
    const history = await running;
    const reference = await alone.fit(xs, labels, args);
    expect(history.history).toEqual(reference.history);
    expect(model.weights.map((w) => values(w.value))).toEqual(alone.weights.map((w) => values(w.value)));
    // Once the fit is over, everything works again.
    expect(model.predict(xs, { verbose: 0 }).shape).toEqual([6, 4]);
    await model.fit(xs, labels, { verbose: 0 });
    [model, alone, xs].forEach((t) => t.dispose());
  });

  it('a fit that fails releases the model', async () => {
    const model = classifier();
    const xs = x();
    await expect(model.fit(xs, [0, 1, 2, 3, 0, 99], { verbose: 0 })).rejects.toThrow('Received a label value of 99');
    expect(model.evaluate(xs, labels, { verbose: 0 })).toHaveLength(2);
    await model.fit(xs, labels, { verbose: 0 });
    model.dispose();
    xs.dispose();
  });

  it("the fit's own callbacks may use the model, as Keras's do (async hooks too)", async () => {
    const model = classifier();
    const xs = x();
    const seen: number[] = [];
    const callback = new LambdaCallback({
      onEpochEnd: async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const out = model.predict(xs, { verbose: 0 });
        seen.push(out.shape[0]!);
        out.dispose();
        seen.push((model.evaluate(xs, labels, { verbose: 0 }) as number[]).length);
      },
      onTrainBatchEnd: () => {
        expect(() => model.compile({ optimizer: 'sgd', loss: 'mse' })).toThrow(message('compile'));
      },
    });
    await model.fit(xs, labels, { epochs: 2, verbose: 0, callbacks: [callback] });
    expect(seen).toEqual([6, 2, 6, 2]);
    await expect(model.fit(xs, labels, { verbose: 0, callbacks: [new LambdaCallback({ onEpochEnd: () => model.fit(xs, labels) })] })).rejects.toThrow(message('fit'));
    model.dispose();
    xs.dispose();
  });
});
