import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, memory, ops, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

describe('UpSampling1D/2D/3D', () => {
  it('UpSampling2D (nearest) matches tf.layers.upSampling2d in both data formats', () => {
    const cases = [
      [new layers.UpSampling2D(), tf.layers.upSampling2d({}), [2, 3, 2, 2]],
      [new layers.UpSampling2D({ size: [3, 1] }), tf.layers.upSampling2d({ size: [3, 1] }), [1, 2, 3, 3]],
      [new layers.UpSampling2D({ size: [2, 3], dataFormat: 'channels_first' }), tf.layers.upSampling2d({ size: [2, 3], dataFormat: 'channelsFirst' }), [2, 2, 2, 3]],
    ] as const;
    for (const [layer, oracle, shape] of cases) {
      const x = seededValues(size([...shape]), 2);
      const want = oracle.apply(tf.tensor(x, [...shape])) as tf.Tensor;
      tidy(() => {
        const y = layer.apply(tensor(x, [...shape]));
        expect(y.shape).toEqual(want.shape);
        expectClose(y, want.dataSync(), 0);
      });
    }
  });

  it("UpSampling2D (bilinear) matches TF's resize with half-pixel centres, as Keras 3", () => {
    const x = seededValues(2 * 3 * 4 * 2, 6);
    const want = tf.image.resizeBilinear(tf.tensor4d(x, [2, 3, 4, 2]), [6, 12], false, true);
    const wantFirst = tf.transpose(tf.image.resizeBilinear(tf.transpose(tf.tensor4d(x, [2, 2, 3, 4]), [0, 2, 3, 1]) as tf.Tensor4D, [9, 8], false, true), [0, 3, 1, 2]);
    tidy(() => {
      const y = new layers.UpSampling2D({ size: [2, 3], interpolation: 'bilinear' }).apply(tensor(x, [2, 3, 4, 2]));
      expect(y.shape).toEqual([2, 6, 12, 2]);
      expectClose(y, want.dataSync(), 1e-5);
      const z = new layers.UpSampling2D({ size: [3, 2], interpolation: 'bilinear', dataFormat: 'channels_first' }).apply(tensor(x, [2, 2, 3, 4]));
      expectClose(z, wantFirst.dataSync(), 1e-5);
      // Hand-computed: [0, 1] up-sampled by 2 samples 0.25 ↦ clamp(-0.25), 0.25, 0.75, 1.25 ↦ [0, 0.25, 0.75, 1].
      expectClose(new layers.UpSampling2D({ size: [1, 2], interpolation: 'bilinear' }).apply(tensor([0, 1], [1, 1, 2, 1])), [0, 0.25, 0.75, 1], 1e-6);
    });
  });

  it('UpSampling1D and UpSampling3D repeat entries (hand-computed and vs tf.tile/reshape)', () => {
    tidy(() => {
      const y = new layers.UpSampling1D({ size: 3 }).apply(tensor([[[1, 2], [3, 4]]]));
      expectClose(y, [1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4], 0);
      const v = seededValues(2 * 2 * 3 * 2 * 2, 7);
      const z = new layers.UpSampling3D({ size: [1, 2, 3] }).apply(tensor(v, [2, 2, 3, 2, 2]));
      expect(z.shape).toEqual([2, 2, 6, 6, 2]);
      const rep = (t: tf.Tensor, axis: number, k: number) => tf.concat(tf.unstack(t, axis).flatMap((s) => Array(k).fill(tf.expandDims(s, axis))), axis);
      expectClose(z, rep(rep(tf.tensor(v, [2, 2, 3, 2, 2]), 2, 2), 3, 3).dataSync(), 0);
      const c = new layers.UpSampling3D({ dataFormat: 'channels_first' }).apply(tensor(v, [2, 2, 3, 2, 2]));
      expectClose(c, rep(rep(rep(tf.tensor(v, [2, 2, 3, 2, 2]), 2, 2), 3, 2), 4, 2).dataSync(), 0);
    });
  });

  it('ops.repeat repeats entries along an axis, per-entry counts, or flattened', () => {
    tidy(() => {
      expectClose(ops.repeat(tensor([[1, 2], [3, 4]]), 2), [1, 1, 2, 2, 3, 3, 4, 4], 0);
      expectClose(ops.repeat(tensor([[1, 2], [3, 4]]), [1, 2], 0), [1, 2, 3, 4, 3, 4], 0);
      expect(ops.repeat(tensor([[1, 2], [3, 4]]), 3, -1).shape).toEqual([2, 6]);
      expect(() => ops.repeat(tensor([[1, 2]]), [1, 2, 3], 1)).toThrow("repeat: 'repeats' must be a non-negative integer or one per entry of axis 1 (2 entries)");
    });
  });

  it('infer symbolic output shapes (unknown sizes stay None)', () => {
    expect(new layers.UpSampling1D().apply(Input({ shape: [null, 4] })).shape).toEqual([null, null, 4]);
    expect(new layers.UpSampling2D({ size: [2, 3] }).apply(Input({ shape: [5, 6, 3] })).shape).toEqual([null, 10, 18, 3]);
    expect(new layers.UpSampling3D({ dataFormat: 'channels_first' }).apply(Input({ shape: [3, 4, null, 5] })).shape).toEqual([null, 3, 8, null, 10]);
  });

  it('have gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.UpSampling1D(), [2, 3, 2]);
    gradcheckLayer(new layers.UpSampling2D({ size: [2, 3] }), [1, 2, 2, 2]);
    gradcheckLayer(new layers.UpSampling2D({ size: [3, 2], interpolation: 'bilinear' }), [1, 3, 2, 2]);
    gradcheckLayer(new layers.UpSampling2D({ interpolation: 'bilinear', dataFormat: 'channels_first' }), [1, 2, 2, 3]);
    gradcheckLayer(new layers.UpSampling3D({ size: [2, 1, 2] }), [1, 2, 2, 2, 1]);
  });

  it("take the size (data format, interpolation) positionally or as options, and name an unknown option", () => {
    expect(new layers.UpSampling2D(3).apply(Input([4, 4, 1])).shape).toEqual([null, 12, 12, 1]);
    expectSameLayer(new layers.UpSampling2D(3), new layers.UpSampling2D({ size: 3 }));
    expectSameLayer(new layers.UpSampling2D([2, 3], 'channels_first', 'bilinear'), new layers.UpSampling2D({ size: [2, 3], dataFormat: 'channels_first', interpolation: 'bilinear' }));
    expectSameLayer(new layers.UpSampling1D(3), new layers.UpSampling1D({ size: 3 }));
    expectSameLayer(new layers.UpSampling3D([1, 2, 2]), new layers.UpSampling3D({ size: [1, 2, 2] }));
    expect(() => new layers.UpSampling2D(3, { padding: 'same' } as never)).toThrow("Unrecognized keyword arguments passed to UpSampling2D: {'padding': 'same'}");
  });

  it("write Keras's config and round-trip it, and leak nothing", () => {
    const layer = new layers.UpSampling2D({ name: 'up' });
    expect(layer.getConfig()).toEqual({ name: 'up', trainable: true, dtype: layer.getConfig().dtype, size: [2, 2], data_format: 'channels_last', interpolation: 'nearest' });
    expect(new layers.UpSampling1D().getConfig()).toMatchObject({ size: 2 });
    expect(new layers.UpSampling3D().getConfig()).toMatchObject({ size: [2, 2, 2], data_format: 'channels_last' });
    expectConfigRoundTrip(new layers.UpSampling1D({ size: 4 }));
    expectConfigRoundTrip(new layers.UpSampling2D({ size: [1, 3], interpolation: 'bilinear', dataFormat: 'channels_first' }));
    expectConfigRoundTrip(new layers.UpSampling3D({ size: 3 }));
    const before = memory().numTensors;
    tidy(() => { new layers.UpSampling2D({ interpolation: 'bilinear' }).apply(tensor(new Float32Array(8), [1, 2, 2, 2])); });
    expect(memory().numTensors).toBe(before);
  });

  it("reject bad arguments and inputs with Keras's messages", () => {
    expect(() => new layers.UpSampling1D({ size: 1.5 })).toThrow("Expected an integer value for `size`, got <class 'float'>.");
    expect(() => new layers.UpSampling1D({ size: 0 })).toThrow('Argument `size` should be a positive integer. Received: size=0');
    expect(() => new layers.UpSampling2D({ size: [2, 0] })).toThrow('The `size` argument must be a tuple of 2 integers. Received size=(2, 0), including values {0} that do not satisfy `value > 0`');
    expect(() => new layers.UpSampling2D({ interpolation: 'bicubic' as 'nearest' })).toThrow("Invalid value for argument `interpolation`. Expected of one ('bilinear', 'nearest'). Received: interpolation=bicubic");
    expect(() => new layers.UpSampling3D({ size: [2, 2] as unknown as number })).toThrow('The `size` argument must be a tuple of 3 integers. Received size=(2, 2)');
    expect(() => new layers.UpSampling2D().apply(Input({ shape: [3, 3] }))).toThrow('expected ndim=4, found ndim=3');
  });
});
