import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../../ts/engine/registry.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

describe('Conv1D', () => {
  it.each([
    { padding: 'valid' as const },
    { padding: 'same' as const, strides: 2 },
    { padding: 'causal' as const },
    { padding: 'causal' as const, dilationRate: 2, activation: 'relu' },
  ])('matches tfjs-layers conv1d on the same weights (%j)', (options) => {
    const kernel = seededValues(3 * 2 * 4, 1), bias = seededValues(4, 2), x = seededValues(2 * 9 * 2, 3);
    // tfjs-layers has no 'causal' conv1d: the oracle is its 'valid' conv1d after padding the
    // start of the sequence with dilation · (kernelSize - 1) zeros, as Keras defines causal.
    const causal = options.padding === 'causal';
    const oracle = tf.layers.conv1d({ filters: 4, kernelSize: 3, ...options, padding: causal ? 'valid' : options.padding } as Parameters<typeof tf.layers.conv1d>[0]);
    const left = causal ? 2 * ('dilationRate' in options ? options.dilationRate! : 1) : 0;
    const xt = tf.pad(tf.tensor(x, [2, 9, 2]), [[0, 0], [left, 0], [0, 0]]);
    oracle.apply(tf.zeros(xt.shape));
    oracle.setWeights([tf.tensor(kernel, [3, 2, 4]), tf.tensor(bias, [4])]);
    const want = oracle.apply(xt) as tf.Tensor;
    const layer = new layers.Conv1D(4, 3, options);
    tidy(() => {
      layer.apply(tensor(new Float32Array(36), [2, 9, 2]));
      layer.setWeights([tensor(kernel, [3, 2, 4]), tensor(bias, [4])]);
      const y = layer.apply(tensor(x, [2, 9, 2]));
      expect(y.shape).toEqual(want.shape);
      expectClose(y, want.dataSync(), 1e-4);
    });
    layer.dispose();
  });

  it('causal padding: output t only sees inputs up to t', () => {
    const layer = new layers.Conv1D(1, 3, { padding: 'causal', useBias: false, kernelInitializer: 'ones' });
    tidy(() => expectClose(layer.apply(tensor([[[1], [2], [3], [4]]])), [1, 3, 6, 9]));
    const first = new layers.Conv1D(1, 2, { padding: 'causal', useBias: false, kernelInitializer: 'ones', dataFormat: 'channels_first' });
    tidy(() => expectClose(first.apply(tensor([[[1, 2, 3, 4]]])), [1, 3, 5, 7]));
    layer.dispose(); first.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.Conv1D(3, 3, { padding: 'causal', dilationRate: 2, activation: 'tanh' }), [2, 7, 2]);
    gradcheckLayer(new layers.Conv1D(2, 2, { strides: 2, padding: 'same', groups: 2 }), [1, 5, 4]);
  });

  it('computes output shapes, writes Keras config keys, and round-trips', () => {
    expect(new layers.Conv1D(8, 3, { padding: 'causal', strides: 2 }).computeOutputShape([null, 9, 4])).toEqual([null, 5, 8]);
    expect(new layers.Conv1D(8, 3).computeOutputShape([null, null, 4])).toEqual([null, null, 8]);
    const layer = new layers.Conv1D({ filters: 6, kernelSize: 5, padding: 'causal', dilationRate: 2 });
    const config = layer.getConfig();
    expect(config).toMatchObject({ filters: 6, kernel_size: [5], strides: [1], padding: 'causal', dilation_rate: [2], groups: 1, activation: 'linear' });
    expect((deserializeLayer(serializeLayer(layer)) as layers.Conv1D).getConfig()).toEqual(config);
  });

  it("raises Keras's errors", () => {
    expect(() => new layers.Conv1D(4, [3, 3])).toThrow('The `kernel_size` argument must be a tuple of 1 integers. Received kernel_size=(3, 3)');
    expect(() => new layers.Conv1D(4, 3, { padding: 'full' as 'same' })).toThrow(
      "The `padding` argument must be a list/tuple or one of {'valid', 'same', 'causal'}. Received: full");
    expect(() => new layers.Conv1D(4, 4).apply(Input({ shape: [3, 2] }))).toThrow(
      'Computed output size would be zero or negative. Received `inputs shape=(None, 3, 2)`, `kernel shape=(4, 2, 4)`, `dilation_rate=[1]`, `strides=(1,)`, `padding=valid`.');
  });
});
