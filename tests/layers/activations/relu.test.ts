import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip, expectMatchesTfjs } from './common.js';
import { expectSameLayer } from '../same_layer.js';

describe('ReLU', () => {
  it('matches tfjs-layers (default and maxValue)', () => {
    expectMatchesTfjs(new layers.ReLU(), tf.layers.reLU({}), [4, 6]);
    expectMatchesTfjs(new layers.ReLU({ maxValue: 1.5 }), tf.layers.reLU({ maxValue: 1.5 }), [2, 3, 4]);
  });

  it('computes Keras\'s general form (keras relu_test values)', () => {
    const x = tensor([-10, -5, 0, 1, 2, 5, 10]);
    tidy(() => {
      expectClose(new layers.ReLU({ maxValue: 6 }).apply(x), [0, 0, 0, 1, 2, 5, 6]);
      expectClose(new layers.ReLU({ negativeSlope: 0.5 }).apply(x), [-5, -2.5, 0, 1, 2, 5, 10]);
      expectClose(new layers.ReLU({ threshold: 1.5 }).apply(x), [0, 0, 0, 0, 2, 5, 10]);
      // Below the threshold: 0.1 * (x - 2); above: x, clipped at 8.
      expectClose(new layers.ReLU({ negativeSlope: 0.1, threshold: 2, maxValue: 8 }).apply(x), [-1.2, -0.7, -0.2, -0.1, 0, 5, 8]);
    });
    x.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.ReLU(), [2, 3]); // seeded inputs [2, 3] stay > 0.04 away from every kink
    gradcheckLayer(new layers.ReLU({ negativeSlope: 0.2, threshold: 0.25, maxValue: 1 }), [2, 3]);
  });

  it('round-trips its Keras config and keeps symbolic shapes and masks', () => {
    const layer = new layers.ReLU({ maxValue: 6, negativeSlope: 0.1, threshold: 0.5 });
    expect(layer.getConfig()).toMatchObject({ max_value: 6, negative_slope: 0.1, threshold: 0.5 });
    expect(new layers.ReLU().getConfig()).toMatchObject({ max_value: null, negative_slope: 0, threshold: 0 });
    expectConfigRoundTrip(layer);
    expect(layer.apply(Input({ shape: [5, 3] })).shape).toEqual([null, 5, 3]);
    expect(layer.supportsMasking).toBe(true);
  });

  it('rejects negative arguments with Keras\'s messages', () => {
    expect(() => new layers.ReLU({ maxValue: -1 })).toThrow('max_value of a ReLU layer cannot be a negative value. Received: max_value=-1');
    expect(() => new layers.ReLU({ negativeSlope: -0.5 })).toThrow('negative_slope of a ReLU layer cannot be None or a negative value. Received: negative_slope=-0.5');
    expect(() => new layers.ReLU({ negativeSlope: null as never })).toThrow('negative_slope of a ReLU layer cannot be None or a negative value. Received: negative_slope=None');
    expect(() => new layers.ReLU({ threshold: -1 })).toThrow('threshold of a ReLU layer cannot be None or a negative value. Received: threshold=-1');
  });

  it("takes maxValue, negativeSlope and threshold in Keras's order or as options, and names an unknown option", () => {
    expectSameLayer(new layers.ReLU(6, 0.1, 0.5), new layers.ReLU({ maxValue: 6, negativeSlope: 0.1, threshold: 0.5 }));
    expectSameLayer(new layers.ReLU(6), new layers.ReLU({ maxValue: 6 }));
    expect(() => new layers.ReLU({ max_value: 6 } as never)).toThrow("Unrecognized keyword arguments passed to ReLU: {'max_value': 6}. Options take camelCase keys: did you mean 'maxValue'?");
  });
});
