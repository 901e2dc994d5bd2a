import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer } from '../../../ts/engine/registry.js';
import { expectClose } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';

// Values against tf.keras live in tests/layers/keras_fixtures.test.ts (locally_connected1d_*).
describe('LocallyConnected1D', () => {
  it('applies a different filter at each step', () => {
    // One channel, kernel 2, one filter: kernel (3 positions, 2 taps, 1 filter), bias (3, 1).
    const layer = new layers.LocallyConnected1D(1, 2);
    tidy(() => {
      const x = tensor([[[1], [2], [3], [4]]]);
      layer.apply(x);
      layer.setWeights([tensor([1, 0, 0, 1, 1, 1], [3, 2, 1]), tensor([0, 10, 100], [3, 1])]);
      expectClose(layer.apply(x), [1, 13, 107]);
    });
    layer.dispose();
  });

  it('stores the kernel in the shape of each implementation, as tf.keras', () => {
    const shapes = (implementation: 1 | 2 | 3, padding: 'valid' | 'same' = 'valid', dataFormat: 'channels_last' | 'channels_first' = 'channels_last') => {
      const layer = new layers.LocallyConnected1D(3, 3, { implementation, padding, dataFormat });
      layer.apply(Input({ shape: dataFormat === 'channels_last' ? [7, 2] : [2, 7] }));
      return layer.weights.map((w) => w.shape);
    };
    expect(shapes(1)).toEqual([[5, 6, 3], [5, 3]]);
    expect(shapes(2)).toEqual([[7, 2, 5, 3], [5, 3]]);
    expect(shapes(2, 'valid', 'channels_first')).toEqual([[2, 7, 3, 5], [5, 3]]);
    expect(shapes(3)).toEqual([[90], [5, 3]]);
    // 'same': 7 positions whose windows start one step early; the first and last lose a tap.
    expect(shapes(3, 'same')).toEqual([[(7 * 3 - 2) * 2 * 3], [7, 3]]);
  });

  it('has gradients that agree with finite differences in every implementation', () => {
    gradcheckLayer(new layers.LocallyConnected1D(2, 3, { strides: 2, activation: 'tanh' }), [2, 7, 2]);
    gradcheckLayer(new layers.LocallyConnected1D(2, 2, { implementation: 2, padding: 'same', dataFormat: 'channels_first' }), [2, 2, 5]);
    gradcheckLayer(new layers.LocallyConnected1D(2, 3, { implementation: 3, padding: 'same', strides: 2 }), [1, 6, 2]);
  });

  it("writes tf.keras's config keys and defaults and round-trips", () => {
    const layer = new layers.LocallyConnected1D(2, 3);
    const config = layer.getConfig();
    // The keys of tf_keras 2.21's LocallyConnected1D(2, 3).get_config().
    expect(Object.keys(config).sort()).toEqual([
      'activation', 'activity_regularizer', 'bias_constraint', 'bias_initializer', 'bias_regularizer', 'data_format', 'dtype', 'filters',
      'implementation', 'kernel_constraint', 'kernel_initializer', 'kernel_regularizer', 'kernel_size', 'name', 'padding', 'strides', 'trainable', 'use_bias',
    ]);
    expect(config).toMatchObject({
      filters: 2, kernel_size: [3], strides: [1], padding: 'valid', data_format: 'channels_last', activation: 'linear', use_bias: true,
      kernel_regularizer: null, activity_regularizer: null, implementation: 1,
    });
    expectConfigRoundTrip(new layers.LocallyConnected1D(4, 2, { implementation: 3, padding: 'same', strides: 2, activation: 'relu', kernelRegularizer: 'l2' }));
    // A config written by tf_keras itself.
    const fixture = JSON.parse(readFileSync(new URL('../../fixtures/layers/locally_connected1d_impl3_same.json', import.meta.url), 'utf8'));
    const rebuilt = deserializeLayer(fixture.layer) as layers.LocallyConnected1D;
    expect([rebuilt.implementation, rebuilt.padding, rebuilt.kernelSize, rebuilt.strides]).toEqual([3, 'same', [3], [2]]);
  });

  it("raises tf.keras's errors", () => {
    expect(() => new layers.LocallyConnected1D(2, 2, { padding: 'same' })).toThrow(
      'Invalid border mode for LocallyConnected1D (only "valid" is supported if implementation is 1): same');
    expect(() => new layers.LocallyConnected1D(2, 2, { implementation: 4 as 1 })).toThrow('Unrecognized implementation mode: 4.');
    expect(() => new layers.LocallyConnected1D(0, 2)).toThrow('Invalid value for argument `filters`');
    expect(() => new layers.LocallyConnected1D(2, [2, 2])).toThrow('The `kernel_size` argument must be a tuple of 1 integers');
    expect(() => new layers.LocallyConnected1D(2, 3, { name: 'lc' }).apply(Input({ shape: [2, 4] }))).toThrow(
      'One of the dimensions in the output is <= 0 due to downsampling in lc. Consider increasing the input size. ' +
      'Received input shape (None, 2, 4) which would produce output shape with a zero or negative value in a dimension.');
    expect(() => new layers.LocallyConnected1D(2, 3).apply(Input({ shape: [5, null] }))).toThrow(
      'Axis 2 of input should be fully-defined. Found shape: (None, 5, None)');
    expect(() => new layers.LocallyConnected1D(2, 3).apply(Input({ shape: [null, 3] }))).toThrow(
      'The spatial dimensions of the inputs to a LocallyConnected1D layer should be fully-defined');
    expect(() => new layers.LocallyConnected1D(2, 3).apply(Input({ shape: [5, 2, 2] }))).toThrow('expected ndim=3, found ndim=4');
  });

  it('frees what it allocates', () => {
    const before = memory().numTensors;
    for (const implementation of [1, 2, 3] as const) {
      const layer = new layers.LocallyConnected1D(2, 2, { implementation });
      tidy(() => {
        layer.apply(tensor(new Float32Array(2 * 5 * 3), [2, 5, 3]));
      });
      layer.dispose();
    }
    expect(memory().numTensors).toBe(before);
  });
});
