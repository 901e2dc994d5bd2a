import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

describe('Cropping1D/2D/3D', () => {
  it('Cropping2D matches tf.layers.cropping2D in both data formats', () => {
    const cases = [
      [new layers.Cropping2D({ cropping: 1 }), tf.layers.cropping2D({ cropping: 1 }), [2, 4, 5, 2]],
      [new layers.Cropping2D({ cropping: [[2, 0], [1, 2]] }), tf.layers.cropping2D({ cropping: [[2, 0], [1, 2]] }), [1, 5, 6, 3]],
      [new layers.Cropping2D({ cropping: [[0, 1], [2, 1]], dataFormat: 'channels_first' }), tf.layers.cropping2D({ cropping: [[0, 1], [2, 1]], dataFormat: 'channelsFirst' }), [2, 2, 4, 5]],
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

  it('Cropping1D and Cropping3D take the slices Keras takes (vs tf.slice)', () => {
    tidy(() => {
      const x = seededValues(2 * 6 * 3, 3);
      const y = new layers.Cropping1D({ cropping: [1, 2] }).apply(tensor(x, [2, 6, 3]));
      expectClose(y, tf.slice(tf.tensor(x, [2, 6, 3]), [0, 1, 0], [2, 3, 3]).dataSync(), 0);
      expect(new layers.Cropping1D().apply(tensor(x, [2, 6, 3])).shape).toEqual([2, 4, 3]);
      const v = seededValues(2 * 4 * 5 * 3 * 2, 4);
      const z = new layers.Cropping3D({ cropping: [[1, 0], [1, 2], 1] }).apply(tensor(v, [2, 4, 5, 3, 2]));
      expectClose(z, tf.slice(tf.tensor(v, [2, 4, 5, 3, 2]), [0, 1, 1, 1, 0], [2, 3, 2, 1, 2]).dataSync(), 0);
      const c = new layers.Cropping3D({ cropping: [0, 1, [2, 0]], dataFormat: 'channels_first' }).apply(tensor(v, [2, 2, 4, 5, 3]));
      expect(c.shape).toEqual([2, 2, 4, 3, 1]);
      expectClose(c, tf.slice(tf.tensor(v, [2, 2, 4, 5, 3]), [0, 0, 0, 1, 2], [2, 2, 4, 3, 1]).dataSync(), 0);
    });
  });

  it('infer symbolic output shapes (unknown sizes stay None)', () => {
    expect(new layers.Cropping1D().apply(Input({ shape: [null, 4] })).shape).toEqual([null, null, 4]);
    expect(new layers.Cropping2D({ cropping: [[1, 2], [3, 0]] }).apply(Input({ shape: [5, 6, 3] })).shape).toEqual([null, 2, 3, 3]);
    expect(new layers.Cropping3D({ dataFormat: 'channels_first' }).apply(Input({ shape: [3, 4, null, 5] })).shape).toEqual([null, 3, 2, null, 3]);
  });

  it('have gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.Cropping1D({ cropping: [1, 0] }), [2, 4, 2]);
    gradcheckLayer(new layers.Cropping2D({ cropping: [[1, 0], [0, 1]], dataFormat: 'channels_first' }), [1, 2, 3, 3]);
    gradcheckLayer(new layers.Cropping3D(), [1, 3, 3, 4, 1]);
  });

  it("take the cropping (and data format) positionally or as options, and name an unknown option", () => {
    expect(new layers.Cropping2D(2).apply(Input([8, 8, 1])).shape).toEqual([null, 4, 4, 1]);
    expectSameLayer(new layers.Cropping2D(2), new layers.Cropping2D({ cropping: 2 }));
    expectSameLayer(new layers.Cropping2D([[2, 2], [4, 4]], 'channels_first'), new layers.Cropping2D({ cropping: [[2, 2], [4, 4]], dataFormat: 'channels_first' }));
    expectSameLayer(new layers.Cropping1D([1, 3]), new layers.Cropping1D({ cropping: [1, 3] }));
    expectSameLayer(new layers.Cropping3D([1, 2, 2]), new layers.Cropping3D({ cropping: [1, 2, 2] }));
    expect(() => new layers.Cropping1D(1, { dataFormat: 'channels_last' } as never)).toThrow("Unrecognized keyword arguments passed to Cropping1D: {'dataFormat': 'channels_last'}");
  });

  it("write Keras's config and round-trip it", () => {
    const layer = new layers.Cropping2D({ name: 'crop' });
    expect(layer.getConfig()).toEqual({ name: 'crop', trainable: true, dtype: layer.getConfig().dtype, cropping: [[0, 0], [0, 0]], data_format: 'channels_last' });
    expect(new layers.Cropping1D().getConfig()).toMatchObject({ cropping: [1, 1] });
    expect(new layers.Cropping1D().getConfig()).not.toHaveProperty('data_format');
    expect(new layers.Cropping3D().getConfig()).toMatchObject({ cropping: [[1, 1], [1, 1], [1, 1]], data_format: 'channels_last' });
    expectConfigRoundTrip(new layers.Cropping1D({ cropping: [0, 3] }));
    expectConfigRoundTrip(new layers.Cropping2D({ cropping: [[1, 0], [0, 2]], dataFormat: 'channels_first' }));
    expectConfigRoundTrip(new layers.Cropping3D({ cropping: [[1, 0], 2, [0, 3]] }));
  });

  it("reject bad arguments and inputs with Keras's messages", () => {
    expect(() => new layers.Cropping1D({ cropping: [1] as unknown as number })).toThrow('The `cropping` argument must be a tuple of 2 integers. Received cropping=(1,)');
    expect(() => new layers.Cropping2D({ cropping: -1 })).toThrow('`cropping` cannot be negative. Received: cropping=-1.');
    expect(() => new layers.Cropping2D({ cropping: [1, 2, 3] as unknown as number })).toThrow('`cropping` should have two elements. Received: cropping=(1, 2, 3).');
    expect(() => new layers.Cropping3D({ cropping: [1, 2] as unknown as number })).toThrow('`cropping` should have 3 elements. Received: (1, 2).');
    expect(() => new layers.Cropping3D({ cropping: 'x' as unknown as number })).toThrow('`cropping` should be either an int, a tuple of 3 ints (symmetric_dim1_crop, symmetric_dim2_crop, symmetric_dim3_crop), or a tuple of 3 tuples of 2 ints ((left_dim1_crop, right_dim1_crop), (left_dim2_crop, right_dim2_crop), (left_dim3_crop, right_dim2_crop)). Received: x.');
    expect(() => new layers.Cropping1D({ cropping: [2, 2] }).apply(Input({ shape: [4, 3] }))).toThrow('`cropping` parameter of `Cropping1D` layer must be smaller than the input length. Received: input_shape=(None, 4, 3), cropping=(2, 2)');
    expect(() => new layers.Cropping2D({ cropping: [[2, 1], [0, 0]] }).apply(Input({ shape: [3, 5, 1] }))).toThrow('Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=(None, 3, 5, 1), cropping=((2, 1), (0, 0))');
    tidy(() => expect(() => new layers.Cropping3D().apply(tensor(new Float32Array(8), [1, 2, 2, 2, 1]))).toThrow('Received: inputs.shape=(1, 2, 2, 2, 1), cropping=((1, 1), (1, 1), (1, 1))'));
    expect(() => new layers.Cropping2D().apply(Input({ shape: [3, 3] }))).toThrow('expected ndim=4, found ndim=3');
  });
});
