import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip, expectMatchesTfjs } from './common.js';
import { expectSameLayer } from '../same_layer.js';

describe('Softmax', () => {
  it('matches tfjs along the last and another axis', () => {
    expectMatchesTfjs(new layers.Softmax(), tf.layers.softmax({}), [4, 5]);
    // tfjs-layers' Softmax only takes the last axis; move axis 1 last for it and back.
    const values = seededValues(24, 8, -3, 3);
    const want = tf.tidy(() => tf.softmax(tf.tensor(values, [2, 3, 4]).transpose([0, 2, 1])).transpose([0, 2, 1]).dataSync());
    tidy(() => expectClose(new layers.Softmax({ axis: 1 }).apply(tensor(values, [2, 3, 4])), want, 1e-6));
  });

  it('normalises over several axes together', () => {
    const values = seededValues(24, 5, -2, 2);
    // Reference: for each (batch) slice of 3 x 4 values, exp / sum(exp) in float64.
    const want = Array.from({ length: 24 }, (_, i) => {
      const b = Math.floor(i / 12);
      const slice = Array.from(values.slice(b * 12, b * 12 + 12));
      return Math.exp(values[i]!) / slice.reduce((s, v) => s + Math.exp(v), 0);
    });
    tidy(() => expectClose(new layers.Softmax({ axis: [1, 2] }).apply(tensor(values, [2, 3, 4])), want, 1e-6));
    tidy(() => expectClose(new layers.Softmax({ axis: [-1] }).apply(tensor([[1, 2, 3]])), [0.09003057, 0.24472847, 0.66524096], 1e-6));
  });

  it('ignores masked positions, and gives zeros for a fully masked row (Keras 3)', () => {
    const layer = new layers.Softmax();
    tidy(() => {
      const x = tensor([[1, 2, 3], [4, 5, 6], [0.5, 0.5, 7]]);
      const mask = tensor([[1, 1, 0], [0, 0, 0], [1, 0, 1]]);
      const e = Math.exp(6.5);
      expectClose(layer.apply(x, { mask }), [0.26894142, 0.73105858, 0, 0, 0, 0, 1 / (1 + e), 0, e / (1 + e)], 1e-6);
      // A mask that broadcasts (one row for every sample).
      expectClose(layer.apply(x, { mask: tensor([[1, 1, 0]]) }).dataSync().slice(0, 3), [0.26894142, 0.73105858, 0], 1e-6);
    });
    const mask = tensor([[1, 0, 1], [1, 1, 0]]);
    gradcheck((t) => layer.apply(t, { mask }), [{ values: [0.3, -1.1, 0.8, 1.2, -0.4, 2], shape: [2, 3] }]);
    mask.dispose();
  });

  it('rejects masks that do not broadcast, with Keras\'s messages', () => {
    const layer = new layers.Softmax();
    tidy(() => {
      const x = tensor(new Float32Array(6), [2, 3]);
      expect(() => layer.apply(x, { mask: tensor(new Float32Array(12), [2, 2, 3]) })).toThrow(
        'The `mask` must be broadcastable to `inputs` and must not have more dimensions. Received: inputs.shape=(2, 3), mask.shape=(2, 2, 3)');
      expect(() => layer.apply(x, { mask: tensor(new Float32Array(4), [2, 2]) })).toThrow(
        'The `mask` must be broadcastable to `inputs`. Each mask dimension must be 1 or match the corresponding input dimension. Received: inputs.shape=(2, 3), mask.shape=(2, 2)');
    });
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.Softmax(), [3, 4]);
    gradcheckLayer(new layers.Softmax({ axis: [1, 2] }), [2, 2, 3]);
  });

  it('round-trips its config and keeps symbolic shapes', () => {
    expect(new layers.Softmax().getConfig()).toMatchObject({ axis: -1 });
    expectConfigRoundTrip(new layers.Softmax({ axis: [1, 2] }));
    expectConfigRoundTrip(new layers.Softmax({ axis: 1 }));
    expect(new layers.Softmax().apply(Input({ shape: [4, 7] })).shape).toEqual([null, 4, 7]);
    expect(() => new layers.Softmax({ axis: 1.5 })).toThrow('Expected an integer or a list of integers for `axis`. Received: axis=1.5');
  });

  it('takes axis positionally or as an option, and names an unknown option', () => {
    expectSameLayer(new layers.Softmax([1, 2]), new layers.Softmax({ axis: [1, 2] }));
    expect(() => new layers.Softmax({ axes: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Softmax: {'axes': 1}");
  });
});
