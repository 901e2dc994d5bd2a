import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../../ts/engine/registry.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

describe('Conv2DTranspose', () => {
  it.each([
    [{ strides: 2, padding: 'same' as const }, [2, 4, 5, 3]],
    [{ strides: [2, 1], padding: 'valid' as const, activation: 'relu' }, [2, 4, 5, 3]],
    [{ strides: 3, activation: 'tanh' }, [1, 3, 3, 3]],
    [{ padding: 'valid' as const, useBias: true }, [1, 5, 4, 3]],
  ])('matches tfjs-layers conv2dTranspose on the same weights (%j)', (options, xs) => {
    const kernel = seededValues(3 * 3 * 4 * 3, 1), bias = seededValues(4, 2), x = seededValues(size(xs), 3);
    const oracle = tf.layers.conv2dTranspose({ filters: 4, kernelSize: 3, ...options } as Parameters<typeof tf.layers.conv2dTranspose>[0]);
    oracle.apply(tf.zeros(xs));
    oracle.setWeights([tf.tensor(kernel, [3, 3, 4, 3]), tf.tensor(bias, [4])]);
    const want = oracle.apply(tf.tensor(x, xs)) as tf.Tensor;
    const layer = new layers.Conv2DTranspose(4, 3, options);
    tidy(() => {
      layer.apply(tensor(new Float32Array(size(xs)), xs));
      expect(layer.kernel!.shape).toEqual([3, 3, 4, 3]);
      layer.setWeights([tensor(kernel, [3, 3, 4, 3]), tensor(bias, [4])]);
      const y = layer.apply(tensor(x, xs));
      expect(y.shape).toEqual(want.shape);
      expectClose(y, want.dataSync(), 1e-4);
    });
    layer.dispose();
  });

  it('output_padding: tf.conv2dTranspose to the output shape Keras computes, plus the bias', () => {
    const kernel = seededValues(2 * 3 * 2 * 3, 4), bias = [0.5, -1], x = seededValues(2 * 3 * 3 * 3, 5);
    const layer = new layers.Conv2DTranspose(2, [2, 3], { strides: [3, 2], outputPadding: [2, 1] });
    // (3 - 1)·3 + 2 + 2 = 10 and (3 - 1)·2 + 3 + 1 = 8.
    expect(layer.computeOutputShape([null, 3, 3, 3])).toEqual([null, 10, 8, 2]);
    const want = tf.conv2dTranspose(tf.tensor4d(x, [2, 3, 3, 3]), tf.tensor4d(kernel, [2, 3, 2, 3]), [2, 10, 8, 2], [3, 2], 'valid').add(tf.tensor1d(bias));
    tidy(() => {
      layer.apply(tensor(x, [2, 3, 3, 3]));
      layer.setWeights([tensor(kernel, [2, 3, 2, 3]), tensor(bias)]);
      const y = layer.apply(tensor(x, [2, 3, 3, 3]));
      expect(y.shape).toEqual([2, 10, 8, 2]);
      expectClose(y, want.dataSync(), 1e-4);
    });
    layer.dispose();
  });

  it('channels_first matches channels_last on transposed data, bias included', () => {
    const kernel = seededValues(2 * 2 * 2 * 3, 4), bias = [0.5, -1], x = seededValues(2 * 3 * 4 * 3, 5);
    const last = new layers.Conv2DTranspose(2, 2, { strides: 2, padding: 'same' });
    const first = new layers.Conv2DTranspose(2, 2, { strides: 2, padding: 'same', dataFormat: 'channels_first' });
    tidy(() => {
      const xl = tensor(x, [2, 3, 4, 3]);
      const xf = tensor(Float32Array.from(tf.transpose(tf.tensor(x, [2, 3, 4, 3]), [0, 3, 1, 2]).dataSync()), [2, 3, 3, 4]);
      last.apply(xl);
      first.apply(xf);
      for (const l of [last, first]) l.setWeights([tensor(kernel, [2, 2, 2, 3]), tensor(bias)]);
      const yl = last.apply(xl);
      const yf = first.apply(xf);
      expect(yf.shape).toEqual([2, 2, 6, 8]);
      expectClose(yf, tf.transpose(tf.tensor(yl.dataSync(), yl.shape), [0, 3, 1, 2]).dataSync(), 1e-5);
    });
    last.dispose(); first.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.Conv2DTranspose(3, [2, 3], { strides: [2, 1], padding: 'same', activation: 'tanh', biasInitializer: 'ones' }), [2, 3, 2, 2]);
    gradcheckLayer(new layers.Conv2DTranspose(2, 2, { dataFormat: 'channels_first', strides: 2, outputPadding: 1 }), [1, 2, 2, 3]);
  });

  it('computes output shapes as Keras, None spatial sizes included', () => {
    const out = (layer: layers.Conv2DTranspose, shape: (number | null)[]) => layer.computeOutputShape([null, ...shape]);
    expect(out(new layers.Conv2DTranspose(8, 3), [7, 7, 16])).toEqual([null, 9, 9, 8]);
    expect(out(new layers.Conv2DTranspose(8, 3, { strides: 2, padding: 'same' }), [7, null, 16])).toEqual([null, 14, null, 8]);
    expect(out(new layers.Conv2DTranspose(8, 2, { strides: 3 }), [4, 4, 1])).toEqual([null, 12, 12, 8]);
    expect(out(new layers.Conv2DTranspose(8, 3, { strides: 2, padding: 'same', outputPadding: 0 }), [7, 7, 1])).toEqual([null, 13, 13, 8]);
    expect(out(new layers.Conv2DTranspose(8, [3, 1], { dataFormat: 'channels_first', dilationRate: 2 }), [1, 7, 5])).toEqual([null, 8, 11, 5]);
    // The decoder of the Keras autoencoder guide.
    const model = new Sequential([
      Input({ shape: [4, 4, 1] }), new layers.Conv2DTranspose(16, 3, { activation: 'relu' }), new layers.Conv2DTranspose(32, 3, { activation: 'relu' }),
      new layers.Conv2DTranspose(1, 3, { strides: 2, padding: 'same' }),
    ]);
    expect(model.outputShape).toEqual([null, 16, 16, 1]);
    expect(model.countParams()).toBe(3 * 3 * 16 + 16 + 3 * 3 * 32 * 16 + 32 + 3 * 3 * 32 + 1);
    model.dispose();
  });

  it('writes Keras 3 config keys and round-trips through them', () => {
    const layer = new layers.Conv2DTranspose(16, [3, 5], { strides: 2, padding: 'same', outputPadding: [1, 0], activation: 'relu', name: 'ct', kernelRegularizer: 'l2' });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'ct', trainable: true, filters: 16, kernel_size: [3, 5], strides: [2, 2], padding: 'same', output_padding: [1, 0],
      data_format: 'channels_last', dilation_rate: [1, 1], activation: 'relu', use_bias: true,
      kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    });
    expect(config).not.toHaveProperty('groups');
    expect(new layers.Conv2DTranspose(4, 3).getConfig().output_padding).toBeNull();
    const copy = deserializeLayer(serializeLayer(layer)) as layers.Conv2DTranspose;
    expect(copy).toBeInstanceOf(layers.Conv2DTranspose);
    expect(copy.getConfig()).toEqual(config);
  });

  it("raises Keras's errors at construction and on incompatible inputs", () => {
    expect(() => new layers.Conv2DTranspose(0, 3)).toThrow('Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.');
    expect(() => new layers.Conv2DTranspose(4, [3, 3, 3])).toThrow('The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(3, 3, 3)');
    expect(() => new layers.Conv2DTranspose(4, 3, { strides: 0 })).toThrow(
      'The `strides` argument must be a tuple of 2 integers. Received strides=0, including values {0} that do not satisfy `value > 0`');
    expect(() => new layers.Conv2DTranspose(4, 3, { outputPadding: -1 })).toThrow(
      'The `output_padding` argument must be a tuple of 2 integers. Received output_padding=-1, including values {-1} that do not satisfy `value >= 0`');
    expect(() => new layers.Conv2DTranspose(4, 3, { strides: 2, outputPadding: [1, 2] })).toThrow(
      '`output_padding` must be strictly less than `strides` for all dimensions. At dimension 1, `output_padding` is 2 but `strides` is 2. Received: output_padding=(1, 2), strides=(2, 2)');
    expect(() => new layers.Conv2DTranspose(4, 3, { strides: 2, dilationRate: 2 })).toThrow(
      '`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 2)');
    expect(() => new layers.Conv2DTranspose(4, 3, { padding: 'causal' as 'same' })).toThrow("The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal");
    expect(() => new layers.Conv2DTranspose(4, 3).apply(Input({ shape: [8, 8] }))).toThrow('expected min_ndim=4, found ndim=3. Full shape received: (None, 8, 8)');
    const built = new layers.Conv2DTranspose(2, 3, { name: 'ct2' });
    built.apply(Input({ shape: [8, 8, 3] }));
    expect(() => built.apply(Input({ shape: [8, 8, 4] }))).toThrow(
      'Input 0 of layer "ct2" is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape (None, 8, 8, 4)');
  });

  it('frees everything it allocates', () => {
    const before = memory().numTensors;
    const layer = new layers.Conv2DTranspose(4, 3, { strides: 2, activation: 'relu' });
    tidy(() => {
      layer.apply(tensor(new Float32Array(2 * 6 * 6 * 2), [2, 6, 6, 2]));
    });
    expect(memory().numTensors).toBe(before + 2);
    layer.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
