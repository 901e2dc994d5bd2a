import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, memory, tensor, tidy, initializers } from '../../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../../ts/engine/registry.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

describe('Conv2D', () => {
  it.each([
    [{ strides: 1, padding: 'same' as const }, [2, 9, 8, 3]],
    [{ strides: [2, 1], padding: 'valid' as const, activation: 'relu' }, [2, 9, 8, 3]],
    [{ dilationRate: 2, padding: 'same' as const, activation: 'tanh' }, [1, 10, 9, 3]],
  ])('matches tfjs-layers conv2d on the same weights (%j)', (options, xs) => {
    const kernel = seededValues(3 * 3 * 3 * 4, 1), bias = seededValues(4, 2), x = seededValues(size(xs), 3);
    const oracle = tf.layers.conv2d({ filters: 4, kernelSize: 3, ...options } as Parameters<typeof tf.layers.conv2d>[0]);
    oracle.apply(tf.zeros(xs));
    oracle.setWeights([tf.tensor(kernel, [3, 3, 3, 4]), tf.tensor(bias, [4])]);
    const want = oracle.apply(tf.tensor(x, xs)) as tf.Tensor;
    const layer = new layers.Conv2D(4, 3, options);
    tidy(() => {
      layer.apply(tensor(new Float32Array(size(xs)), xs));
      layer.setWeights([tensor(kernel, [3, 3, 3, 4]), tensor(bias, [4])]);
      const y = layer.apply(tensor(x, xs));
      expect(y.shape).toEqual(want.shape);
      expectClose(y, want.dataSync(), 1e-4);
    });
    layer.dispose();
  });

  it('channels_first matches channels_last on transposed data, bias included', () => {
    const kernel = seededValues(2 * 2 * 3 * 2, 4), bias = [0.5, -1], x = seededValues(2 * 5 * 4 * 3, 5);
    const last = new layers.Conv2D(2, 2, { strides: 2, padding: 'same' });
    const first = new layers.Conv2D(2, 2, { strides: 2, padding: 'same', dataFormat: 'channels_first' });
    tidy(() => {
      const xl = tensor(x, [2, 5, 4, 3]);
      const xf = tensor(Float32Array.from(tf.transpose(tf.tensor(x, [2, 5, 4, 3]), [0, 3, 1, 2]).dataSync()), [2, 3, 5, 4]);
      last.apply(xl);
      first.apply(xf);
      for (const l of [last, first]) l.setWeights([tensor(kernel, [2, 2, 3, 2]), tensor(bias)]);
      const yl = last.apply(xl);
      const yf = first.apply(xf);
      expect(yf.shape).toEqual([2, 2, 3, 2]);
      expectClose(yf, tf.transpose(tf.tensor(yl.dataSync(), yl.shape), [0, 3, 1, 2]).dataSync(), 1e-5);
    });
    last.dispose(); first.dispose();
  });

  it('groups: each group of filters sees its group of channels', () => {
    const layer = new layers.Conv2D(2, 1, { groups: 2, useBias: false });
    tidy(() => {
      layer.apply(tensor(new Float32Array(4), [1, 1, 1, 4]));
      expect(layer.kernel!.shape).toEqual([1, 1, 2, 2]);
      layer.setWeights([tensor([[[[1, 10], [1, 10]]]])]);
      expectClose(layer.apply(tensor([[[[1, 2, 3, 4]]]])), [3, 70]);
    });
    layer.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.Conv2D(3, [2, 3], { strides: [2, 1], padding: 'same', activation: 'tanh', biasInitializer: 'ones' }), [2, 5, 4, 2]);
    gradcheckLayer(new layers.Conv2D(2, 2, { dataFormat: 'channels_first', groups: 2 }), [1, 4, 4, 3]);
  });

  it('computes output shapes as Keras, None spatial sizes included', () => {
    const out = (layer: layers.Conv2D, shape: (number | null)[]) => layer.computeOutputShape([null, ...shape]);
    expect(out(new layers.Conv2D(8, 3), [28, 28, 1])).toEqual([null, 26, 26, 8]);
    expect(out(new layers.Conv2D(8, 3, { padding: 'same', strides: 2 }), [28, 27, 1])).toEqual([null, 14, 14, 8]);
    expect(out(new layers.Conv2D(8, 3, { dilationRate: 2 }), [null, 10, 1])).toEqual([null, null, 6, 8]);
    expect(out(new layers.Conv2D(8, [3, 1], { dataFormat: 'channels_first' }), [1, 7, 5])).toEqual([null, 8, 5, 5]);
    const model = new Sequential([Input({ shape: [28, 28, 1] }), new layers.Conv2D(32, 3, { activation: 'relu' }), new layers.Conv2D(64, 3)]);
    expect(model.outputShape).toEqual([null, 24, 24, 64]);
    expect(model.countParams()).toBe(3 * 3 * 1 * 32 + 32 + 3 * 3 * 32 * 64 + 64);
    model.dispose();
  });

  it('writes Keras 3 config keys and round-trips through them', () => {
    const layer = new layers.Conv2D(16, [3, 5], { strides: 2, padding: 'same', activation: 'relu', name: 'c', kernelRegularizer: 'l2', groups: 2 });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'c', trainable: true, filters: 16, kernel_size: [3, 5], strides: [2, 2], padding: 'same', data_format: 'channels_last',
      dilation_rate: [1, 1], groups: 2, activation: 'relu', use_bias: true,
      kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    });
    expect(Object.keys(config)).toEqual(expect.arrayContaining(['kernel_regularizer']));
    const copy = deserializeLayer(serializeLayer(layer)) as layers.Conv2D;
    expect(copy).toBeInstanceOf(layers.Conv2D);
    expect(copy.getConfig()).toEqual(config);
    expect(layer.kernelInitializer).toBeInstanceOf(initializers.GlorotUniform);
  });

  it("raises Keras's errors at construction and on incompatible inputs", () => {
    expect(() => new layers.Conv2D(0, 3)).toThrow('Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.');
    expect(() => new layers.Conv2D(5, 3, { groups: 2 })).toThrow(
      'The number of filters must be evenly divisible by the number of groups. Received: groups=2, filters=5.');
    expect(() => new layers.Conv2D(4, 3, { groups: 0 })).toThrow('The number of groups must be a positive integer. Received: groups=0.');
    expect(() => new layers.Conv2D(4, [3, 3, 3])).toThrow('The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(3, 3, 3)');
    expect(() => new layers.Conv2D(4, 0)).toThrow('The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=0, including values {0} that do not satisfy `value > 0`');
    expect(() => new layers.Conv2D(4, 3, { strides: 2, dilationRate: 2 })).toThrow(
      '`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 2)');
    expect(() => new layers.Conv2D(4, 3, { padding: 'causal' as 'same' })).toThrow("The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal");
    expect(() => new layers.Conv2D(4, 3, { dataFormat: 'NHWC' as 'channels_last' })).toThrow(
      "The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nhwc");
    expect(() => new layers.Conv2D(4, 5).apply(Input({ shape: [4, 4, 1] }))).toThrow(
      'Computed output size would be zero or negative. Received `inputs shape=(None, 4, 4, 1)`, `kernel shape=(5, 5, 1, 4)`, `dilation_rate=[1 1]`, `strides=(1, 1)`, `padding=valid`.');
    expect(() => new layers.Conv2D(4, 3, { groups: 2 }).apply(Input({ shape: [8, 8, 3] }))).toThrow(
      'The number of input channels must be evenly divisible by the number of groups. Received groups=2, but the input has 3 channels (full input shape is (None, 8, 8, 3)).');
    expect(() => new layers.Conv2D(4, 3).apply(Input({ shape: [8, 8] }))).toThrow('expected min_ndim=4, found ndim=3. Full shape received: (None, 8, 8)');
    expect(() => new layers.Conv2D(4, 3).apply(Input({ shape: [8, 8, 8, 2] }))).toThrow(
      'Kernel shape must have the same length as input, but received kernel of shape (3, 3, 2, 4) and input of shape (None, 8, 8, 8, 2).');
    const built = new layers.Conv2D(2, 3, { name: 'c2' });
    built.apply(Input({ shape: [8, 8, 3] }));
    expect(() => built.apply(Input({ shape: [8, 8, 4] }))).toThrow(
      'Input 0 of layer "c2" is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape (None, 8, 8, 4)');
  });

  it('frees everything it allocates', () => {
    const before = memory().numTensors;
    const layer = new layers.Conv2D(4, 3, { activation: 'relu' });
    tidy(() => {
      layer.apply(tensor(new Float32Array(2 * 6 * 6 * 2), [2, 6, 6, 2]));
    });
    expect(memory().numTensors).toBe(before + 2);
    layer.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
