import { describe, expect, it } from 'vitest';
import { Input, Sequential, type Tensor, layers, loadModel, memory, saveModel, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

const rows = [[0, 7, 4], [2, 9, 6], [0, 7, 4], [2, 9, 6]];

/** Mean and population variance of `values` per index of the last axis, in float64 (NumPy's `np.mean` / `np.var`). */
function columnMoments(values: number[][]): [number[], number[]] {
  const mean = values[0]!.map((_, j) => values.reduce((s, r) => s + r[j]!, 0) / values.length);
  return [mean, mean.map((m, j) => values.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / values.length)];
}

function statistics(layer: layers.Normalization): [number[], number[]] {
  return [Array.from(layer.adaptMean!.value.dataSync()), Array.from(layer.adaptVariance!.value.dataSync())];
}

describe('Normalization', () => {
  it("gives Keras's docstring examples: adapted, per index, given, inverted", () => {
    tidy(() => {
      const global = new layers.Normalization({ axis: null });
      global.adapt([1, 2, 3, 4, 5]);
      expectClose(global.apply(tensor([1, 2, 3])), [-1.4142135, -0.70710677, 0], 1e-6);
      const perIndex = new layers.Normalization({ axis: -1 });
      perIndex.adapt(rows);
      expectClose(perIndex.apply(tensor([[0, 7, 4]])), [-1, -1, -1], 1e-6);
      expectClose(new layers.Normalization({ mean: 3, variance: 2 }).apply(tensor([[1], [2], [3]])), [-1.4142135, -0.70710677, 0], 1e-6);
      const inverse = new layers.Normalization({ axis: -1, invert: true });
      inverse.adapt(rows);
      expectClose(inverse.apply(tensor([[1, 2, 3]])), [2, 10, 8], 1e-6);
    });
  });

  it('learns the same statistics from nested arrays, a tensor, and batches of different sizes', () => {
    const values = Array.from({ length: 7 }, (_, i) => Array.from(seededValues(3, i + 1, -5, 5)));
    const [mean, variance] = columnMoments(values);
    const fromArray = new layers.Normalization();
    fromArray.adapt(values);
    expectClose(statistics(fromArray)[0], mean, 1e-6);
    expectClose(statistics(fromArray)[1], variance, 1e-6);
    const fromTypedArray = new layers.Normalization({ axis: null });
    fromTypedArray.adapt(Float32Array.from([1, 2, 3, 4, 5]));
    expect(statistics(fromTypedArray)).toEqual([[3], [2]]);
    tidy(() => {
      const fromTensor = new layers.Normalization();
      fromTensor.adapt(tensor(values));
      const fromBatches = new layers.Normalization();
      fromBatches.adapt([tensor(values.slice(0, 2)), [tensor(values.slice(2, 6)), tensor([1, 2, 3, 4])], values.slice(6)]);
      for (const layer of [fromTensor, fromBatches]) {
        expectClose(statistics(layer)[0], mean, 1e-5);
        expectClose(statistics(layer)[1], variance, 1e-5);
      }
    });
  });

  it('keeps a mean and variance per index of several axes, reducing the others', () => {
    const layer = new layers.Normalization({ axis: [1, 2] });
    const data = Array.from({ length: 3 }, (_, b) => [[b, 2 * b], [b * b, 1], [-b, 5]]);
    layer.adapt(data);
    expect(layer.adaptMean!.shape).toEqual([3, 2]);
    expectClose(statistics(layer)[0], [1, 2, 5 / 3, 1, -1, 5], 1e-6);
    expectClose(statistics(layer)[1], [2 / 3, 8 / 3, 26 / 9, 0, 2 / 3, 0], 1e-6);
  });

  it("holds adapted statistics in Keras's weights (mean, variance, int32 count), saved and loaded", async () => {
    const norm = new layers.Normalization();
    const model = new Sequential([Input({ shape: [3] }), norm]);
    expect(model.weights.map((w) => [w.name, w.shape, w.dtype, w.trainable])).toEqual([
      ['mean', [3], 'float32', false], ['variance', [3], 'float32', false], ['count', [], 'int32', false],
    ]);
    expect(model.trainableWeights).toEqual([]);
    norm.adapt(rows);
    const loaded = await loadModel(await saveModel(model));
    tidy(() => {
      const x = tensor([[1, 8, 5]]);
      expectClose(loaded.predict(x, { verbose: 0 }) as Tensor, Array.from((model.predict(x, { verbose: 0 }) as Tensor).dataSync()), 0);
    });
    loaded.dispose();
    model.dispose();
  });

  it('has gradients that agree with finite differences, adapted or given, and leaks nothing', () => {
    const before = memory().numTensors;
    const adapted = new layers.Normalization({ invert: true });
    adapted.adapt(rows);
    gradcheckLayer(adapted, [2, 3]);
    gradcheckLayer(new layers.Normalization({ axis: [1, 2], mean: [1, -2], variance: [4, 0.25] }), [2, 3, 2]);
    adapted.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("takes Keras's arguments positionally or as options, and names what it does not take", () => {
    expectSameLayer(new layers.Normalization(1, [2], [3], true), new layers.Normalization({ axis: 1, mean: [2], variance: [3], invert: true }));
    expect(new layers.Normalization().axis).toEqual([-1]);
    expect(new layers.Normalization(null).axis).toEqual([]);
    expect(() => new layers.Normalization({ epsilon: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Normalization: {'epsilon': 1}.");
  });

  it("writes Keras's config and round-trips it", () => {
    expect(new layers.Normalization({ axis: [1, 2], mean: [1, 2], variance: [3, 4], name: 'n' }).getConfig()).toMatchObject({
      name: 'n', axis: [1, 2], invert: false, mean: [1, 2], variance: [3, 4],
    });
    expectConfigRoundTrip(new layers.Normalization({ axis: null, mean: 0.5, variance: 2, invert: true }));
    expectConfigRoundTrip(new layers.Normalization(2));
  });

  it("raises Keras's errors for bad statistics and axes", () => {
    expect(() => new layers.Normalization({ mean: 1 })).toThrow('When setting values directly, both `mean` and `variance` must be set. Received: mean=1 and variance=None');
    expect(() => new layers.Normalization({ mean: [1, 2], variance: [1] })).toThrow('`mean` and `variance` must have the same shape. Received: mean shape (2,) and variance shape (1,)');
    expect(() => new layers.Normalization({ mean: [[1]], variance: [[1]] })).toThrow('The rank of `mean` must be less than or equal to the number of axes (1). Received: mean shape (1, 1) for axis (-1,)');
    expect(() => new layers.Normalization(2).apply(Input({ shape: [3] }))).toThrow('All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim=2, while axis=(2,)');
    expect(() => new layers.Normalization(1).apply(Input({ shape: [null, 3] }))).toThrow('All `axis` values to be kept must have a known shape. Received axis=(1,), inputs.shape=(None, None, 3), with unknown axis at index 1');
    expect(() => new layers.Normalization({ mean: [1, 2], variance: [1, 2] }).apply(Input({ shape: [3] }))).toThrow('cannot be broadcast');
  });

  it('adapts from an async iterable in one streaming pass, as from the same batches given at once', async () => {
    const batches = () => [rows.slice(0, 2), rows.slice(2)];
    const fromSync = new layers.Normalization();
    fromSync.adapt(batches());
    const fromAsync = new layers.Normalization();
    async function* stream() {
      for (const b of batches()) yield b;
    }
    const pending = fromAsync.adapt(stream());
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(fromAsync.adaptMean!.value.dataSync()).toEqual(fromSync.adaptMean!.value.dataSync());
    expect(fromAsync.adaptVariance!.value.dataSync()).toEqual(fromSync.adaptVariance!.value.dataSync());
    async function* empty(): AsyncGenerator<number[][]> {}
    await expect(new layers.Normalization().adapt(empty())).rejects.toThrow('adapt() received an empty iterable (no batches).');
  });

  it("raises Keras's errors for data adapt() cannot take", () => {
    const layer = new layers.Normalization();
    expect(() => layer.adapt([])).toThrow('adapt() received an empty iterable (no batches).');
    expect(() => layer.adapt(['x'] as never)).toThrow(TypeError);
    expect(() => layer.adapt(3 as never)).toThrow('Unsupported data type: int.');
    layer.adapt(rows);
    expect(() => layer.adapt([[1, 2]])).toThrow('The layer was built with input_shape=(4, 3), but adapt() is being called with data with an incompatible shape, data.shape=(1, 2)');
    tidy(() => expect(() => layer.adapt([tensor(rows), tensor([[1, 2]])])).toThrow('adapt() yielded a batch with incompatible shape. Expected (4, 3), got (1, 2).'));
    expect(() => new layers.Normalization({ mean: 1, variance: 1 }).adapt(rows)).toThrow('was given `mean` and `variance`');
  });
});
