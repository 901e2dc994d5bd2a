import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

describe('ZeroPadding1D/2D/3D', () => {
  it('ZeroPadding2D matches tf.layers.zeroPadding2d in both data formats', () => {
    const cases = [
      [new layers.ZeroPadding2D(), tf.layers.zeroPadding2d(), [2, 3, 4, 2]],
      [new layers.ZeroPadding2D({ padding: [2, 1] }), tf.layers.zeroPadding2d({ padding: [2, 1] }), [1, 2, 3, 3]],
      [new layers.ZeroPadding2D({ padding: [[1, 0], [0, 2]], dataFormat: 'channels_first' }), tf.layers.zeroPadding2d({ padding: [[1, 0], [0, 2]], dataFormat: 'channelsFirst' }), [2, 2, 3, 2]],
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

  it("ZeroPadding1D and ZeroPadding3D match Keras's docstring and tf.pad", () => {
    tidy(() => {
      // keras.layers.ZeroPadding1D(padding=2) on np.arange(12).reshape(2, 2, 3), as in Keras's docs.
      const x = tensor(Float32Array.from({ length: 12 }, (_, i) => i), [2, 2, 3]);
      const y = new layers.ZeroPadding1D({ padding: 2 }).apply(x);
      expect(y.shape).toEqual([2, 6, 3]);
      expectClose(y, [0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 7, 8, 9, 10, 11, 0, 0, 0, 0, 0, 0], 0);
      expect(new layers.ZeroPadding1D({ padding: [0, 1], dataFormat: 'channels_first' }).apply(x).shape).toEqual([2, 2, 4]);
      const v = seededValues(2 * 2 * 3 * 2 * 2, 5);
      const want = tf.pad(tf.tensor(v, [2, 2, 3, 2, 2]), [[0, 0], [0, 0], [1, 1], [2, 0], [1, 2]]);
      const z = new layers.ZeroPadding3D({ padding: [1, [2, 0], [1, 2]], dataFormat: 'channels_first' }).apply(tensor(v, [2, 2, 3, 2, 2]));
      expect(z.shape).toEqual(want.shape);
      expectClose(z, want.dataSync(), 0);
      expect(new layers.ZeroPadding3D().apply(tensor(v, [2, 3, 2, 2, 2])).shape).toEqual([2, 5, 4, 4, 2]);
    });
  });

  it('infer symbolic output shapes (unknown sizes stay None)', () => {
    expect(new layers.ZeroPadding1D().apply(Input({ shape: [null, 4] })).shape).toEqual([null, null, 4]);
    expect(new layers.ZeroPadding2D({ padding: [[1, 2], [3, 4]] }).apply(Input({ shape: [5, 6, 3] })).shape).toEqual([null, 8, 13, 3]);
    expect(new layers.ZeroPadding3D({ padding: 2, dataFormat: 'channels_first' }).apply(Input({ shape: [3, 4, null, 1] })).shape).toEqual([null, 3, 8, null, 5]);
  });

  it('have gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.ZeroPadding1D({ padding: [1, 2] }), [2, 3, 2]);
    gradcheckLayer(new layers.ZeroPadding2D({ padding: [[1, 0], [2, 1]] }), [1, 2, 3, 2]);
    gradcheckLayer(new layers.ZeroPadding3D({ padding: 1, dataFormat: 'channels_first' }), [1, 1, 2, 2, 2]);
  });

  it("take the padding (and data format) positionally or as options, and name an unknown option", () => {
    expect(new layers.ZeroPadding2D(2).apply(Input([4, 4, 1])).shape).toEqual([null, 8, 8, 1]);
    expectSameLayer(new layers.ZeroPadding2D(2), new layers.ZeroPadding2D({ padding: 2 }));
    expectSameLayer(new layers.ZeroPadding2D([[1, 0], [2, 2]], 'channels_first'), new layers.ZeroPadding2D({ padding: [[1, 0], [2, 2]], dataFormat: 'channels_first' }));
    expectSameLayer(new layers.ZeroPadding1D([1, 3]), new layers.ZeroPadding1D({ padding: [1, 3] }));
    expectSameLayer(new layers.ZeroPadding3D(2, 'channels_first'), new layers.ZeroPadding3D({ padding: 2, dataFormat: 'channels_first' }));
    expect(() => new layers.ZeroPadding2D(2, { size: 2 } as never)).toThrow("Unrecognized keyword arguments passed to ZeroPadding2D: {'size': 2}");
  });

  it("write Keras's config and round-trip it", () => {
    const layer = new layers.ZeroPadding2D({ name: 'zp' });
    expect(layer.getConfig()).toEqual({ name: 'zp', trainable: true, dtype: layer.getConfig().dtype, padding: [[1, 1], [1, 1]], data_format: 'channels_last' });
    expect(new layers.ZeroPadding1D().getConfig()).toMatchObject({ padding: [1, 1], data_format: 'channels_last' });
    expect(new layers.ZeroPadding3D({ padding: [1, 2, 3] }).getConfig()).toMatchObject({ padding: [[1, 1], [2, 2], [3, 3]] });
    expectConfigRoundTrip(new layers.ZeroPadding1D({ padding: [0, 3], dataFormat: 'channels_first' }));
    expectConfigRoundTrip(new layers.ZeroPadding2D({ padding: [[1, 0], [0, 2]] }));
    expectConfigRoundTrip(new layers.ZeroPadding3D({ padding: [[1, 0], 2, [0, 3]], dataFormat: 'channels_first' }));
  });

  it("reject bad arguments and inputs with Keras's messages", () => {
    expect(() => new layers.ZeroPadding1D({ padding: [1, 2, 3] as unknown as [number, number] })).toThrow('The `padding` argument must be a tuple of 2 integers. Received padding=(1, 2, 3)');
    expect(() => new layers.ZeroPadding1D({ padding: -1 })).toThrow('including values {-1} that do not satisfy `value >= 0`');
    expect(() => new layers.ZeroPadding2D({ padding: [1, 2, 3] as unknown as [number, number] })).toThrow('`padding` should have two elements. Received: padding=(1, 2, 3).');
    expect(() => new layers.ZeroPadding2D({ padding: [[1, 2, 3], 1] as unknown as [number, number] })).toThrow('The `1st entry of padding` argument must be a tuple of 2 integers. Received 1st entry of padding=(1, 2, 3)');
    expect(() => new layers.ZeroPadding2D({ padding: 'same' as unknown as number })).toThrow('`padding` should be either an int, a tuple of 2 ints (symmetric_height_crop, symmetric_width_crop), or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), (left_crop, right_crop)). Received: padding=same.');
    expect(() => new layers.ZeroPadding3D({ padding: [1, 2] as unknown as number })).toThrow('`padding` should have 3 elements. Received: (1, 2).');
    expect(() => new layers.ZeroPadding3D({ padding: [1, [0, -2], 1] })).toThrow('The `2nd entry of padding` argument must be a tuple of 2 integers. Received 2nd entry of padding=(0, -2), including values {-2} that do not satisfy `value >= 0`');
    expect(() => new layers.ZeroPadding2D({ dataFormat: 'NHWC' as 'channels_last' })).toThrow("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nhwc");
    expect(() => new layers.ZeroPadding2D({ name: 'zp' }).apply(Input({ shape: [3, 3] }))).toThrow('expected ndim=4, found ndim=3');
  });
});
