/**
 * Ops in Functional models, as Keras 3 writes them: `.keras` files saved by Keras 3.15.1 with op
 * nodes (tests/fixtures/ops, made by scripts/keras/ops_fixtures.py) load and predict as Keras
 * does, list their operations in Keras's order, save back in Keras's form; op nodes execute with
 * gradients, show in summaries and plots, and honour a call's recorded `training` and `mask`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  Input, type KerasTensor, Layer, type LayerArgs, Model, type Tensor, dispose, layers, loadModel, memory, modelToDot, ops, saveModel, tensor, tidy,
} from '../../ts/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/ops/', import.meta.url));
const TOLERANCE = 1e-5; // max |kerasm - Keras|, relative to max(1, max |Keras|)

/** A model record, as ops_fixtures.py writes it. */
interface ModelRecord {
  model: string;
  layer_names: string[];
  operations: [string, string][];
  inputs: Record<string, number[][]>;
  outputs: Record<string, number[][]>;
}

const record = (name: string) => JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')) as ModelRecord;
const operationsOf = (model: Model) => (model.getConfig().layers as { name: string; class_name: string }[]).map((l) => [l.name, l.class_name]);

function expectKerasPredictions(model: Model, rec: ModelRecord): void {
  tidy(() => {
    const inputs = Object.entries(rec.inputs).map(([name, values]) => tensor(values, undefined, model.getLayer(name).dtype));
    const got = model.predict<Tensor | Tensor[]>(inputs.length === 1 ? inputs[0]! : inputs, { verbose: 0 });
    const outputs = Array.isArray(got) ? got : [got];
    expect(model.outputNames).toEqual(Object.keys(rec.outputs));
    Object.values(rec.outputs).forEach((values, i) => {
      const want = values.flat();
      const scale = Math.max(1, ...want.map(Math.abs));
      const worst = Math.max(...Array.from(outputs[i]!.dataSync(), (v, j) => Math.abs(v - want[j]!)));
      expect(worst / scale, `output ${i} of ${rec.model}`).toBeLessThanOrEqual(TOLERANCE);
    });
  });
}

// `masked_pooling` is the Embedding(mask_zero) → GlobalAveragePooling1D → Dense model, whose
// mask reaches the pooling through a `NotEqual` node given as the call's `mask` keyword.
const MODELS = ['op_head', 'two_branches', 'conv_ops', 'masked_pooling'];

describe('Keras 3 .keras files with op nodes', () => {
  it.each(MODELS)('%s: loads, lists its layers and ops in Keras\'s order, and predicts as Keras', async (name) => {
    const rec = record(name);
    const model = await loadModel(`${FIXTURES}${name}.keras`, { compile: false });
    expect(model.layers.map((l) => l.name)).toEqual(rec.layer_names);
    expect(operationsOf(model)).toEqual(rec.operations);
    expectKerasPredictions(model, rec);
    model.dispose();
  });

  it.each(MODELS)('%s: saved by kerasm, it loads back with the same config and predictions', async (name) => {
    const rec = record(name);
    const model = await loadModel(`${FIXTURES}${name}.keras`, { compile: false });
    const bytes = await saveModel(model);
    const again = await loadModel(bytes, { compile: false });
    expect(again.getConfig()).toEqual(model.getConfig());
    expectKerasPredictions(again, rec);
    model.dispose();
    again.dispose();
  });

  it('masked_pooling keeps Keras\'s node: the pooling is called with the NotEqual output as its mask', async () => {
    const model = await loadModel(`${FIXTURES}masked_pooling.keras`, { compile: false });
    const pooling = (model.getConfig().layers as { name: string; inbound_nodes: { kwargs: Record<string, unknown> }[] }[]).find((l) => l.name === 'pooling')!;
    const mask = pooling.inbound_nodes[0]!.kwargs.mask as { class_name: string; config: { keras_history: unknown } };
    expect(mask.class_name).toBe('__keras_tensor__');
    expect(mask.config.keras_history).toEqual(['not_equal', 0, 0]);
    model.dispose();
  });

  it('summaries show op rows as Keras does: name (Class), shape, no parameters, connections', async () => {
    const model = await loadModel(`${FIXTURES}two_branches.keras`, { compile: false });
    const lines: string[] = [];
    model.summary({ printFn: (line) => lines.push(line) });
    const row = (label: string) => lines.find((line) => line.startsWith(`│ ${label} `))!;
    expect(row('greater (Greater)')).toMatch(/│ \(None, 4\)\s+│\s+0 │ a\[0\]\[0\], b\[0\]\[0\]\s+│$/);
    expect(row('where (Where)')).toMatch(/│ \(None, 4\)\s+│\s+0 │ greater\[0\]\[0\], a\[0\]\[0\],/);
    expect(row('mean (Mean)')).toMatch(/│ \(None, 1\)\s+│\s+0 │ where\[0\]\[0\]/);
    expect(lines.some((line) => line.startsWith('│ joined (Dense) '))).toBe(true);
    model.dispose();
  });

  it('plots draw a box per op, labelled as Keras labels it', async () => {
    const model = await loadModel(`${FIXTURES}op_head.keras`, { compile: false });
    const dot = modelToDot(model, { showShapes: true });
    expect(dot).toContain('<b>relu</b> (Relu)');
    expect(dot).toContain('Input shape: <b>(None, 8)</b>');
    expect(dot).toMatch(/"relu" -> "add"/);
    model.dispose();
  });

  it('training goes through op nodes: fit moves the weights before and after them', async () => {
    const model = await loadModel(`${FIXTURES}op_head.keras`, { compile: false });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = model.getWeights();
    const x = tensor(record('op_head').inputs.features);
    const y = tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    model.getWeights().forEach((w, i) => {
      expect(Array.from(w.dataSync()).some((v, j) => v !== before[i]!.dataSync()[j])).toBe(true);
    });
    dispose([...before, x, y]);
    model.dispose();
  });
});

describe('op nodes in models built with kerasm', () => {
  it('gradients flow through op nodes as through the ops themselves', () => {
    const x = Input({ shape: [4] });
    const scale = tensor([0.5, -1, 2, 0.25]);
    const y = ops.sum(ops.multiply(ops.square(ops.tanh(x)), scale), -1, true);
    const model = new Model(x, ops.concatenate([y, ops.maximum(x, 0.1)], -1));
    gradcheck((input) => model.apply(input) as Tensor, [{ values: [0.3, -0.7, 1.1, 0.2, -1.4, 0.9, 0.05, 0.6], shape: [2, 4] }]);
    scale.dispose();
    model.dispose();
  });

  it('a constant belongs to the op that recorded it: the caller may free its own, the model frees the copy', () => {
    const before = memory().numTensors;
    const x = Input({ shape: [3] });
    const offset = tensor([1, 2, 3]);
    const model = new Model(x, ops.add(x, offset));
    offset.dispose();
    tidy(() => expect(Array.from((model.apply(tensor([[1, 1, 1]])) as Tensor).dataSync())).toEqual([2, 3, 4]));
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('disposing a model frees the constants of the ops in the models nested in it too', () => {
    const before = memory().numTensors;
    const inner = Input({ shape: [2] });
    const scale = tensor([2, 3]);
    const nested = new Model(inner, ops.multiply(inner, scale));
    scale.dispose();
    const x = Input({ shape: [2] });
    const model = new Model(x, ops.add(nested.apply(x), 1));
    tidy(() => expect(Array.from((model.apply(tensor([[1, 1]])) as Tensor).dataSync())).toEqual([3, 4]));
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('a layer\'s recorded `training` applies when the model is called without one, as in Keras', () => {
    class Doubling extends Layer {
      constructor(args?: LayerArgs) {
        super(args);
      }

      call(inputs: Tensor, args: { training?: boolean }): Tensor {
        return args.training ? ops.multiply(inputs, 2) : ops.add(inputs, 0);
      }

      override computeOutputShape(shape: (number | null)[]): (number | null)[] {
        return shape;
      }
    }
    const x = Input({ shape: [2] });
    const model = new Model(x, new Doubling().apply(x, { training: true }));
    const node = (model.getConfig().layers as { inbound_nodes: { kwargs: unknown }[] }[])[1]!.inbound_nodes[0]!;
    expect(node.kwargs).toEqual({ training: true });
    tidy(() => {
      const input = tensor([[1, 2]]);
      expect(Array.from((model.apply(input) as Tensor).dataSync())).toEqual([2, 4]);
      expect(Array.from(model.forward(input, false).dataSync())).toEqual([1, 2]);
    });
    model.dispose();
  });

  it('shape errors surface when the graph is built, with Keras\'s messages', () => {
    const x = Input({ shape: [3] });
    const ids = Input({ shape: [3], dtype: 'int32' });
    expect(() => ops.add(x, Input({ shape: [4] }))).toThrow('Cannot broadcast shape, the failure dim has value 3, which cannot be broadcasted to 4. Input shapes are: [None, 3] and [None, 4].');
    expect(() => tidy(() => ops.matmul(x, ops.ones([2, 2])) as unknown as Tensor)).toThrow(
      'Inner dimensions (`x1.shape[-1]` and `x2.shape[-2]`) must be equal, but received `x1.shape=(None, 3)` and `x2.shape=(2, 2)`.');
    expect(() => ops.reshape(x, [-1, -1])).toThrow('There must be at most one unknown dimension (-1) in `newshape`.');
    expect(() => ops.sum(x, 2)).toThrow('axis 2 is out of bounds for an array with dimension 2.');
    // kerasm's arithmetic is float32: an int32 operand fails as the kernel would.
    expect(() => ops.relu(ids)).toThrow('relu: expected a float32 tensor, received int32');
  });

  it('a model whose graph has ops cannot go to the legacy HDF5 format, which Keras cannot read back either', async () => {
    const x = Input({ shape: [3] });
    const model = new Model(x, new layers.Dense(2).apply(ops.add(x, 1)));
    await expect(saveModel(model, { format: 'h5' })).rejects.toThrow(/legacy HDF5 format cannot hold the op 'add(_\d+)?' \(keras\.src\.ops\.numpy\.Add\)/);
    model.dispose();
  });

  it('ops.shape of a KerasTensor is its shape, unknown sizes null, and records nothing', () => {
    const x: KerasTensor = Input({ shape: [2, 3] });
    expect(ops.shape(x)).toEqual([null, 2, 3]);
    expect(x.operation.inboundNodes.length).toBe(1);
  });
});
