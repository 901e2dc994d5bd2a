import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip, expectMatchesTfjs } from './common.js';
import { expectSameLayer } from '../same_layer.js';

describe('LeakyReLU', () => {
  it('matches tfjs-layers, and defaults to Keras 3\'s slope of 0.3', () => {
    expectMatchesTfjs(new layers.LeakyReLU(), tf.layers.leakyReLU({ alpha: 0.3 }), [4, 5]);
    expectMatchesTfjs(new layers.LeakyReLU({ negativeSlope: 0.05 }), tf.layers.leakyReLU({ alpha: 0.05 }), [2, 3, 4]);
    tidy(() => expectClose(new layers.LeakyReLU().apply(tensor([-2, -0.5, 0, 3])), [-0.6, -0.15, 0, 3]));
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.LeakyReLU({ negativeSlope: 0.2 }), [2, 3]); // seeded inputs [2, 3] stay > 0.04 away from every kink
  });

  it('round-trips its config, accepts the deprecated alpha, and rejects bad slopes as Keras', () => {
    const layer = new layers.LeakyReLU({ negativeSlope: 0.1 });
    expect(layer.getConfig()).toMatchObject({ negative_slope: 0.1 });
    expectConfigRoundTrip(layer);
    expect(new layers.LeakyReLU({ alpha: 0.25 }).negativeSlope).toBe(0.25);
    expect(() => new layers.LeakyReLU({ negativeSlope: -1 })).toThrow(
      'The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope=-1');
    expect(() => new layers.LeakyReLU({ negativeSlope: null as never })).toThrow('Received: negative_slope=None');
  });

  it('takes negativeSlope positionally or as an option, and names an unknown option', () => {
    expectSameLayer(new layers.LeakyReLU(0.1), new layers.LeakyReLU({ negativeSlope: 0.1 }));
    expect(() => new layers.LeakyReLU({ slope: 0.1 } as never)).toThrow("Unrecognized keyword arguments passed to LeakyReLU: {'slope': 0.1}");
  });
});
