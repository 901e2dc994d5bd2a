import { describe, expect, it } from 'vitest';
import { Input, Layer, Model, Sequential, ValueError, layers, loadModel, ops, registerKerasSerializable, saveModel, tensor, tidy } from '../../ts/index.js';
import type { CallArgs, Tensor, Variable } from '../../ts/index.js';
import type { ShapeOrShapes } from '../../ts/engine/layer.js';
import { readH5 } from '../../ts/saving/h5_file.js';
import { groupAt, memberNames } from '../../ts/saving/h5_tree.js';
import { zipEntries } from './zip_helpers.js';
import { seededValues } from '../helpers/close.js';

/** A custom layer registered as `'saving_test>Scale'`. */
class Scale extends Layer {
  static override className = 'Scale';
  w: Variable | null = null;
  override build(inputShape: ShapeOrShapes): void {
    const shape = inputShape as (number | null)[];
    this.w = this.addWeight({ name: 'w', shape: [shape[shape.length - 1]!], initializer: 'random_normal' });
  }
  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.multiply(inputs, this.w!.value);
  }
}
registerKerasSerializable(Scale, { package: 'saving_test' });

function outputs(model: Model, shape: number[]): number[] {
  return tidy(() => Array.from(model.predict(tensor(seededValues(shape.reduce((a, b) => a * b, 1), 9), shape), { verbose: 0 }).dataSync()));
}

async function weightGroups(bytes: Uint8Array): Promise<string[]> {
  const h5 = new Map(await zipEntries(bytes)).get('model.weights.h5')!;
  return readH5(h5, 'test', (file) => {
    const found: string[] = [];
    const walk = (path: string) => {
      const group = groupAt(file, path)!;
      for (const key of memberNames(group)) {
        const child = path === '' ? key : `${path}/${key}`;
        if (groupAt(file, child)) {
          if (key === 'vars') found.push(child);
          else walk(child);
        }
      }
    };
    walk('');
    return found.sort();
  });
}

describe('saving each kind of model', () => {
  it('a Functional model with two inputs, a shared layer and a nested Sequential', async () => {
    const a = Input({ shape: [3], name: 'a' });
    const b = Input({ shape: [3], name: 'b' });
    const shared = new layers.Dense(4, { name: 'shared' });
    const inner = new Sequential([Input({ shape: [4] }), new layers.Dense(4, { activation: 'relu' }), new layers.Dense(2)], { name: 'inner' });
    const merged = new layers.Concatenate().apply([shared.apply(a), shared.apply(b)]);
    const out = inner.apply(new layers.Dense(4).apply(merged));
    const model = new Model({ inputs: [a, b], outputs: out, name: 'two_inputs' });
    const bytes = await saveModel(model);
    // Container items are named by class, in layer order: the shared Dense is `dense`, the other `dense_1`.
    expect(await weightGroups(bytes)).toEqual([
      'layers/concatenate/vars', 'layers/dense/vars', 'layers/dense_1/vars', 'layers/input_layer/vars', 'layers/input_layer_1/vars',
      'layers/sequential/layers/dense/vars', 'layers/sequential/layers/dense_1/vars', 'layers/sequential/vars', 'vars',
    ]);
    const loaded = await loadModel(bytes);
    expect(loaded.toJSON()).toBe(model.toJSON());
    const x = tensor(seededValues(6, 2), [2, 3]);
    const run = (m: Model) => tidy(() => Array.from(m.predict([x, x], { verbose: 0 }).dataSync()));
    expect(run(loaded)).toEqual(run(model));
    loaded.dispose();
    model.dispose();
  });

  it('a registered custom layer loads by its registered_name, or through customObjects', async () => {
    const model = new Sequential([Input({ shape: [3] }), new Scale(), new layers.Dense(2)]);
    const bytes = await saveModel(model);
    const config = JSON.parse(new TextDecoder().decode(new Map(await zipEntries(bytes)).get('config.json')));
    expect(config.config.layers[1]).toMatchObject({ class_name: 'Scale', registered_name: 'saving_test>Scale', module: null });
    const loaded = await loadModel(bytes);
    expect(outputs(loaded, [2, 3])).toEqual(outputs(model, [2, 3]));
    loaded.dispose();
    const viaCustomObjects = await loadModel(bytes, { customObjects: { 'saving_test>Scale': Scale } });
    expect(viaCustomObjects.layers[0]).toBeInstanceOf(Scale);
    viaCustomObjects.dispose();
    model.dispose();
  });

  it('a Lambda with a registered function round-trips; an unregistered one cannot be saved', async () => {
    const double = (x: Tensor | Tensor[]) => ops.multiply(x as Tensor, 2);
    layers.registerLambdaFunction('saving_test_double', double);
    const model = new Sequential([Input({ shape: [2] }), new layers.Lambda(double), new layers.Dense(1)]);
    const loaded = await loadModel(await saveModel(model));
    expect(outputs(loaded, [3, 2])).toEqual(outputs(model, [3, 2]));
    loaded.dispose();
    model.dispose();
    const anonymous = new Sequential([Input({ shape: [2] }), new layers.Lambda((x) => ops.square(x as Tensor))]);
    await expect(saveModel(anonymous)).rejects.toThrow(/registerLambdaFunction/);
    anonymous.dispose();
  });

  it('sublayers held as attributes go under the attribute\'s snake_case name, sorted, private ones last', async () => {
    class Block extends Layer {
      static override className = 'Block';
      readonly projOut = new layers.Dense(3);
      readonly _inner = [new layers.Dense(3), new layers.Dense(3)];
      readonly alpha = new layers.Dense(3);
      call(inputs: Tensor, args: CallArgs): Tensor {
        const x = this._inner.reduce((h, l) => l.apply(h, args), this.alpha.apply(inputs, args));
        return this.projOut.apply(x, args);
      }
    }
    const model = new Sequential([Input({ shape: [3] }), new Block()]);
    expect(await weightGroups(await saveModel(model))).toEqual([
      'layers/block/_inner/dense/vars', 'layers/block/_inner/dense_1/vars', 'layers/block/alpha/vars', 'layers/block/proj_out/vars', 'layers/block/vars', 'vars',
    ]);
    model.dispose();
  });

  it("layers in arrays and plain objects, nested, go where Keras's walk puts them, and load back", async () => {
    class Block extends Layer {
      static override className = 'Block';
      readonly projOut = new layers.Dense(3);
      readonly _inner = [new layers.Dense(3), new layers.Dense(3)];
      readonly heads = { a: new layers.Dense(3), b: [new layers.Dense(3), [new layers.Dense(3)]] as const };
      readonly alias = this.projOut;
      call(inputs: Tensor, args: CallArgs): Tensor {
        const h = this._inner.reduce((x, l) => l.apply(x, args), inputs);
        const [b0, [b1]] = this.heads.b;
        return this.projOut.apply(ops.add(ops.add(this.heads.a.apply(h, args), b0.apply(h, args)), b1.apply(h, args)), args);
      }
    }
    const build = () => {
      const inputs = Input({ shape: [3] });
      return new Model({ inputs, outputs: new Block().apply(inputs) });
    };
    const model = build();
    const bytes = await saveModel(model, { format: 'keras' });
    // The groups Keras 3.15.1 writes for the same Python class: a dict's values and a list's items
    // by class name, a nested list as `container`, the shared layer where the sorted walk first meets it.
    expect(await weightGroups(bytes)).toEqual([
      'layers/block/_inner/dense/vars', 'layers/block/_inner/dense_1/vars', 'layers/block/alias/vars',
      'layers/block/heads/container/container/dense/vars', 'layers/block/heads/container/dense/vars', 'layers/block/heads/dense/vars',
      'layers/block/vars', 'layers/input_layer/vars', 'vars',
    ]);
    const copy = build();
    await copy.loadWeights(bytes);
    expect(outputs(copy, [2, 3])).toEqual(outputs(model, [2, 3]));
    copy.dispose();
    model.dispose();
  });

  it('a subclassed model registered with registerKerasSerializable, built from build_config', async () => {
    class Tower extends Model {
      static override className = 'Tower';
      readonly hidden = new layers.Dense(5, { activation: 'relu' });
      readonly head = new layers.Dense(2);
      override call(inputs: Tensor, args: CallArgs): Tensor {
        return this.head.apply(this.hidden.apply(inputs, args), args);
      }
      static override fromConfig(config: Record<string, unknown>): Tower {
        return new Tower({ name: config.name as string });
      }
    }
    registerKerasSerializable(Tower, { package: 'saving_test' });
    const model = new Tower();
    outputs(model, [2, 4]);
    const bytes = await saveModel(model);
    expect(await weightGroups(bytes)).toEqual(['head/vars', 'hidden/vars', 'vars']);
    const config = JSON.parse(new TextDecoder().decode(new Map(await zipEntries(bytes)).get('config.json')));
    expect(config).toMatchObject({ module: null, class_name: 'Tower', registered_name: 'saving_test>Tower', build_config: { input_shape: [null, 4] } });
    const loaded = await loadModel(bytes);
    expect(outputs(loaded, [2, 4])).toEqual(outputs(model, [2, 4]));
    loaded.dispose();
    const unbuilt = new Tower();
    await expect(unbuilt.loadWeights(bytes)).rejects.toThrow(/has no variables yet, but the file holds 2: build the model/);
    unbuilt.dispose();
    model.dispose();
  });
});
