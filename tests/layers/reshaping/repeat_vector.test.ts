import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('RepeatVector', () => {
  it('repeats each sample n times like tfjs-layers', () => {
    const x = seededValues(2 * 3, 3);
    const want = (tf.layers.repeatVector({ n: 4 }).apply(tf.tensor(x, [2, 3])) as tf.Tensor).dataSync();
    tidy(() => {
      const y = new layers.RepeatVector(4).apply(tensor(x, [2, 3]));
      expect(y.shape).toEqual([2, 4, 3]);
      expectClose(y, want, 0);
    });
  });

  it('sums the gradient over the copies', () => gradcheckLayer(new layers.RepeatVector(3), [2, 4]));

  it("infers shapes, requires rank 2 and validates n with Keras's messages", () => {
    expect(new layers.RepeatVector(5).apply(Input({ shape: [7] })).shape).toEqual([null, 5, 7]);
    expect(() => new layers.RepeatVector(2, { name: 'rv' }).apply(Input({ shape: [2, 3] }))).toThrow('Input 0 of layer "rv" is incompatible with the layer: expected ndim=2, found ndim=3. Full shape received: (None, 2, 3)');
    expect(() => new layers.RepeatVector(0)).toThrow('Argument `n` should be a positive integer. Received: n=0');
    expect(() => new layers.RepeatVector(1.5)).toThrow(TypeError);
    expect(() => new layers.RepeatVector(1.5)).toThrow("Expected an integer value for `n`, got <class 'float'>.");
  });

  it('takes n positionally or as an option, and names an unknown option', () => {
    expectSameLayer(new layers.RepeatVector(3), new layers.RepeatVector({ n: 3 }));
    expect(() => new layers.RepeatVector(3, { times: 3 } as never)).toThrow("Unrecognized keyword arguments passed to RepeatVector: {'times': 3}");
  });

  it('round-trips its config and frees its output', () => {
    const layer = new layers.RepeatVector(3, { name: 'rep' });
    expect(layer.getConfig()).toMatchObject({ name: 'rep', n: 3 });
    expectConfigRoundTrip(layer);
    const before = memory().numTensors;
    tidy(() => {
      layer.apply(tensor([[1, 2]]));
    });
    expect(memory().numTensors).toBe(before);
  });
});
