import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, type Layer, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { expectConfigRoundTrip } from '../round_trip.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** Finite differences on distinct, well-separated inputs: no two cells of a window within the step. */
function gradcheckPooling(layer: Layer, shape: number[]): void {
  const n = size(shape);
  const r = seededValues(n, 17);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => r[a]! - r[b]! || a - b);
  const values = new Float32Array(n);
  order.forEach((i, rank) => { values[i] = (rank / n) * 4 - 2; });
  gradcheck((x) => layer.apply(x), [{ values, shape }]);
}

describe('MaxPooling1D/2D/3D', () => {
  it('match tfjs-layers, with Keras defaults (pool 2, strides = pool size)', () => {
    const cases = [
      [new layers.MaxPooling1D(), tf.layers.maxPooling1d({ poolSize: 2 }), [2, 9, 3]],
      [new layers.MaxPooling1D(3, { strides: 1, padding: 'same' }), tf.layers.maxPooling1d({ poolSize: 3, strides: 1, padding: 'same' }), [2, 7, 2]],
      [new layers.MaxPooling2D(), tf.layers.maxPooling2d({ poolSize: 2 }), [2, 7, 6, 3]],
      [new layers.MaxPooling2D({ poolSize: [3, 2], strides: [2, 1], padding: 'same' }), tf.layers.maxPooling2d({ poolSize: [3, 2], strides: [2, 1], padding: 'same' }), [1, 8, 5, 2]],
      [new layers.MaxPooling3D(), tf.layers.maxPooling3d({ poolSize: 2 }), [1, 4, 5, 4, 2]],
      [new layers.MaxPooling3D([2, 3, 2], { padding: 'same' }), tf.layers.maxPooling3d({ poolSize: [2, 3, 2], padding: 'same' }), [2, 3, 5, 4, 1]],
    ] as const;
    for (const [layer, oracle, shape] of cases) {
      const x = seededValues(size([...shape]), 3);
      const want = oracle.apply(tf.tensor(x, [...shape])) as tf.Tensor;
      tidy(() => {
        const y = layer.apply(tensor(x, [...shape]));
        expect(y.shape).toEqual(want.shape);
        expectClose(y, want.dataSync(), 1e-6);
      });
    }
  });

  it('pool channels_first inputs along the trailing axes', () => {
    const x = seededValues(2 * 3 * 6 * 4, 5);
    const want = tf.layers.maxPooling2d({ poolSize: 2, dataFormat: 'channelsFirst' }).apply(tf.tensor(x, [2, 3, 6, 4])) as tf.Tensor;
    tidy(() => {
      const y = new layers.MaxPooling2D({ dataFormat: 'channels_first' }).apply(tensor(x, [2, 3, 6, 4]));
      expect(y.shape).toEqual([2, 3, 3, 2]);
      expectClose(y, want.dataSync(), 1e-6);
    });
  });

  it('infer symbolic output shapes as Keras (unknown sizes stay None)', () => {
    expect(new layers.MaxPooling2D().apply(Input({ shape: [28, 28, 8] })).shape).toEqual([null, 14, 14, 8]);
    expect(new layers.MaxPooling2D(3, { strides: 2 }).apply(Input({ shape: [28, 28, 8] })).shape).toEqual([null, 13, 13, 8]);
    expect(new layers.MaxPooling1D(2, { padding: 'same' }).apply(Input({ shape: [7, 4] })).shape).toEqual([null, 4, 4]);
    expect(new layers.MaxPooling3D({ dataFormat: 'channels_first' }).apply(Input({ shape: [3, 4, null, 6] })).shape).toEqual([null, 3, 2, null, 3]);
  });

  it('have gradients that agree with finite differences', () => {
    gradcheckPooling(new layers.MaxPooling2D(2, { padding: 'same' }), [2, 5, 3, 2]);
    gradcheckPooling(new layers.MaxPool1D(3, { strides: 2 }), [1, 7, 2]);
    gradcheckPooling(new layers.MaxPooling3D(), [1, 2, 4, 3, 1]);
  });

  it("write Keras's config and round-trip it", () => {
    const layer = new layers.MaxPooling2D({ name: 'pool' });
    expect(layer.getConfig()).toEqual({
      name: 'pool', trainable: true, dtype: layer.getConfig().dtype, pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last',
    });
    expect(new layers.MaxPooling1D(3).getConfig()).toMatchObject({ pool_size: [3], strides: [3] });
    expectConfigRoundTrip(new layers.MaxPooling1D(3, { strides: 1, padding: 'same', dataFormat: 'channels_first' }));
    expectConfigRoundTrip(new layers.MaxPooling3D([1, 2, 3], { strides: [3, 2, 1] }));
  });

  it("reject bad arguments and inputs with Keras's messages", () => {
    expect(() => new layers.MaxPooling2D([2, 2, 2])).toThrow('The `pool_size` argument must be a tuple of 2 integers. Received pool_size=(2, 2, 2)');
    expect(() => new layers.MaxPooling1D(0)).toThrow('The `pool_size` argument must be a tuple of 1 integers. Received pool_size=0, including values {0} that do not satisfy `value > 0`');
    expect(() => new layers.MaxPooling2D(2, { strides: -1 })).toThrow('Received strides=-1, including values {-1} that do not satisfy `value >= 0`');
    expect(() => new layers.MaxPooling2D(2, { padding: 'causal' as 'same' })).toThrow("The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal");
    expect(() => new layers.MaxPooling2D({ dataFormat: 'NHWC' as 'channels_last' })).toThrow("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nhwc");
    expect(() => new layers.MaxPooling2D({ name: 'p' }).apply(Input({ shape: [3, 3] }))).toThrow(
      'Input 0 of layer "p" is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (None, 3, 3)');
    expect(() => new layers.MaxPooling2D(4).apply(Input({ shape: [3, 8, 1] }))).toThrow(
      'Computed output size would be zero or negative. Received: `inputs.shape=[None 3 8 1]`, `pool_size=[4 4]`, `strides=(4, 4)`, `padding=valid`.');
    expect(() => tidy(() => new layers.MaxPooling1D(4).apply(tensor(new Float32Array(6), [1, 3, 2])))).toThrow('Computed output size would be zero or negative.');
  });

  it("take Keras's arguments positionally or as options, with Keras's default pool size", () => {
    const positional = new layers.MaxPooling2D(3, 1, 'same', 'channels_first');
    const options = new layers.MaxPooling2D({ poolSize: 3, strides: 1, padding: 'same', dataFormat: 'channels_first' });
    expect({ ...positional.getConfig(), name: null }).toEqual({ ...options.getConfig(), name: null });
    expect(positional.getConfig()).toMatchObject({ pool_size: [3, 3], strides: [1, 1], padding: 'same', data_format: 'channels_first' });
    expect(new layers.MaxPool2D(3).getConfig()).toEqual({ ...new layers.MaxPooling2D({ poolSize: 3 }).getConfig(), name: expect.any(String) as string });
    expect(new layers.MaxPooling1D(2, null, 'valid', null, 'pool').name).toBe('pool');
    expect(() => new layers.MaxPooling1D(2, 2, 'valid', null, 'pool', 'extra' as never)).toThrow('MaxPooling1D takes at most 5 positional arguments');
    expect(() => new layers.MaxPooling2D({ poolsize: 3 } as never)).toThrow("Unrecognized keyword arguments passed to MaxPooling2D: {'poolsize': 3}.");
  });

  it('free everything they allocate', () => {
    const before = memory().numTensors;
    tidy(() => {
      new layers.MaxPooling2D().apply(tensor(new Float32Array(32), [2, 4, 4, 1]));
    });
    expect(memory().numTensors).toBe(before);
  });
});
