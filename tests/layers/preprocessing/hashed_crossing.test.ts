import { describe, expect, it } from 'vitest';
import { Input, Model, type Tensor, layers, tensor, tidy } from '../../../ts/index.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('HashedCrossing', () => {
  it("takes Keras's arguments positionally or as options and writes Keras's config", () => {
    expectSameLayer(new layers.HashedCrossing(5, 'one_hot'), new layers.HashedCrossing({ numBins: 5, outputMode: 'one_hot' }));
    expect(new layers.HashedCrossing(5, 'int', false, 'cross').getConfig()).toEqual({ num_bins: 5, output_mode: 'int', sparse: false, name: 'cross', dtype: 'int64' });
    expectConfigRoundTrip(new layers.HashedCrossing(7, 'one_hot'));
  });

  it("refuses what Keras refuses, with Keras's messages", () => {
    expect(() => new layers.HashedCrossing(5, 'multi_hot' as never)).toThrow("Unknown value for `output_mode`. Allowed values are: 'int', 'one_hot'.");
    expect(() => new layers.HashedCrossing(5, 'int', true)).toThrow('`sparse=True` can only be used with the TensorFlow backend.');
    tidy(() => {
      const layer = new layers.HashedCrossing(5);
      const a = tensor(['a', 'b']);
      expect(() => layer.apply(a)).toThrow('`HashedCrossing` should be called on a list or tuple of inputs.');
      expect(() => layer.apply([a])).toThrow('`HashedCrossing` should be called on at least two inputs.');
      expect(() => layer.apply([tensor([['a', 'b']]), tensor([['a', 'b']])])).toThrow('All `HashedCrossing` inputs should have shape `()`, `(batch_size)` or `(batch_size, 1)`.');
      expect(() => layer.apply([a, tensor(['a', 'b', 'c'])])).toThrow('All `HashedCrossing` inputs should have equal shape.');
      expect(() => layer.apply([a, tensor([1.5, 2])])).toThrow('HashedCrossing crosses strings and integers; received a float32 input');
    });
  });

  it('crosses a string and an integer input in a Functional model', () => {
    const inputs = [Input({ shape: [1], dtype: 'string' }), Input({ shape: [1], dtype: 'int32' })];
    const model = new Model({ inputs, outputs: new layers.HashedCrossing(10, 'one_hot').apply(inputs) });
    expect(model.outputs[0]!.shape).toEqual([null, 10]);
    tidy(() => {
      const features = [tensor([['a'], ['b']]), tensor([[1], [2]], [2, 1], 'int32')];
      const y = model.predict(features) as Tensor;
      expect(y.shape).toEqual([2, 10]);
      const ids = new layers.HashedCrossing(10).apply(features) as Tensor;
      expect((y.arraySync() as number[][]).map((row) => row.indexOf(1))).toEqual(Array.from(ids.dataSync()));
    });
  });
});
