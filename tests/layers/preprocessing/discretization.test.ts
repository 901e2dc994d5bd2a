import { describe, expect, it } from 'vitest';
import { Input, Model, type Tensor, layers, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer } from '../../../ts/engine/registry.js';
import { expectClose } from '../../helpers/close.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

const values = Array.from({ length: 100 }, (_, i) => i);
// What Keras 3.15.1 learns for 0..99 in 4 bins, whichever way the data comes.
const quartiles = [23.999982833862305, 48.99998092651367, 73.99998474121094];

describe('Discretization', () => {
  it('buckets values by the boundaries, a value on a boundary going up, in int32 or encoded', () => {
    tidy(() => {
      const y = new layers.Discretization([0, 1]).apply(tensor([[-1, 0, 0.5, 1, 2]]));
      expect(y.dtype).toBe('int32');
      expectClose(y, [0, 1, 1, 2, 2], 0);
      expectClose(new layers.Discretization([0, 1], { outputMode: 'count' }).apply(tensor([[-1, 0, 0.5]])), [1, 2, 0], 0);
      expect(new layers.Discretization([0, 1], { outputMode: 'one_hot' }).apply(tensor([[5]])).dtype).toBe('float32');
    });
  });

  it("takes Keras's arguments positionally or as options and writes Keras's config", () => {
    expectSameLayer(new layers.Discretization(null, 4, 0.1), new layers.Discretization({ numBins: 4, epsilon: 0.1 }));
    expect(new layers.Discretization([1, 2], { name: 'd' }).getConfig()).toEqual({ bin_boundaries: [1, 2], num_bins: null, epsilon: 0.01, output_mode: 'int', sparse: false, name: 'd', dtype: 'float32' });
    expectConfigRoundTrip(new layers.Discretization([0.5], { outputMode: 'multi_hot' }));
  });

  it("refuses what Keras refuses, with Keras's messages", () => {
    expect(() => new layers.Discretization()).toThrow('You need to set either `num_bins` or `bin_boundaries`.');
    expect(() => new layers.Discretization([1], 2)).toThrow('Both `num_bins` and `bin_boundaries` should not be set.');
    expect(() => new layers.Discretization(null, -1)).toThrow('`num_bins` must be greater than or equal to 0. Received: `num_bins=-1`');
    expect(() => new layers.Discretization([1], { sparse: true })).toThrow('`sparse=True` may only be used if `output_mode` is');
    expect(() => new layers.Discretization([1], { outputMode: 'tf_idf' as never })).toThrow('Unknown value for `output_mode`.');
    expect(() => new layers.Discretization([1]).adapt([1, 2])).toThrow('Cannot adapt a Discretization layer that has been initialized with `bin_boundaries`, use `num_bins` instead.');
    expect(() => new layers.Discretization(null, 2).apply(tensor([1]))).toThrow('You need to either pass the `bin_boundaries` argument at construction time or call `adapt(dataset)`');
    expect(() => new layers.Discretization(null, 2).adapt([])).toThrow('adapt() received no data');
    expect(() => new layers.Discretization([0], { name: 'd' }).apply(tensor(['a']))).toThrow('Discretization layer "d" takes numbers, received a string tensor.');
    expect(() => new layers.Discretization(null, 2).adapt(['a', 'b'] as never)).toThrow("Discretization.adapt() takes numbers; received 'a'.");
    expect(() => new layers.Discretization(null, 2).adapt(tidy(() => tensor(['a'])))).toThrow('Discretization.adapt() takes numbers; received a string tensor.');
  });

  it('adapts from nested arrays, typed arrays, tensors and iterables of batches alike', () => {
    const fromArray = new layers.Discretization(null, 4);
    fromArray.adapt(values);
    expect(fromArray.binBoundaries).toEqual(quartiles);
    const fromTyped = new layers.Discretization(null, 4);
    fromTyped.adapt(Float32Array.from(values));
    expect(fromTyped.binBoundaries).toEqual(quartiles);
    const fromTensor = new layers.Discretization(null, 4);
    tidy(() => fromTensor.adapt(tensor(values, [50, 2])));
    expect(fromTensor.binBoundaries).toEqual(quartiles);
    const fromBatches = new layers.Discretization(null, 4);
    fromBatches.adapt((function* () {
      for (let i = 0; i < 100; i += 10) yield values.slice(i, i + 10);
    })());
    expect(fromBatches.binBoundaries).toEqual(quartiles);
    const firstTwo = new layers.Discretization(null, 2);
    // Nested arrays are one batch (one NumPy array to Keras); batches come from an iterable such as a generator.
    firstTwo.adapt((function* () {
      yield* [[0, 1], [2, 3], [100, 200]];
    })(), 2);
    expect(firstTwo.binBoundaries).toEqual([1]);
  });

  it('adapts from an async iterable, resolving when the last batch is summarized', async () => {
    const layer = new layers.Discretization(null, 4);
    await layer.adapt((async function* () {
      for (let i = 0; i < 100; i += 25) yield values.slice(i, i + 25);
    })());
    expect(layer.binBoundaries).toEqual(quartiles);
  });

  it("keeps learned boundaries in the config, as Keras's from_config reads them", () => {
    const layer = new layers.Discretization(null, 4);
    layer.adapt(values);
    const config = layer.getConfig();
    expect(config).toMatchObject({ bin_boundaries: quartiles, num_bins: 4 });
    const loaded = deserializeLayer({ module: 'keras.layers', class_name: 'Discretization', config, registered_name: null }) as layers.Discretization;
    expect([loaded.binBoundaries, loaded.numBins]).toEqual([quartiles, 4]);
  });

  it('works inside a Functional model, int32 ids or float32 encodings', () => {
    const inputs = Input({ shape: [3] });
    const ids = new layers.Discretization([0, 1]).apply(inputs);
    const counts = new layers.Discretization([0, 1], { outputMode: 'count' }).apply(inputs);
    expect([ids.shape, ids.dtype, counts.shape, counts.dtype]).toEqual([[null, 3], 'int32', [null, 3], 'float32']);
    const model = new Model({ inputs, outputs: counts });
    tidy(() => expectClose(model.predict(tensor([[-1, 0.5, 3]])) as Tensor, [1, 1, 1], 0));
  });
});
