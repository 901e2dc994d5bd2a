import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, memory, tensor, tidy, initializers } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

describe('Dense', () => {
  it('matches Keras on fixed weights (keras dense_test: test_dense_correctness)', () => {
    const dense = new layers.Dense(2, { activation: 'relu' });
    tidy(() => {
      dense.apply(tensor([[0, 0]]));
      dense.setWeights([tensor([[1, -2], [3, -4]]), tensor([5, -6])]);
      expectClose(dense.apply(tensor([[-1, 2]])), [10, 0]);
    });
  });

  it('matches tfjs-layers on the same weights, for rank 2 and rank 3 inputs', () => {
    const kernel = seededValues(12, 1), bias = seededValues(3, 2), x = seededValues(2 * 5 * 4, 3);
    const oracle = tf.layers.dense({ units: 3, activation: 'tanh', inputShape: [4] });
    oracle.apply(tf.zeros([1, 4]));
    oracle.setWeights([tf.tensor(kernel, [4, 3]), tf.tensor(bias, [3])]);
    const dense = new layers.Dense(3, { activation: 'tanh' });
    tidy(() => {
      dense.apply(tensor(new Float32Array(4), [1, 4]));
      dense.setWeights([tensor(kernel, [4, 3]), tensor(bias, [3])]);
      expectClose(dense.apply(tensor(x, [10, 4])), (oracle.apply(tf.tensor(x, [10, 4])) as tf.Tensor).dataSync(), 1e-5);
      const y3 = dense.apply(tensor(x, [2, 5, 4]));
      expect(y3.shape).toEqual([2, 5, 3]);
      expectClose(y3, (oracle.apply(tf.tensor(x, [2, 5, 4])) as tf.Tensor).dataSync(), 1e-5);
    });
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.Dense(3, { activation: 'tanh' }), [4, 5]);
    gradcheckLayer(new layers.Dense(2, { activation: 'sigmoid', kernelInitializer: 'he_normal' }), [2, 3, 4]);
  });

  it('builds lazily, names itself, and counts its weights', () => {
    const a = new layers.Dense(4);
    const b = new layers.Dense(4);
    expect(b.name).toMatch(/^dense_\d+$/);
    expect(a.built).toBe(false);
    expect(() => a.countParams()).toThrow(/isn't built/);
    tidy(() => {
      a.apply(tensor(new Float32Array(6), [2, 3]));
    });
    expect(a.built).toBe(true);
    expect(a.weights.map((w) => w.path)).toEqual([`${a.name}/kernel`, `${a.name}/bias`]);
    expect(a.countParams()).toBe(3 * 4 + 4);
    expect(a.trainableWeights).toHaveLength(2);
    a.trainable = false;
    expect(a.trainableWeights).toHaveLength(0);
    expect(a.nonTrainableWeights).toHaveLength(2);
    const noBias = new layers.Dense({ units: 2, useBias: false });
    tidy(() => {
      noBias.apply(tensor(new Float32Array(3), [1, 3]));
    });
    expect(noBias.weights).toHaveLength(1);
    a.dispose(); b.dispose(); noBias.dispose();
  });

  it('uses Keras defaults and config keys', () => {
    const dense = new layers.Dense(64, { activation: 'relu', name: 'hidden' });
    const config = dense.getConfig();
    expect(config).toMatchObject({
      name: 'hidden', trainable: true, units: 64, activation: 'relu', use_bias: true,
      kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
    });
    expect(dense.kernelInitializer).toBeInstanceOf(initializers.GlorotUniform);
  });

  it('rejects bad arguments and incompatible inputs at construction time, naming the layer', () => {
    expect(() => new layers.Dense(0)).toThrow('Received an invalid value for `units`, expected a positive integer. Received: units=0');
    expect(() => new layers.Dense(3, { activation: 'relu2' })).toThrow('Could not interpret activation function identifier: relu2');
    const dense = new layers.Dense(2, { name: 'head' });
    dense.apply(Input({ shape: [2] }));
    expect(() => dense.apply(Input({ shape: [3] }))).toThrow(
      'Input 0 of layer "head" is incompatible with the layer: expected axis -1 of input shape to have value 2, but received input with shape (None, 3)');
    expect(() => new layers.Dense(2).apply(Input({ shape: [] }))).toThrow('expected min_ndim=2, found ndim=1. Full shape received: (None,)');
    dense.dispose();
  });

  it('frees everything it allocates', () => {
    const before = memory().numTensors;
    const dense = new layers.Dense(8, { activation: 'relu' });
    tidy(() => {
      dense.apply(tensor(new Float32Array(12), [3, 4]));
    });
    expect(memory().numTensors).toBe(before + 2);
    dense.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('works as a Sequential layer on rank-3 input', () => {
    const model = new Sequential([Input({ shape: [5, 4] }), new layers.Dense(3)]);
    expect(model.outputShape).toEqual([null, 5, 3]);
    model.dispose();
  });
});
