import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../../ts/engine/registry.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

describe('DepthwiseConv2D', () => {
  it.each([
    [{ padding: 'same' as const }, [2, 7, 6, 3]],
    [{ strides: 2, depthMultiplier: 2, activation: 'relu' }, [2, 7, 6, 3]],
    [{ strides: [1, 2], padding: 'same' as const, depthMultiplier: 3, activation: 'tanh' }, [1, 5, 8, 3]],
  ])('matches tfjs-layers depthwiseConv2d on the same weights (%j)', (options, xs) => {
    const dm = (options as { depthMultiplier?: number }).depthMultiplier ?? 1;
    const kernel = seededValues(3 * 3 * 3 * dm, 1), bias = seededValues(3 * dm, 2), x = seededValues(size(xs), 3);
    const oracle = tf.layers.depthwiseConv2d({ kernelSize: 3, ...options } as Parameters<typeof tf.layers.depthwiseConv2d>[0]);
    oracle.apply(tf.zeros(xs));
    oracle.setWeights([tf.tensor(kernel, [3, 3, 3, dm]), tf.tensor(bias, [3 * dm])]);
    const want = oracle.apply(tf.tensor(x, xs)) as tf.Tensor;
    const layer = new layers.DepthwiseConv2D(3, options);
    tidy(() => {
      layer.apply(tensor(x, xs));
      expect(layer.kernel!.shape).toEqual([3, 3, 3, dm]);
      expect(layer.bias!.shape).toEqual([3 * dm]);
      layer.setWeights([tensor(kernel, [3, 3, 3, dm]), tensor(bias, [3 * dm])]);
      const y = layer.apply(tensor(x, xs));
      expect(y.shape).toEqual(want.shape);
      expectClose(y, want.dataSync(), 1e-4);
    });
    layer.dispose();
  });

  it('channels_first matches channels_last on transposed data, bias included', () => {
    const kernel = seededValues(2 * 2 * 3 * 2, 4), bias = seededValues(6, 5), x = seededValues(2 * 5 * 4 * 3, 6);
    const last = new layers.DepthwiseConv2D(2, { depthMultiplier: 2, padding: 'same' });
    const first = new layers.DepthwiseConv2D(2, { depthMultiplier: 2, padding: 'same', dataFormat: 'channels_first' });
    tidy(() => {
      const xl = tensor(x, [2, 5, 4, 3]);
      const xf = tensor(Float32Array.from(tf.transpose(tf.tensor(x, [2, 5, 4, 3]), [0, 3, 1, 2]).dataSync()), [2, 3, 5, 4]);
      last.apply(xl);
      first.apply(xf);
      for (const l of [last, first]) l.setWeights([tensor(kernel, [2, 2, 3, 2]), tensor(bias)]);
      const yl = last.apply(xl);
      const yf = first.apply(xf);
      expect(yf.shape).toEqual([2, 6, 5, 4]);
      expectClose(yf, tf.transpose(tf.tensor(yl.dataSync(), yl.shape), [0, 3, 1, 2]).dataSync(), 1e-5);
    });
    last.dispose(); first.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.DepthwiseConv2D([2, 3], { strides: [2, 1], padding: 'same', depthMultiplier: 2, activation: 'tanh', biasInitializer: 'ones' }), [2, 4, 3, 2]);
    gradcheckLayer(new layers.DepthwiseConv2D(2, { dataFormat: 'channels_first', dilationRate: 2 }), [1, 2, 4, 4]);
  });

  it('computes output shapes and parameter counts as Keras', () => {
    const out = (layer: layers.DepthwiseConv2D, shape: (number | null)[]) => layer.computeOutputShape([null, ...shape]);
    expect(out(new layers.DepthwiseConv2D(3), [28, 28, 8])).toEqual([null, 26, 26, 8]);
    expect(out(new layers.DepthwiseConv2D(3, { strides: 2, padding: 'same', depthMultiplier: 4 }), [28, null, 8])).toEqual([null, 14, null, 32]);
    expect(out(new layers.DepthwiseConv2D(3, { dataFormat: 'channels_first', depthMultiplier: 2 }), [5, 9, 9])).toEqual([null, 10, 7, 7]);
    const model = new Sequential([Input({ shape: [32, 32, 16] }), new layers.DepthwiseConv2D(3, { depthMultiplier: 2 })]);
    expect(model.outputShape).toEqual([null, 30, 30, 32]);
    expect(model.countParams()).toBe(3 * 3 * 16 * 2 + 32);
    model.dispose();
  });

  it('writes Keras 3 config keys and round-trips through them', () => {
    const layer = new layers.DepthwiseConv2D([3, 5], { strides: 2, padding: 'same', depthMultiplier: 2, name: 'dw', depthwiseRegularizer: 'l2' });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'dw', trainable: true, depth_multiplier: 2, kernel_size: [3, 5], strides: [2, 2], padding: 'same', data_format: 'channels_last',
      dilation_rate: [1, 1], activation: 'linear', use_bias: true,
      depthwise_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      bias_regularizer: null, activity_regularizer: null, depthwise_constraint: null, bias_constraint: null,
    });
    expect(config.depthwise_regularizer).not.toBeNull();
    expect(config).not.toHaveProperty('filters');
    const copy = deserializeLayer(serializeLayer(layer)) as layers.DepthwiseConv2D;
    expect(copy).toBeInstanceOf(layers.DepthwiseConv2D);
    expect(copy.getConfig()).toEqual(config);
    expect(new layers.DepthwiseConv2D({ kernelSize: 3 }).depthMultiplier).toBe(1);
  });

  it("raises Keras's errors at construction and on incompatible inputs", () => {
    expect(() => new layers.DepthwiseConv2D(3, { depthMultiplier: 0 })).toThrow(
      'Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0.');
    expect(() => new layers.DepthwiseConv2D([3, 3, 3])).toThrow('The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(3, 3, 3)');
    expect(() => new layers.DepthwiseConv2D(3, { padding: 'causal' as 'same' })).toThrow("The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal");
    expect(() => new layers.DepthwiseConv2D(5).apply(Input({ shape: [4, 4, 1] }))).toThrow(
      'Computed output size would be zero or negative. Received `inputs shape=(None, 4, 4, 1)`, `kernel shape=(5, 5, 1, 1)`');
    expect(() => new layers.DepthwiseConv2D(3).apply(Input({ shape: [8, 8] }))).toThrow('expected min_ndim=4, found ndim=3. Full shape received: (None, 8, 8)');
    const built = new layers.DepthwiseConv2D(3, { name: 'dw2' });
    built.apply(Input({ shape: [8, 8, 3] }));
    expect(() => built.apply(Input({ shape: [8, 8, 4] }))).toThrow(
      'Input 0 of layer "dw2" is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape (None, 8, 8, 4)');
  });

  it("takes Keras's arguments positionally or as options", () => {
    const positional = new layers.DepthwiseConv2D(3, 2, 'same', 4, 'channels_first', 1, 'relu', false);
    const options = new layers.DepthwiseConv2D({
      kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 4, dataFormat: 'channels_first', dilationRate: 1, activation: 'relu', useBias: false,
    });
    expect({ ...positional.getConfig(), name: null }).toEqual({ ...options.getConfig(), name: null });
    expect(positional.getConfig()).toMatchObject({ kernel_size: [3, 3], strides: [2, 2], padding: 'same', depth_multiplier: 4, data_format: 'channels_first', use_bias: false });
    expect(() => new layers.DepthwiseConv2D()).toThrow("DepthwiseConv2D missing required argument: 'kernelSize'.");
    expect(() => new layers.DepthwiseConv2D(3, { filters: 8 } as never)).toThrow("Unrecognized keyword arguments passed to DepthwiseConv2D: {'filters': 8}.");
    expect(() => new layers.DepthwiseConv2D(3, { depth_multiplier: 2 } as never)).toThrow(
      "Unrecognized keyword arguments passed to DepthwiseConv2D: {'depth_multiplier': 2}. Options take camelCase keys: did you mean 'depthMultiplier'?");
  });

  it('frees everything it allocates', () => {
    const before = memory().numTensors;
    const layer = new layers.DepthwiseConv2D(3, { activation: 'relu' });
    tidy(() => {
      layer.apply(tensor(new Float32Array(2 * 6 * 6 * 2), [2, 6, 6, 2]));
    });
    expect(memory().numTensors).toBe(before + 2);
    layer.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
