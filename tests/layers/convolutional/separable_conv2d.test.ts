import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../../ts/engine/registry.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

describe('SeparableConv2D', () => {
  it.each([
    [{ padding: 'same' as const }, [2, 7, 6, 3]],
    [{ strides: 2, depthMultiplier: 2, activation: 'relu' }, [2, 7, 6, 3]],
    [{ strides: [1, 2], padding: 'same' as const, depthMultiplier: 3, activation: 'tanh' }, [1, 5, 8, 3]],
  ])('matches tfjs-layers separableConv2d on the same weights (%j)', (options, xs) => {
    const dm = (options as { depthMultiplier?: number }).depthMultiplier ?? 1;
    const depthwise = seededValues(3 * 3 * 3 * dm, 1), pointwise = seededValues(3 * dm * 4, 2), bias = seededValues(4, 3), x = seededValues(size(xs), 4);
    const oracle = tf.layers.separableConv2d({ filters: 4, kernelSize: 3, ...options } as Parameters<typeof tf.layers.separableConv2d>[0]);
    oracle.apply(tf.zeros(xs));
    oracle.setWeights([tf.tensor(depthwise, [3, 3, 3, dm]), tf.tensor(pointwise, [1, 1, 3 * dm, 4]), tf.tensor(bias, [4])]);
    const want = oracle.apply(tf.tensor(x, xs)) as tf.Tensor;
    // tf.separableConv2d, the op, agrees with the layer.
    const op = tf.separableConv2d(tf.tensor4d(x, xs as [number, number, number, number]), tf.tensor4d(depthwise, [3, 3, 3, dm]), tf.tensor4d(pointwise, [1, 1, 3 * dm, 4]),
      (options as { strides?: number | [number, number] }).strides ?? 1, 'padding' in options ? options.padding : 'valid');
    expect(op.shape).toEqual(want.shape);
    const layer = new layers.SeparableConv2D(4, 3, options);
    tidy(() => {
      layer.apply(tensor(x, xs));
      expect(layer.depthwiseKernel!.shape).toEqual([3, 3, 3, dm]);
      expect(layer.pointwiseKernel!.shape).toEqual([1, 1, 3 * dm, 4]);
      expect(layer.weights.map((w) => w.path)).toEqual([`${layer.name}/depthwise_kernel`, `${layer.name}/pointwise_kernel`, `${layer.name}/bias`]);
      layer.setWeights([tensor(depthwise, [3, 3, 3, dm]), tensor(pointwise, [1, 1, 3 * dm, 4]), tensor(bias, [4])]);
      const y = layer.apply(tensor(x, xs));
      expect(y.shape).toEqual(want.shape);
      expectClose(y, want.dataSync(), 1e-4);
    });
    layer.dispose();
  });

  it('channels_first matches channels_last on transposed data, bias included', () => {
    const dw = seededValues(2 * 2 * 3 * 2, 4), pw = seededValues(6 * 2, 5), bias = [0.5, -1], x = seededValues(2 * 5 * 4 * 3, 6);
    const last = new layers.SeparableConv2D(2, 2, { depthMultiplier: 2, strides: 2, padding: 'same' });
    const first = new layers.SeparableConv2D(2, 2, { depthMultiplier: 2, strides: 2, padding: 'same', dataFormat: 'channels_first' });
    tidy(() => {
      const xl = tensor(x, [2, 5, 4, 3]);
      const xf = tensor(Float32Array.from(tf.transpose(tf.tensor(x, [2, 5, 4, 3]), [0, 3, 1, 2]).dataSync()), [2, 3, 5, 4]);
      last.apply(xl);
      first.apply(xf);
      for (const l of [last, first]) l.setWeights([tensor(dw, [2, 2, 3, 2]), tensor(pw, [1, 1, 6, 2]), tensor(bias)]);
      const yl = last.apply(xl);
      const yf = first.apply(xf);
      expect(yf.shape).toEqual([2, 2, 3, 2]);
      expectClose(yf, tf.transpose(tf.tensor(yl.dataSync(), yl.shape), [0, 3, 1, 2]).dataSync(), 1e-5);
    });
    last.dispose(); first.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.SeparableConv2D(3, [2, 3], { strides: [2, 1], padding: 'same', depthMultiplier: 2, activation: 'tanh', biasInitializer: 'ones' }), [2, 4, 3, 2]);
    gradcheckLayer(new layers.SeparableConv2D(2, 2, { dataFormat: 'channels_first', dilationRate: 2 }), [1, 2, 4, 4]);
  });

  it('computes output shapes and parameter counts as Keras', () => {
    expect(new layers.SeparableConv2D(8, 3, { strides: 2, padding: 'same' }).computeOutputShape([null, 28, null, 3])).toEqual([null, 14, null, 8]);
    const model = new Sequential([Input({ shape: [32, 32, 16] }), new layers.SeparableConv2D(64, 3, { depthMultiplier: 2 })]);
    expect(model.outputShape).toEqual([null, 30, 30, 64]);
    expect(model.countParams()).toBe(3 * 3 * 16 * 2 + 32 * 64 + 64);
    model.dispose();
  });

  it('writes Keras 3 config keys and round-trips through them', () => {
    const layer = new layers.SeparableConv2D(16, [3, 5], { strides: 2, padding: 'same', depthMultiplier: 2, name: 'sep', pointwiseRegularizer: 'l2', activation: 'relu' });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'sep', trainable: true, depth_multiplier: 2, filters: 16, kernel_size: [3, 5], strides: [2, 2], padding: 'same', data_format: 'channels_last',
      dilation_rate: [1, 1], activation: 'relu', use_bias: true,
      depthwise_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      pointwise_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      depthwise_regularizer: null, bias_regularizer: null, activity_regularizer: null, depthwise_constraint: null, pointwise_constraint: null, bias_constraint: null,
    });
    expect(config.pointwise_regularizer).not.toBeNull();
    const copy = deserializeLayer(serializeLayer(layer)) as layers.SeparableConv2D;
    expect(copy).toBeInstanceOf(layers.SeparableConv2D);
    expect(copy.getConfig()).toEqual(config);
  });

  it("raises Keras's errors at construction and on incompatible inputs", () => {
    expect(() => new layers.SeparableConv2D(0, 3)).toThrow('Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.');
    expect(() => new layers.SeparableConv2D(4, 3, { depthMultiplier: 0 })).toThrow(
      'Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0.');
    expect(() => new layers.SeparableConv2D(4, [3, 3, 3])).toThrow('The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(3, 3, 3)');
    expect(() => new layers.SeparableConv2D(4, 5).apply(Input({ shape: [4, 4, 1] }))).toThrow('Computed output size would be zero or negative.');
    const built = new layers.SeparableConv2D(2, 3, { name: 'sep2' });
    built.apply(Input({ shape: [8, 8, 3] }));
    expect(() => built.apply(Input({ shape: [8, 8, 4] }))).toThrow(
      'Input 0 of layer "sep2" is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape (None, 8, 8, 4)');
  });

  it("takes Keras's arguments positionally or as options", () => {
    const positional = new layers.SeparableConv2D(8, 3, 2, 'same', 'channels_first', 1, 2, 'relu', false);
    const options = new layers.SeparableConv2D({
      filters: 8, kernelSize: 3, strides: 2, padding: 'same', dataFormat: 'channels_first', dilationRate: 1, depthMultiplier: 2, activation: 'relu', useBias: false,
    });
    expect({ ...positional.getConfig(), name: null }).toEqual({ ...options.getConfig(), name: null });
    expect(positional.getConfig()).toMatchObject({ filters: 8, kernel_size: [3, 3], strides: [2, 2], data_format: 'channels_first', depth_multiplier: 2, use_bias: false });
    expect(() => new layers.SeparableConv2D(8)).toThrow("SeparableConv2D missing required argument: 'kernelSize'.");
    expect(() => new layers.SeparableConv2D(8, 3, { groups: 2 } as never)).toThrow("Unrecognized keyword arguments passed to SeparableConv2D: {'groups': 2}.");
  });

  it('frees everything it allocates', () => {
    const before = memory().numTensors;
    const layer = new layers.SeparableConv2D(4, 3, { activation: 'relu' });
    tidy(() => {
      layer.apply(tensor(new Float32Array(2 * 6 * 6 * 2), [2, 6, 6, 2]));
    });
    expect(memory().numTensors).toBe(before + 3);
    layer.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
