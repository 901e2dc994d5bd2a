import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip, expectMatchesTfjs } from './common.js';
import { expectSameLayer } from '../same_layer.js';

describe('ThresholdedReLU', () => {
  it('matches tfjs-layers', () => {
    expectMatchesTfjs(new layers.ThresholdedReLU(), tf.layers.thresholdedReLU({}), [4, 5]);
    expectMatchesTfjs(new layers.ThresholdedReLU({ theta: 0.4 }), tf.layers.thresholdedReLU({ theta: 0.4 }), [2, 3, 4]);
    // x > theta keeps x; x == theta is zeroed.
    tidy(() => expectClose(new layers.ThresholdedReLU({ theta: 1 }).apply(tensor([-2, 0.5, 1, 1.01, 3])), [0, 0, 0, 1.01, 3]));
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.ThresholdedReLU({ theta: 0.6 }), [2, 3]); // seeded inputs [2, 3] stay > 0.04 away from every kink
  });

  it('round-trips its config and rejects bad thetas as tf.keras', () => {
    const layer = new layers.ThresholdedReLU({ theta: 0.75 });
    expect(layer.getConfig()).toMatchObject({ theta: 0.75 });
    expectConfigRoundTrip(layer);
    expect(() => new layers.ThresholdedReLU({ theta: -1 })).toThrow('The theta value of a Thresholded ReLU layer should be >=0. Received: -1');
    expect(() => new layers.ThresholdedReLU({ theta: null as never })).toThrow('Theta of a Thresholded ReLU layer cannot be None, expecting a float. Received: None');
  });

  it("takes theta positionally or as an option (tf.keras's signature), and names an unknown option", () => {
    expectSameLayer(new layers.ThresholdedReLU(0.5), new layers.ThresholdedReLU({ theta: 0.5 }));
    expect(() => new layers.ThresholdedReLU({ threshold: 0.5 } as never)).toThrow("Unrecognized keyword arguments passed to ThresholdedReLU: {'threshold': 0.5}");
  });
});
