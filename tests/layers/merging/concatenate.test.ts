import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, memory, tensor, tidy, type Tensor } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('Concatenate', () => {
  const a = seededValues(2 * 3 * 4, 1), b = seededValues(2 * 2 * 4, 2);

  it('joins along an axis like tfjs-layers, as a layer and in functional form', () => {
    const want = (tf.layers.concatenate({ axis: 1 }).apply([tf.tensor(a, [2, 3, 4]), tf.tensor(b, [2, 2, 4])]) as tf.Tensor).dataSync();
    tidy(() => {
      const xs = [tensor(a, [2, 3, 4]), tensor(b, [2, 2, 4])];
      const y = new layers.Concatenate({ axis: 1 }).apply(xs) as Tensor;
      expect(y.shape).toEqual([2, 5, 4]);
      expectClose(y, want, 0);
      expectClose(layers.concatenate(xs, 1), want, 0);
      expect(layers.concatenate([tensor(a, [2, 3, 4]), tensor(a, [2, 3, 4])]).shape).toEqual([2, 3, 8]);
    });
    gradcheck((x, y) => new layers.Concatenate({ axis: -2 }).apply([x!, y!]) as Tensor, [{ values: a, shape: [2, 3, 4] }, { values: b, shape: [2, 2, 4] }]);
  });

  it("infers shapes (unknown sizes stay unknown) and raises Keras's shape error", () => {
    expect(layers.concatenate([Input({ shape: [3] }), Input({ shape: [5] })]).shape).toEqual([null, 8]);
    expect(layers.concatenate([Input({ shape: [null, 2] }), Input({ shape: [4, 2] })], 1).shape).toEqual([null, null, 2]);
    expect(() => layers.concatenate([Input({ shape: [3, 2] }), Input({ shape: [4, 5] })])).toThrow(
      'A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[(None, 3, 2), (None, 4, 5)]');
    expect(() => layers.concatenate([Input({ shape: [3, 2] }), Input({ shape: [2] })])).toThrow('A `Concatenate` layer requires inputs with matching shapes');
    expect(() => new layers.Concatenate().apply(Input({ shape: [3] }))).toThrow('A `Concatenate` layer should be called on a list of at least 1 input. Received: input_shape=(None, 3)');
  });

  it("takes axis positionally or as an option, and concatenate(inputs, axis = -1, options) as keras.layers.concatenate", () => {
    expectSameLayer(new layers.Concatenate(1), new layers.Concatenate({ axis: 1 }));
    const [p, q] = [Input([2, 3]), Input([4, 3])];
    expect(layers.concatenate([p, q], 1).shape).toEqual([null, 6, 3]);
    const joined = layers.concatenate([p, q], { axis: 1, name: 'joined' });
    expect(joined.node!.operation.getConfig()).toMatchObject({ name: 'joined', axis: 1 });
    expect(() => new layers.Concatenate(1.5)).toThrow('Expected an integer value for `axis`. Received: axis=1.5');
    expect(() => layers.concatenate([p, q], 1, { axis: 1 })).toThrow("Concatenate got multiple values for argument 'axis'.");
    expect(() => layers.concatenate([p, q], { axes: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Concatenate: {'axes': 1}");
  });

  it("concatenates the inputs' masks as Keras (an unmasked input counts as all ones)", () => {
    // Keras 3.15.1: Concatenate(axis=1).compute_mask([a, b], [[[1, 1, 0], [1, 0, 0]], None]) with a (2, 3, 4), b (2, 2, 4)
    tidy(() => {
      const x = tensor(a, [2, 3, 4]);
      x.kerasMask = tensor([[1, 1, 0], [1, 0, 0]]);
      const y = new layers.Concatenate({ axis: 1 }).apply([x, tensor(b, [2, 2, 4])]) as Tensor;
      expect(y.kerasMask?.arraySync()).toEqual([[1, 1, 0, 1, 1], [1, 0, 0, 1, 1]]);
      expect((new layers.Concatenate().apply([tensor(a, [2, 3, 4]), tensor(a, [2, 3, 4])]) as Tensor).kerasMask).toBeNull();
    });
  });

  it('round-trips its config and frees its temporaries', () => {
    const layer = new layers.Concatenate({ axis: 1, name: 'cat' });
    expect(layer.getConfig()).toMatchObject({ name: 'cat', axis: 1 });
    expect(new layers.Concatenate().getConfig().axis).toBe(-1);
    expectConfigRoundTrip(layer);
    const before = memory().numTensors;
    tidy(() => {
      layer.apply([tensor([[1]]), tensor([[2]])]);
    });
    expect(memory().numTensors).toBe(before);
  });
});
