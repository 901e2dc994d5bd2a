import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { expectClose } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('Masking', () => {
  const x = [
    [[1, 2], [0, 0], [3, 0]],
    [[0, 0], [-1, 5], [0, 0]],
  ];

  it('zeroes and masks the timesteps whose features all equal maskValue, as tfjs-layers', () => {
    const want = (tf.layers.masking({ maskValue: 0 }).apply(tf.tensor(x)) as tf.Tensor).dataSync();
    const layer = new layers.Masking();
    tidy(() => {
      const y = layer.apply(tensor(x));
      expectClose(y, want, 0);
      expect(y.kerasMask!.shape).toEqual([2, 3]);
      expectClose(y.kerasMask!, [1, 0, 1, 0, 1, 0], 0);
    });
  });

  it('uses a non-zero maskValue', () => {
    const layer = new layers.Masking({ maskValue: 3 });
    tidy(() => {
      const y = layer.apply(tensor([[[3, 3], [3, 1]]]));
      expectClose(y, [0, 0, 3, 1], 0);
      expectClose(y.kerasMask!, [0, 1], 0);
    });
  });

  it('passes gradients through the kept timesteps', () => gradcheckLayer(new layers.Masking({ maskValue: 0.25 }), [2, 3, 4]));

  it('keeps the shape symbolically and round-trips its config', () => {
    const layer = new layers.Masking({ maskValue: -1, name: 'mask' });
    expect(layer.apply(Input({ shape: [5, 3] })).shape).toEqual([null, 5, 3]);
    expect(layer.getConfig()).toMatchObject({ name: 'mask', mask_value: -1 });
    expectConfigRoundTrip(layer);
    expect(new layers.Masking().getConfig().mask_value).toBe(0);
  });

  it('takes maskValue positionally or as an option, and names an unknown option', () => {
    expectSameLayer(new layers.Masking(3), new layers.Masking({ maskValue: 3 }));
    expect(() => new layers.Masking({ value: 3 } as never)).toThrow("Unrecognized keyword arguments passed to Masking: {'value': 3}");
    expect(() => new layers.Masking('x' as never)).toThrow("Masking: `mask_value` must be a number. Received: mask_value='x'");
  });

  it('frees everything it allocates', () => {
    const before = memory().numTensors;
    tidy(() => {
      new layers.Masking().apply(tensor(x));
    });
    expect(memory().numTensors).toBe(before);
  });
});
