import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('Permute', () => {
  it('permutes the non-batch axes (1-based) like tfjs-layers', () => {
    const x = seededValues(2 * 3 * 4 * 5, 5);
    const want = (tf.layers.permute({ dims: [3, 1, 2] }).apply(tf.tensor(x, [2, 3, 4, 5])) as tf.Tensor).dataSync();
    tidy(() => {
      const y = new layers.Permute([3, 1, 2]).apply(tensor(x, [2, 3, 4, 5]));
      expect(y.shape).toEqual([2, 5, 3, 4]);
      expectClose(y, want, 0);
    });
    gradcheckLayer(new layers.Permute([2, 1]), [2, 3, 4]);
  });

  it("infers shapes and reports bad dims and ranks with Keras's messages", () => {
    expect(new layers.Permute([2, 1]).apply(Input({ shape: [10, 64] })).shape).toEqual([null, 64, 10]);
    expect(() => new layers.Permute([0, 1])).toThrow(
      'Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. Received dims=(0, 1)');
    expect(() => new layers.Permute([2, 1], { name: 'p' }).apply(Input({ shape: [3] }))).toThrow('Input 0 of layer "p" is incompatible with the layer: expected ndim=3, found ndim=2. Full shape received: (None, 3)');
  });

  it('takes dims positionally or as an option, and names an unknown option', () => {
    expectSameLayer(new layers.Permute([2, 1]), new layers.Permute({ dims: [2, 1] }));
    expect(() => new layers.Permute({})).toThrow("Permute missing required argument: 'dims'.");
    expect(() => new layers.Permute([2, 1], { axes: [2, 1] } as never)).toThrow("Unrecognized keyword arguments passed to Permute: {'axes': [2, 1]}");
  });

  it('round-trips its config and frees its output', () => {
    const layer = new layers.Permute([2, 1], { name: 'perm' });
    expect(layer.getConfig()).toMatchObject({ name: 'perm', dims: [2, 1] });
    expectConfigRoundTrip(layer);
    const before = memory().numTensors;
    tidy(() => {
      layer.apply(tensor([[[1, 2]]]));
    });
    expect(memory().numTensors).toBe(before);
  });
});
