import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';

describe('UnitNormalization', () => {
  it('scales each sample to unit L2 norm over axis (vs tf.norm)', () => {
    const x = seededValues(2 * 3 * 4, 1, -2, 2);
    const t = tf.tensor(x, [2, 3, 4]);
    tidy(() => {
      expectClose(new layers.UnitNormalization().apply(tensor(x, [2, 3, 4])), tf.div(t, tf.norm(t, 'euclidean', -1, true)).dataSync(), 1e-5);
      expectClose(new layers.UnitNormalization({ axis: [1, 2] }).apply(tensor(x, [2, 3, 4])), tf.div(t, tf.norm(t, 'euclidean', [1, 2], true)).dataSync(), 1e-5);
      // Keras's example: [[3, 4]] → [[0.6, 0.8]]; zero vectors stay zero.
      expectClose(new layers.UnitNormalization().apply(tensor([[3, 4], [0, 0]])), [0.6, 0.8, 0, 0], 1e-6);
    });
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.UnitNormalization(), [2, 4]);
    gradcheckLayer(new layers.UnitNormalization({ axis: [1, 2] }), [2, 2, 3]);
  });

  it("takes Keras's arguments positionally or as options", () => {
    expect(new layers.UnitNormalization([1, 2]).axis).toEqual([1, 2]);
    expect({ ...new layers.UnitNormalization([1, 2]).getConfig(), name: null }).toEqual({ ...new layers.UnitNormalization({ axis: [1, 2] }).getConfig(), name: null });
    expect(() => new layers.UnitNormalization({ order: 2 } as never)).toThrow("Unrecognized keyword arguments passed to UnitNormalization: {'order': 2}.");
  });

  it("writes Keras's config, round-trips it, and rejects bad axes", () => {
    expect(new layers.UnitNormalization({ name: 'u' }).getConfig()).toEqual({ name: 'u', trainable: true, dtype: new layers.UnitNormalization().getConfig().dtype, axis: -1 });
    expectConfigRoundTrip(new layers.UnitNormalization({ axis: [1, 2] }));
    expect(() => new layers.UnitNormalization({ axis: 1.5 })).toThrow("Expected an integer or a list of integers for `axis`. Received: axis=1.5");
    expect(() => new layers.UnitNormalization({ axis: 2 }).apply(Input({ shape: [3] }))).toThrow('Axis 2 is out of bounds for input shape (None, 3).');
  });
});
