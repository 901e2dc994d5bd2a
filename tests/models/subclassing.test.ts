import { describe, expect, it } from 'vitest';
import {
  Input, Layer, Model, ValueError, layers, modelFromJSON, ops, registerKerasSerializable, tensor, tidy,
  type CallArgs, type KerasTensor, type LayerArgs, type Tensor, type Variable,
} from '../../ts/index.js';
import type { ShapeOrShapes } from '../../ts/engine/layer.js';
import { expectClose, seededValues } from '../helpers/close.js';

interface LinearArgs extends LayerArgs {
  units?: number;
}

/** The `Linear` layer of Keras's "Making new layers and models via subclassing" guide. */
class Linear extends Layer {
  readonly units: number;
  w: Variable | null = null;
  b: Variable | null = null;

  constructor(args: LinearArgs = {}) {
    super(args);
    this.units = args.units ?? 32;
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

  it('a Model without inputs/outputs or call says what is missing', () => {
    const bare = new Model();
    tidy(() => expect(() => bare.apply(tensor([[1]]))).toThrow('subclasses of Model must implement call()'));
  });
});
