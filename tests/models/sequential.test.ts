import { describe, expect, it } from 'vitest';
import { Input, Sequential, ValueError, layers, memory, tensor, tidy } from '../../ts/index.js';

function mnistModel(): Sequential {
  return new Sequential([
    Input({ shape: [784] }),
    new layers.Dense(64, { activation: 'relu' }),
    new layers.Dense(64, { activation: 'relu' }),
    new layers.Dense(10, { activation: 'softmax' }),
  ]);
}

describe('Sequential', () => {
  it('prints Keras\'s summary: 55,050 parameters for the MNIST MLP', () => {
    const model = mnistModel();
    const lines: string[] = [];
    model.summary({ printFn: (l) => lines.push(l) });
    const [d0, d1, d2] = model.layers.map((l) => l.name);
    expect(lines[0]).toBe(`Model: "${model.name}"`);
    expect(lines[1]).toBe('┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓');
    expect(lines[2]).toBe('┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃');
    expect(lines[4]).toBe(`│ ${`${d0} (Dense)`.padEnd(36)} │ (None, 64)                  │          50,240 │`);
    expect(lines[6]).toContain(`${d1} (Dense)`);
    expect(lines[6]).toContain('4,160');
    expect(lines[8]).toContain(`${d2} (Dense)`);
    expect(lines[8]).toContain('(None, 10)');
    expect(lines.slice(-3)).toEqual([
      ' Total params: 55,050 (215.04 KB)',
      ' Trainable params: 55,050 (215.04 KB)',
      ' Non-trainable params: 0 (0.00 B)',
    ]);
    expect(model.countParams()).toBe(55_050);
    model.dispose();
  });

  it('reports frozen layers as non-trainable', () => {
    const model = mnistModel();
    model.layers[0]!.trainable = false;
    const lines: string[] = [];
    model.summary({ printFn: (l) => lines.push(l) });
    expect(lines.slice(-2)).toEqual([' Trainable params: 4,810 (18.79 KB)', ' Non-trainable params: 50,240 (196.25 KB)']);
    model.dispose();
  });

  it('is built from an Input, from inputShape, or on the first call', () => {
    const fromInput = mnistModel();
    expect(fromInput.built).toBe(true);
    expect(fromInput.outputShape).toEqual([null, 10]);

    const fromShape = new Sequential([new layers.Dense(4, { inputShape: [3] }), new layers.Dense(2)]);
    expect(fromShape.built).toBe(true);
    expect(fromShape.inputShape).toEqual([null, 3]);

    // The guide's `Dense(2, input_dim=1)`, and the Keras 2 / TensorFlow.js form with the batch size.
    const fromDim = new Sequential([new layers.Dense(2, { inputDim: 1 })]);
    expect([fromDim.built, fromDim.inputShape, fromDim.countParams()]).toEqual([true, [null, 1], 4]);
    const fromBatchShape = new Sequential([new layers.Dense(2, { batchInputShape: [8, 3] })]);
    expect([fromBatchShape.built, fromBatchShape.inputShape]).toEqual([true, [8, 3]]);

    const lazy = new Sequential();
    lazy.add(new layers.Dense(5));
    lazy.add(new layers.Activation('tanh'));
    expect(lazy.built).toBe(false);
    expect(() => lazy.summary()).toThrow('This model has not yet been built');
    const y = tidy(() => lazy.apply(tensor(new Float32Array(6), [2, 3])).shape);
    expect(y).toEqual([2, 5]);
    expect(lazy.built).toBe(true);
    expect(lazy.outputShape).toEqual([null, 5]);
    for (const m of [fromInput, fromShape, fromDim, fromBatchShape, lazy]) m.dispose();
  });

  it('adds and pops layers, keeping shapes consistent', () => {
    const model = new Sequential({ layers: [Input({ shape: [8] }), new layers.Dense(4)], name: 'stack' });
    expect(model.name).toBe('stack');
    model.add(new layers.Dense(2));
    expect(model.layers).toHaveLength(2);
    expect(model.outputShape).toEqual([null, 2]);
    model.pop();
    expect(model.outputShape).toEqual([null, 4]);
    model.pop();
    expect(() => model.pop()).toThrow('There are no layers in the model.');
    model.dispose();
  });

  it('raises Keras\'s errors at construction time', () => {
    const model = new Sequential([Input({ shape: [3] }), new layers.Dense(4, { name: 'first' })]);
    const reused = new layers.Dense(2, { name: 'first' });
    expect(() => model.add(reused)).toThrow("Name 'first' is already the name of a layer in this model");
    expect(() => model.add({} as never)).toThrow('Only instances of `keras.Layer` can be added to a Sequential model');
    const fixed = new layers.Dense(2, { name: 'fixed' });
    fixed.apply(Input({ shape: [7] }));
    expect(() => model.add(fixed)).toThrow(
      'Input 0 of layer "fixed" is incompatible with the layer: expected axis -1 of input shape to have value 7, but received input with shape (None, 4)');
    expect(model.layers).toHaveLength(1);
    model.dispose();
    fixed.dispose();
  });

  it('rejects a wrong input shape for a built model, and keeps working', () => {
    const model = mnistModel();
    tidy(() => {
      expect(() => model.apply(tensor(new Float32Array(28 * 28 * 2), [2, 28, 28]))).toThrow(ValueError);
      expect(() => model.apply(tensor(new Float32Array(20), [2, 10]))).toThrow(
        `Input 0 of layer "${model.name}" is incompatible with the layer: expected shape=(None, 784), found shape=(2, 10)`);
      expect(model.apply(tensor(new Float32Array(784 * 2), [2, 784])).shape).toEqual([2, 10]);
    });
    model.dispose();
  });

  it('serialises its layers in Keras 3\'s config form', () => {
    const model = new Sequential([Input({ shape: [4] }), new layers.Dense(2, { name: 'out', activation: 'softmax' })], { name: 'seq' });
    const config = model.getConfig() as { name: string; layers: { class_name: string; config: Record<string, unknown> }[]; build_input_shape: unknown };
    expect(config.name).toBe('seq');
    expect(config.build_input_shape).toEqual([null, 4]);
    expect(config.layers.map((l) => l.class_name)).toEqual(['InputLayer', 'Dense']);
    expect(config.layers[0]!.config).toMatchObject({ batch_shape: [null, 4], dtype: 'float32', sparse: false });
    expect(config.layers[1]!.config).toMatchObject({ name: 'out', units: 2, activation: 'softmax' });
    model.dispose();
  });

  it('frees every weight on dispose', () => {
    const before = memory().numTensors;
    const model = mnistModel();
    expect(memory().numTensors).toBe(before + 6);
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
