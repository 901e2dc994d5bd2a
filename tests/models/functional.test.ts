import { describe, expect, it } from 'vitest';
import { Input, Model, Sequential, ValueError, layers, memory, modelFromJSON, ops, tensor, tidy, type KerasTensor } from '../../ts/index.js';
import { valueAndGrads } from '../../ts/tensor/gradients.js';
import { expectClose, seededValues } from '../helpers/close.js';

function mnistModel(name?: string) {
  const inputs = Input({ shape: [784], name: 'digits' });
  let x = new layers.Dense(64, { activation: 'relu', name: 'dense_1' }).apply(inputs);
  x = new layers.Dense(64, { activation: 'relu', name: 'dense_2' }).apply(x);
  const outputs = new layers.Dense(10, { activation: 'softmax', name: 'predictions' }).apply(x);
  return new Model({ inputs, outputs, name: name ?? 'mnist_model' });
}

function summaryOf(model: Model, expandNested = false): string[] {
  const lines: string[] = [];
  model.summary({ printFn: (l) => lines.push(l), expandNested });
  return lines;
}

/** A small labelled dataset: 10 classes from a random linear teacher, so a model can learn it. */
function teacherData(n: number, features: number) {
  const x = seededValues(n * features, 5);
  const w = seededValues(features * 10, 6);
  const y = tidy(() => ops.argmax(ops.matmul(tensor(x, [n, features]), tensor(w, [features, 10])), -1).dataSync());
  return { x: tensor(x, [n, features]), y: tensor(Int32Array.from(y), [n], 'int32') };
}

describe('Functional models', () => {
  it('builds the mnist_model of the Keras guide: 55,050 parameters, layers and shapes', () => {
    const model = mnistModel();
    expect(model.countParams()).toBe(55_050);
    expect(model.layers.map((l) => l.name)).toEqual(['digits', 'dense_1', 'dense_2', 'predictions']);
    expect(model.getLayer('dense_2').outputShape).toEqual([null, 64]);
    expect(model.getLayer(1).name).toBe('dense_1');
    expect((model.input as KerasTensor).shape).toEqual([null, 784]);
    expect(model.outputShape).toEqual([null, 10]);
    expect(model.inputNames).toEqual(['digits']);
    expect(model.outputNames).toEqual(['predictions']);
    const lines = summaryOf(model);
    expect(lines[0]).toBe('Model: "mnist_model"');
    expect(lines[4]).toBe('│ digits (InputLayer)                  │ (None, 784)                 │               0 │');
    expect(lines[6]).toBe('│ dense_1 (Dense)                      │ (None, 64)                  │          50,240 │');
    expect(lines.slice(-3)[0]).toBe(' Total params: 55,050 (215.04 KB)');
    model.dispose();
  });

  it('trains briefly and its loss falls', async () => {
    const model = mnistModel();
    const { x, y } = teacherData(256, 784);
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const history = await model.fit(x, y, { epochs: 4, batchSize: 32, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss[3]!).toBeLessThan(loss[0]!);
    model.dispose();
    x.dispose(); y.dispose();
  });

  it('extracts features from every layer, and from one layer by name', () => {
    const model = mnistModel();
    const all = new Model({ inputs: model.inputs, outputs: model.layers.slice(1).map((l) => l.output as KerasTensor) });
    const one = new Model({ inputs: model.inputs, outputs: model.getLayer('dense_2').output as KerasTensor });
    tidy(() => {
      const x = tensor(seededValues(2 * 784, 1), [2, 784]);
      const features = all.predict<ReturnType<typeof tensor>[]>(x);
      expect(features.map((f) => f.shape)).toEqual([[2, 64], [2, 64], [2, 10]]);
      expectClose(one.apply(x), features[1]!.dataSync(), 1e-6);
      expectClose(model.apply(x), features[2]!.dataSync(), 1e-6);
    });
    // The feature models share the original's weights.
    expect(all.weights.length).toBe(6);
    expect(one.weights[0]).toBe(model.weights[0]);
    model.dispose();
  });

  it('fine-tunes only the last layer after freezing the others; frozen weights stay bit-identical', async () => {
    const model = mnistModel();
    for (const layer of model.layers.slice(0, -1)) layer.trainable = false;
    model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    const frozen = model.layers.slice(1, -1).flatMap((l) => l.weights.map((w) => Array.from(w.value.dataSync())));
    const head = Array.from(model.getLayer('predictions').weights[0]!.value.dataSync());
    const { x, y } = teacherData(64, 784);
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    const after = model.layers.slice(1, -1).flatMap((l) => l.weights.map((w) => Array.from(w.value.dataSync())));
    expect(after).toEqual(frozen);
    expect(Array.from(model.getLayer('predictions').weights[0]!.value.dataSync())).not.toEqual(head);
    const lines = summaryOf(model);
    expect(lines.slice(-2)).toEqual([' Trainable params: 650 (2.54 KB)', ' Non-trainable params: 54,400 (212.50 KB)']);
    model.dispose();
    x.dispose(); y.dispose();
  });

  it('shares one layer between two inputs: one weight set, gradients from both uses summed', () => {
    const shared = new layers.Dense(3, { name: 'shared' });
    const a = Input({ shape: [4], name: 'a' });
    const b = Input({ shape: [4], name: 'b' });
    const model = new Model({ inputs: [a, b], outputs: [shared.apply(a), shared.apply(b)] });
    expect(model.weights).toHaveLength(2);
    expect(shared.inboundNodes).toHaveLength(2);
    const lines = summaryOf(model);
    expect(lines.some((l) => l.includes('Connected to'))).toBe(true);
    expect(lines.find((l) => l.includes('shared (Dense)'))).toBe('│ shared (Dense)                │ (None, 3)                 │              15 │ a[0][0], b[0][0]           │');
    tidy(() => {
      const xa = tensor(seededValues(8, 2), [2, 4]);
      const xb = tensor(seededValues(8, 3), [2, 4]);
      const kernel = shared.weights[0]!.value;
      const both = valueAndGrads(() => {
        const [ya, yb] = model.apply([xa, xb]) as ReturnType<typeof tensor>[];
        return ops.add(ops.sum(ya!), ops.sum(ops.square(yb!)));
      }, [kernel]).grads[0]!;
      const fromA = valueAndGrads(() => ops.sum(shared.apply(xa)), [kernel]).grads[0]!;
      const fromB = valueAndGrads(() => ops.sum(ops.square(shared.apply(xb))), [kernel]).grads[0]!;
      expectClose(both, ops.add(fromA, fromB).dataSync(), 1e-5);
    });
    model.dispose();
  });

  it('uses a model as a layer inside another model', async () => {
    const inner = new Sequential([Input({ shape: [8] }), new layers.Dense(4, { activation: 'relu' })], { name: 'encoder' });
    const inputs = Input({ shape: [8] });
    const outputs = new layers.Dense(10, { activation: 'softmax' }).apply(inner.apply(inputs));
    const outer = new Model({ inputs, outputs, name: 'outer' });
    expect(outer.layers.map((l) => l.name)).toContain('encoder');
    expect(outer.countParams()).toBe(8 * 4 + 4 + 4 * 10 + 10);
    const lines = summaryOf(outer);
    expect(lines.find((l) => l.includes('encoder (Sequential)'))).toContain('36');
    expect(summaryOf(outer, true).find((l) => l.includes('└'))).toMatch(/^│    └ dense(_\d+)? \(Dense\) +│ \(None, 4\) +│ +36 │$/);
    const { x, y } = teacherData(64, 8);
    outer.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
    const before = Array.from(inner.weights[0]!.value.dataSync());
    await outer.fit(x, y, { epochs: 2, verbose: 0 });
    expect(Array.from(inner.weights[0]!.value.dataSync())).not.toEqual(before);
    outer.dispose();
    x.dispose(); y.dispose();
  });

  it('treats lists of one input and output as the tensors (Keras unpacks singletons) but saves them as lists', () => {
    const a = Input({ shape: [3], name: 'a' });
    const b = new layers.Dense({ units: 2, name: 'b' }).apply(a);
    const model = new Model({ inputs: [a], outputs: [b] });
    const config = model.getConfig() as { input_layers: unknown; output_layers: unknown };
    expect(config.input_layers).toEqual([['a', 0, 0]]);
    expect(config.output_layers).toEqual([['b', 0, 0]]);
    expect(model.outputShape).toEqual([null, 2]);
    tidy(() => {
      const out = model.predict(tensor([[1, 2, 3]]), { verbose: 0 });
      expect(out.shape).toEqual([1, 2]);
    });
    expect(Model.fromConfig(model.getConfig()).getConfig()).toEqual(model.getConfig());
    model.dispose();
  });

  it('round-trips through Keras 3 configs and JSON: same names, shapes and connections', () => {
    const model = mnistModel('round_trip');
    const config = model.getConfig() as { layers: { class_name: string; name: string; inbound_nodes: { args: unknown[] }[] }[]; input_layers: unknown; output_layers: unknown };
    // One tensor in and out: Keras 3 writes one [layer, node, tensor] each (a list would be [[…]]).
    expect(config.input_layers).toEqual(['digits', 0, 0]);
    expect(config.output_layers).toEqual(['predictions', 0, 0]);
    expect(config.layers[1]!.inbound_nodes).toEqual([
      { args: [{ class_name: '__keras_tensor__', config: { shape: [null, 784], dtype: 'float32', keras_history: ['digits', 0, 0] } }], kwargs: {} },
    ]);
    const json = model.toJSON();
    expect(JSON.parse(json)).toMatchObject({ module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional' });
    const copy = modelFromJSON(json);
    expect(copy.name).toBe('round_trip');
    expect(copy.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(copy.getConfig()).toEqual(model.getConfig());
    const seq = new Sequential([Input({ shape: [3] }), new layers.Dense(2, { name: 's_dense' })], { name: 'seq_rt' });
    const seqCopy = modelFromJSON(seq.toJSON());
    expect(seqCopy).toBeInstanceOf(Sequential);
    expect(seqCopy.getConfig()).toEqual(seq.getConfig());
    for (const m of [model, copy, seq, seqCopy]) m.dispose();
  });

  it('raises Keras\'s construction-time errors', () => {
    const a = Input({ shape: [4] });
    const dense = new layers.Dense(2, { name: 'fixed_in' });
    dense.apply(a);
    expect(() => dense.apply(Input({ shape: [5] }))).toThrow(
      'Input 0 of layer "fixed_in" is incompatible with the layer: expected axis -1 of input shape to have value 4, but received input with shape (None, 5)');
    const other = Input({ shape: [4], name: 'other' });
    const y = new layers.Dense(2).apply(other);
    expect(() => new Model({ inputs: a, outputs: y })).toThrow(/Graph disconnected: cannot find parent for tensor/);
    const twin1 = new layers.Dense(2, { name: 'twin' }).apply(a);
    const twin2 = new layers.Dense(2, { name: 'twin' }).apply(twin1);
    expect(() => new Model({ inputs: a, outputs: twin2 })).toThrow('The name "twin" is used 2 times in the model. All layer names should be unique.');
    expect(() => new Model({ inputs: a, outputs: [] })).toThrow('All `outputs` values must be KerasTensors');
    expect(() => new Model({ inputs: twin1, outputs: twin2 })).toThrow('All `inputs` must come from `Input()`');
  });

  it('checks concrete inputs against the model\'s input shapes', () => {
    const model = mnistModel();
    tidy(() => {
      expect(() => model.apply(tensor(new Float32Array(20), [2, 10]))).toThrow(
        'Input 0 of layer "mnist_model" is incompatible with the layer: expected shape=(None, 784), found shape=(2, 10)');
    });
    model.dispose();
  });

  it('frees everything: models, predictions and training leave no tensor behind', async () => {
    const before = memory().numTensors;
    const model = mnistModel();
    const { x, y } = teacherData(32, 784);
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    model.predict(x).dispose();
    model.dispose();
    x.dispose(); y.dispose();
    expect(memory().numTensors).toBe(before);
  });
});

describe('masks', () => {
  it('propagate from Masking through layers that support them, and stop at those that do not', () => {
    const inputs = Input({ shape: [3, 2] });
    const masked = new layers.Masking({ maskValue: 0 }).apply(inputs);
    const dense = new layers.Dense(4, { activation: 'relu' }).apply(masked);
    const dropped = new layers.Dropout(0.5).apply(dense);
    const flat = new layers.Flatten().apply(dropped);
    const withMask = new Model({ inputs, outputs: dropped });
    const withoutMask = new Model({ inputs, outputs: flat });
    tidy(() => {
      const x = tensor([[[1, 2], [0, 0], [3, 0]]]);
      const y = withMask.apply(x);
      expect(y.kerasMask?.arraySync()).toEqual([[1, 0, 1]]);
      expect(withoutMask.apply(x).kerasMask).toBeNull();
    });
    withMask.dispose();
  });
});
