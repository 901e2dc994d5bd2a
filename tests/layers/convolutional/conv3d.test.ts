import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../../ts/engine/registry.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

describe('Conv3D', () => {
  it.each([
    { padding: 'valid' as const },
    { padding: 'same' as const, strides: [1, 2, 2], activation: 'relu' },
  ])('matches tfjs-layers conv3d on the same weights (%j)', (options) => {
    const xs = [2, 5, 6, 4, 2];
    const kernel = seededValues(2 * 3 * 2 * 2 * 3, 1), bias = seededValues(3, 2), x = seededValues(2 * 5 * 6 * 4 * 2, 3);
    const oracle = tf.layers.conv3d({ filters: 3, kernelSize: [2, 3, 2], ...options } as Parameters<typeof tf.layers.conv3d>[0]);
    oracle.apply(tf.zeros(xs));
    oracle.setWeights([tf.tensor(kernel, [2, 3, 2, 2, 3]), tf.tensor(bias, [3])]);
    const want = oracle.apply(tf.tensor(x, xs)) as tf.Tensor;
    const layer = new layers.Conv3D(3, [2, 3, 2], options);
    tidy(() => {
      layer.apply(tensor(new Float32Array(x.length), xs));
      layer.setWeights([tensor(kernel, [2, 3, 2, 2, 3]), tensor(bias, [3])]);
      const y = layer.apply(tensor(x, xs));
      expect(y.shape).toEqual(want.shape);
      expectClose(y, want.dataSync(), 1e-4);
    });
    layer.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.Conv3D(2, 2, { padding: 'same', activation: 'tanh' }), [1, 3, 3, 2, 2]);
    gradcheckLayer(new layers.Conv3D(2, [2, 1, 2], { dataFormat: 'channels_first' }), [1, 2, 3, 2, 3]);
  });

  it('computes output shapes, writes Keras config keys, and round-trips', () => {
    expect(new layers.Conv3D(8, 3, { padding: 'same', strides: 2 }).computeOutputShape([null, 9, null, 4, 1])).toEqual([null, 5, null, 2, 8]);
    expect(new layers.Conv3D(8, 3, { dataFormat: 'channels_first' }).computeOutputShape([4, 1, 9, 8, 7])).toEqual([4, 8, 7, 6, 5]);
    const layer = new layers.Conv3D(4, [1, 2, 3], { dilationRate: [1, 2, 1] });
    const config = layer.getConfig();
    expect(config).toMatchObject({ filters: 4, kernel_size: [1, 2, 3], strides: [1, 1, 1], dilation_rate: [1, 2, 1], padding: 'valid' });
    expect((deserializeLayer(serializeLayer(layer)) as layers.Conv3D).getConfig()).toEqual(config);
  });

  it("raises Keras's errors", () => {
    expect(() => new layers.Conv3D(4, 3, { padding: 'causal' as 'same' })).toThrow(
      "The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal");
    expect(() => new layers.Conv3D(4, 3).apply(Input({ shape: [4, 4, 4] }))).toThrow('expected min_ndim=5, found ndim=4');
    expect(() => new layers.Conv3D(4, [1, 1, 5]).apply(Input({ shape: [4, 4, 4, 1] }))).toThrow(
      'Computed output size would be zero or negative. Received `inputs shape=(None, 4, 4, 4, 1)`, `kernel shape=(1, 1, 5, 1, 4)`');
  });
});
