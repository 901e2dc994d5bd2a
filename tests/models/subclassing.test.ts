import { describe, expect, it } from 'vitest';
import {
  Input, Layer, Model, ValueError, layers, modelFromJSON, ops, registerKerasSerializable, tensor, tidy,
  type CallArgs, type KerasTensor, type LayerArgs, type Tensor, type Variable,
} from '../../ts/index.js';
import type { ShapeOrShapes } from '../../ts/engine/layer.js';
import { saveableNodes } from '../../ts/saving/saveable_tree.js';
import { expectClose, seededValues } from '../helpers/close.js';

interface LinearArgs extends LayerArgs {
  units?: number;
}

/** The `Linear` layer of Keras's "Making new layers and models via subclassing" guide. */
class Linear extends Layer {
  readonly units: number;
  w: Variable | null = null;
  b: Variable | null = null;

  constructor({ units = 32, ...args }: LinearArgs = {}) {
    super(args);
    this.units = units;
  }

  override build(inputShape: ShapeOrShapes): void {
    const shape = inputShape as (number | null)[];
    this.w = this.addWeight({ name: 'w', shape: [shape[shape.length - 1]!, this.units], initializer: 'random_normal' });
    this.b = this.addWeight({ name: 'b', shape: [this.units], initializer: 'zeros' });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.add(ops.matmul(inputs, this.w!.value), this.b!.value);
  }

  override getConfig() {
    return { ...super.getConfig(), units: this.units };
  }
}
registerKerasSerializable(Linear, { package: 'my_package' });

/** A subclassed model with its own imperative `call`. */
class TwoLayerNet extends Model {
  readonly hidden = new Linear({ units: 16 });
  readonly head = new layers.Dense(10, { activation: 'softmax' });

  override call(inputs: Tensor, args: CallArgs): Tensor {
    return this.head.apply(ops.relu(this.hidden.apply(inputs, args)), args);
  }
}

/**
 * The guide's `CustomRNN` (the Functional API guide, "mix-and-match"): two Dense projections and a
 * Dense classifier kept as properties, a loop over time with `ops.zeros` and `ops.stack`. The
 * properties are named as the guide's Python attributes, so that the saved paths are Keras's.
 */
class CustomRNN extends Layer {
  readonly units = 32;
  readonly projection_1 = new layers.Dense(32, { activation: 'tanh' });
  readonly projection_2 = new layers.Dense(32, { activation: 'tanh' });
  readonly classifier = new layers.Dense(1);

  call(inputs: Tensor): Tensor {
    const [batch, timesteps, features] = inputs.shape as [number, number, number];
    const outputs: Tensor[] = [];
    let state = ops.zeros([batch, this.units]);
    for (let t = 0; t < timesteps; t++) {
      const x = ops.reshape(ops.take(inputs, [t], 1), [batch, features]);
      const y = ops.add(this.projection_1.apply(x), this.projection_2.apply(state));
      state = y;
      outputs.push(y);
    }
    return this.classifier.apply(ops.stack(outputs, 1));
  }
}

function data(n: number) {
  const x = seededValues(n * 8, 21);
  const w = seededValues(8 * 10, 22);
  const y = tidy(() => Int32Array.from(ops.argmax(ops.matmul(tensor(x, [n, 8]), tensor(w, [8, 10])), -1).dataSync()));
  return { x: tensor(x, [n, 8]), y: tensor(y, [n], 'int32') };
}

describe('subclassing', () => {
  it('a custom Layer builds lazily, computes, and infers its output shape symbolically', () => {
    const linear = new Linear({ units: 4 });
    expect(linear.name).toMatch(/^linear(_\d+)?$/);
    const y = linear.apply(Input({ shape: [3] }));
    expect(y.shape).toEqual([null, 4]);
    expect(linear.weights.map((w) => w.name)).toEqual(['w', 'b']);
    tidy(() => {
      linear.setWeights([tensor([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]]), tensor([0.5, 0, 0, 0])]);
      expectClose(linear.apply(tensor([[1, 2, 3]])), [1.5, 2, 3, 3]);
    });
    linear.dispose();
  });

  it('a custom Layer trains with fit inside a Functional model and round-trips through its registered name', async () => {
    const inputs = Input({ shape: [8] });
    const outputs = new layers.Dense(10, { activation: 'softmax' }).apply(new Linear({ units: 12, name: 'custom' }).apply(inputs));
    const model = new Model({ inputs, outputs, name: 'with_custom' });
    const config = model.getConfig() as { layers: { class_name: string; registered_name: string | null; module: string | null }[] };
    expect(config.layers[1]).toMatchObject({ class_name: 'Linear', registered_name: 'my_package>Linear', module: null });
    const { x, y } = data(128);
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
    const history = await model.fit(x, y, { epochs: 5, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss[4]!).toBeLessThan(loss[0]!);
    const copy = modelFromJSON(model.toJSON());
    expect(copy.getLayer('custom')).toBeInstanceOf(Linear);
    expect(copy.getConfig()).toEqual(model.getConfig());
    model.dispose(); copy.dispose(); x.dispose(); y.dispose();
  });

  it('an unregistered class is found through customObjects, and a missing one is a clear error', () => {
    class Scale extends Layer {
      call(inputs: Tensor): Tensor {
        return ops.multiply(inputs, 2);
      }
    }
    const inputs = Input({ shape: [2] });
    const model = new Model({ inputs, outputs: new Scale({ name: 'scale' }).apply(inputs) });
    const json = model.toJSON();
    expect(() => modelFromJSON(json)).toThrow(/Could not locate class 'Scale'/);
    const copy = modelFromJSON(json, { Scale });
    tidy(() => expectClose(copy.apply(tensor([[1, -3]])), [2, -6]));
    expect(() => modelFromJSON(json)).toThrow(ValueError);
  });

  it('a subclassed Model with its own call trains with fit, and works inside a Functional model', async () => {
    const net = new TwoLayerNet();
    expect(net.name).toMatch(/^two_layer_net(_\d+)?$/);
    const { x, y } = data(128);
    net.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const history = await net.fit(x, y, { epochs: 5, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss[4]!).toBeLessThan(loss[0]!);
    expect(net.layers).toEqual([net.hidden, net.head]);
    expect(net.trainableWeights).toHaveLength(4);

    const inputs = Input({ shape: [8] });
    const outputs = net.apply(inputs) as KerasTensor;
    expect(outputs.shape).toEqual([null, 10]);
    const wrapper = new Model({ inputs, outputs });
    tidy(() => expectClose(wrapper.apply(tensor(seededValues(16, 3), [2, 8])), net.apply(tensor(seededValues(16, 3), [2, 8])).dataSync(), 1e-6));
    net.dispose(); x.dispose(); y.dispose();
  });

  it("the guide's CustomRNN inside a Functional model: Keras's weights, countParams, summary and saved paths, and fit trains its tracked layers", async () => {
    const inputs = Input({ shape: [10, 5], batchSize: 16 });
    const rnn = new CustomRNN();
    const outputs = rnn.apply(new layers.Conv1D(32, 3).apply(inputs));
    const model = new Model({ inputs, outputs });
    // Keras 3.15.1: output (16, 8, 1); the model 8 weights and 2,657 parameters, CustomRNN 6 and 2,145.
    expect(outputs.shape).toEqual([16, 8, 1]);
    expect(model.weights.map((w) => w.shape)).toEqual([[3, 5, 32], [32], [32, 32], [32], [32, 32], [32], [32, 1], [1]]);
    expect(model.countParams()).toBe(2657);
    expect(rnn.weights).toHaveLength(6);
    expect(rnn.countParams()).toBe(2145);
    const lines: string[] = [];
    model.summary({ printFn: (l) => lines.push(l) });
    expect(lines.some((l) => /│ custom_rnn(_\d+)? \(CustomRNN\) +│ \(16, 8, 1\) +│ +2,145 │/.test(l))).toBe(true);
    expect(lines).toContain(' Total params: 2,657 (10.38 KB)');
    // Keras's model.weights.h5 groups for this model.
    expect(saveableNodes(model).map((n) => n.path).sort()).toEqual([
      '', 'layers/conv1d', 'layers/custom_rnn', 'layers/custom_rnn/classifier', 'layers/custom_rnn/projection_1', 'layers/custom_rnn/projection_2', 'layers/input_layer',
    ]);

    const x = tensor(seededValues(32 * 10 * 5, 31), [32, 10, 5]);
    const y = tensor(seededValues(32 * 8, 32), [32, 8, 1]);
    const before = rnn.weights.map((w) => Array.from(w.value.dataSync()));
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit(x, y, { batchSize: 16, epochs: 2, verbose: 0 });
    rnn.weights.forEach((w, i) => expect(Array.from(w.value.dataSync()), w.path).not.toEqual(before[i]));
    model.dispose(); x.dispose(); y.dispose();
  });

  it("the guide's CustomRNN called on its own builds its tracked layers (Keras: 6 weights, 1,281 parameters)", () => {
    const rnn = new CustomRNN();
    tidy(() => expect(rnn.apply(ops.zeros([1, 10, 5])).shape).toEqual([1, 10, 1]));
    expect(rnn.weights).toHaveLength(6);
    expect(rnn.countParams()).toBe(1281);
    rnn.dispose();
  });

  it('a Model without inputs/outputs or call says what is missing', () => {
    const bare = new Model();
    tidy(() => expect(() => bare.apply(tensor([[1]]))).toThrow('subclasses of Model must implement call()'));
  });
});
