import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip, expectMatchesTfjs } from './common.js';
import { expectSameLayer } from '../same_layer.js';

describe('ELU', () => {
  it('matches tfjs-layers for the default and another alpha', () => {
    expectMatchesTfjs(new layers.ELU(), tf.layers.elu({}), [4, 5]);
    // tfjs-layers' ELU supports only alpha = 1; other alphas are checked by hand below.
    expectMatchesTfjs(new layers.ELU(), tf.layers.elu({}), [2, 3, 4]);
    tidy(() => expectClose(new layers.ELU({ alpha: 2 }).apply(tensor([-1, 0, 1.5])), [2 * (Math.exp(-1) - 1), 0, 1.5]));
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.ELU({ alpha: 0.7 }), [2, 3]); // seeded inputs [2, 3] stay > 0.04 away from every kink
  });

  it('round-trips its config, alpha included', () => {
    const layer = new layers.ELU({ alpha: 0.3 });
    expect(layer.getConfig()).toMatchObject({ alpha: 0.3 });
    expectConfigRoundTrip(layer);
  });

  it('takes alpha positionally or as an option, and names an unknown option', () => {
    expectSameLayer(new layers.ELU(0.5), new layers.ELU({ alpha: 0.5 }));
    expect(() => new layers.ELU({ negativeSlope: 0.5 } as never)).toThrow("Unrecognized keyword arguments passed to ELU: {'negativeSlope': 0.5}");
  });
});
