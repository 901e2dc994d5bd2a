/** `models.cloneModel`, as `keras.models.clone_model`: same architecture, fresh weights, Keras's options and errors. */
import { describe, expect, it } from 'vitest';
import {
  Input, Layer, Model, Sequential, ValueError, deserializeLayer, layers, memory, models, ops, optimizers, serializeLayer, tensor,
  type CallArgs, type KerasTensor, type Tensor,
} from '../../ts/index.js';

const values = (model: Model) => model.weights.map((w) => Array.from(w.value.dataSync()));

/** Doubles its input; a layer with no arguments, to insert with `callFunction`. */
class Doubler extends Layer {
  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.multiply(inputs, 2);
  }
}

/** Two inputs, a Dense shared by both, two outputs. */
function functionalModel(): Model {
  const a = Input({ shape: [3], name: 'a' });
  const b = Input({ shape: [3], name: 'b' });
  const shared = new layers.Dense(4, { activation: 'relu', name: 'shared' });
  const head = new layers.Dense(1, { name: 'head' });
  return new Model({ inputs: [a, b], outputs: [head.apply(shared.apply(a)), shared.apply(b)], name: 'two_towers' });
}

describe('cloneModel', () => {
  it('copies a Sequential model: its config and input, with new weights', () => {
    const before = memory().numTensors;
    const model = new Sequential([Input({ shape: [5], name: 'pixels' }), new layers.Dense(3, { activation: 'relu' }), new layers.Dense(2)], { name: 'mlp' });
    const copy = models.cloneModel(model);
    expect(copy).toBeInstanceOf(Sequential);
    expect(copy.getConfig()).toEqual(model.getConfig());
    expect(copy.inputs[0]!.name).toBe('pixels');
    expect(copy.countParams()).toBe(model.countParams());
    expect(copy.weights.every((w) => !model.weights.includes(w))).toBe(true);
    expect(values(copy)[0]).not.toEqual(values(model)[0]);
    model.dispose();
    copy.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('copies a Functional model call by call: several inputs and outputs, a shared layer still shared', () => {
    const model = functionalModel();
    const copy = models.cloneModel(model);
    expect(copy.getConfig()).toEqual(model.getConfig());
    expect(copy.getLayer('shared').inboundNodes.length).toBe(2);
    expect(copy.getLayer('shared')).not.toBe(model.getLayer('shared'));
    const outputs = copy.predict<Tensor[]>([tensor([[1, 2, 3]]), tensor([[3, 2, 1]])], { verbose: 0 });
    expect(outputs.map((t) => t.shape)).toEqual([[1, 1], [1, 4]]);
    model.dispose();
    copy.dispose();
  });

  it('copies each layer with cloneFunction and calls it with callFunction', () => {
    const model = functionalModel();
    const ones = models.cloneModel(model, {
      cloneFunction: (layer) => deserializeLayer({ ...serializeLayer(layer), config: { ...layer.getConfig(), kernel_initializer: 'ones' } }),
    });
    expect(ones.getLayer('shared').weights[0]!.value.dataSync().every((v) => v === 1)).toBe(true);
    // Keras's own example: reuse the layers, and put a new layer after each call of the shared one.
    const doubled = models.cloneModel(model, {
      cloneFunction: (layer) => layer,
      callFunction: (layer, inputs) => {
        const out = layer.apply(inputs as KerasTensor) as KerasTensor;
        return layer.name === 'shared' ? new Doubler().apply(out) : out;
      },
    });
    expect(doubled.getLayer('shared')).toBe(model.getLayer('shared'));
    expect(doubled.layers.filter((l) => l instanceof Doubler).length).toBe(2);
    const x = [tensor([[1, 0, 0]]), tensor([[0, 1, 0]])];
    const [, original] = model.predict<Tensor[]>(x, { verbose: 0 });
    const [, twice] = doubled.predict<Tensor[]>(x, { verbose: 0 });
    expect(Array.from(twice!.dataSync())).toEqual(Array.from(original!.dataSync(), (v) => 2 * v));
    model.dispose();
    ones.dispose();
  });

  it('builds on the inputTensors given, structured as the model input', () => {
    const model = functionalModel();
    const [a, b] = [Input({ shape: [3], name: 'left' }), Input({ shape: [3], name: 'right' })];
    const copy = models.cloneModel(model, { inputTensors: [a, b] });
    expect(copy.inputs[0]).toBe(a);
    expect(copy.inputs[1]).toBe(b);
    expect(() => models.cloneModel(model, { inputTensors: a })).toThrow(/`input_tensors` must have the same structure as model.input/);
    const sequential = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
    const x = Input({ shape: [2], name: 'x' });
    expect(models.cloneModel(sequential, { inputTensors: [x] }).inputs[0]).toBe(x);
    expect(() => models.cloneModel(sequential, { inputTensors: [x, x] })).toThrow(new ValueError('Argument `input_tensors` must contain a single tensor.'));
    model.dispose();
  });

  it('clones nested models with the same functions when recursive, and passes them to cloneFunction otherwise', () => {
    const inner = new Sequential([new layers.Dense(2, { name: 'inner_dense' })], { name: 'inner' });
    const inputs = Input({ shape: [3] });
    const model = new Model({ inputs, outputs: new layers.Dense(1, { name: 'outer_dense' }).apply(inner.apply(inputs)) });
    const seen = (recursive: boolean) => {
      const names: string[] = [];
      models.cloneModel(model, { recursive, cloneFunction: (layer) => (names.push(layer.name), layer) });
      return names;
    };
    expect(seen(false)).toEqual(['inner', 'outer_dense']);
    expect(seen(true)).toEqual(['inner_dense', 'outer_dense']);
    // A nested Sequential takes no callFunction: only the Functional model's own calls go through it.
    const called: string[] = [];
    models.cloneModel(model, { recursive: true, callFunction: (layer, x) => (called.push(layer.name), layer.apply(x as KerasTensor) as KerasTensor) });
    expect(called).toEqual(['inner', 'outer_dense']);
    model.dispose();
  });

  it('compiles the copy of a compiled model as it was, with a new optimizer', async () => {
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
    model.compile({ optimizer: new optimizers.Adam({ learningRate: 0.01 }), loss: 'mse', metrics: ['mae'] });
    const copy = models.cloneModel(model);
    expect(copy.optimizer).not.toBe(model.optimizer);
    expect(copy.optimizer.getConfig()).toEqual(model.optimizer.getConfig());
    const history = await copy.fit([[1, 2]], [[1]], { verbose: 0 });
    expect(Object.keys(history.history)).toEqual(['loss', 'mae']);
    model.dispose();
    copy.dispose();
  });

  it('rebuilds a subclassed model from its config, and refuses one without', () => {
    class Scaled extends Model {
      readonly units: number;
      dense: layers.Dense;
      constructor(args: { units: number; name?: string; trainable?: boolean }) {
        super({ name: args.name, trainable: args.trainable });
        this.units = args.units;
        this.dense = new layers.Dense(args.units);
      }
      override call(x: Tensor): Tensor {
        return this.dense.apply(x);
      }
      override getConfig() {
        return { ...super.getConfig(), units: this.units };
      }
    }
    const model = new Scaled({ units: 3 });
    const copy = models.cloneModel(model) as Scaled;
    expect(copy).toBeInstanceOf(Scaled);
    expect(copy.units).toBe(3);
    expect(copy.dense).not.toBe(model.dense);
    expect(() => models.cloneModel(model, { cloneFunction: (l) => l })).toThrow(
      /^Arguments `clone_function` and `input_tensors` are only supported for Sequential models or Functional models. Received model of type 'Scaled'/,
    );
    expect(() => models.cloneModel(model, { callFunction: (l, x) => l.apply(x as KerasTensor) as KerasTensor })).toThrow(
      /^Argument `call_function` is only supported for Functional models. Received model of type 'Scaled'/,
    );
    class Bare extends Model {
      dense = new layers.Dense(1);
      override call(x: Tensor): Tensor {
        return this.dense.apply(x);
      }
    }
    expect(() => models.cloneModel(new Bare())).toThrow(/Object Bare must override `getConfig\(\)`/);
  });

  it('takes only its own options', () => {
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
    expect(() => models.cloneModel(model, { foo: 1 } as never)).toThrow(new ValueError("Unexpected keyword argument(s): ('foo',)"));
    expect(() => models.cloneModel(model, { cloneFunction: 3 } as never)).toThrow(/^Expected `clone_function` argument to be a callable/);
    expect(() => models.cloneModel(model, { callFunction: (l) => l as never })).toThrow(/^`call_function` argument is not supported with Sequential models/);
    model.dispose();
  });

  it('is keras.models with Model, Sequential, modelFromJSON, loadModel and saveModel', () => {
    expect(models.Model).toBe(Model);
    expect(models.Sequential).toBe(Sequential);
    expect(Object.keys(models).sort()).toEqual(['Model', 'Sequential', 'cloneModel', 'loadModel', 'modelFromJSON', 'saveModel']);
  });
});
