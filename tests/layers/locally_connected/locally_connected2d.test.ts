import { describe, expect, it } from 'vitest';
import { Input, layers, memory, modelFromJSON, Sequential, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';

// Values against tf.keras live in tests/layers/keras_fixtures.test.ts (locally_connected2d_*).
describe('LocallyConnected2D', () => {
  it('applies a different filter at each pixel', () => {
    // 2×2 input, kernel 1×2, one filter: two positions (one per row), each with its own 2 taps.
    const layer = new layers.LocallyConnected2D(1, [1, 2], { useBias: false });
    tidy(() => {
      const x = tensor([[[[1], [2]], [[3], [4]]]]);
      layer.apply(x);
      layer.setWeights([tensor([1, 1, 10, -1], [2, 2, 1])]);
      const y = layer.apply(x);
      expect(y.shape).toEqual([1, 2, 1, 1]);
      expectClose(y, [3, 26]);
    });
    layer.dispose();
  });

  it('stores the kernel in the shape of each implementation, as tf.keras', () => {
    const shapes = (implementation: 1 | 2 | 3, dataFormat: 'channels_last' | 'channels_first' = 'channels_last') => {
      const layer = new layers.LocallyConnected2D(4, [2, 3], { implementation, dataFormat });
      layer.apply(Input({ shape: dataFormat === 'channels_last' ? [5, 4, 2] : [2, 5, 4] }));
      return layer.weights.map((w) => w.shape);
    };
    expect(shapes(1)).toEqual([[8, 12, 4], [4, 2, 4]]);
    expect(shapes(2)).toEqual([[5, 4, 2, 4, 2, 4], [4, 2, 4]]);
    expect(shapes(2, 'channels_first')).toEqual([[2, 5, 4, 4, 4, 2], [4, 2, 4]]);
    expect(shapes(3)).toEqual([[8 * 12 * 4], [4, 2, 4]]);
  });

  it('has gradients that agree with finite differences in every implementation', () => {
    gradcheckLayer(new layers.LocallyConnected2D(2, [2, 3], { strides: [1, 2], activation: 'tanh' }), [2, 4, 5, 2]);
    gradcheckLayer(new layers.LocallyConnected2D(2, 2, { implementation: 2, padding: 'same', strides: 2, dataFormat: 'channels_first' }), [1, 2, 3, 4]);
    gradcheckLayer(new layers.LocallyConnected2D(2, 3, { implementation: 3, padding: 'same' }), [2, 3, 3, 1]);
  });

  it('counts parameters as tf.keras in a model summary, for each implementation', () => {
    // tf_keras 2.21: Sequential([Input((12, 12, 3)), LocallyConnected2D(8, 3, strides=2, …),
    // Reshape((-1, 8)), LocallyConnected1D(4, 3, …), Flatten(), Dense(2)]).count_params().
    const expected = { 1: [5600, 2300, 186, 8086], 2: [124_704, 39_304, 274, 164_282], 3: [7224, 3400, 274, 10_898] };
    for (const implementation of [1, 2, 3] as const) {
      const padding = implementation === 1 ? 'valid' : 'same';
      const model = new Sequential([
        Input({ shape: [12, 12, 3] }),
        new layers.LocallyConnected2D(8, 3, { strides: 2, implementation, padding }),
        new layers.Reshape({ targetShape: [-1, 8] }),
        new layers.LocallyConnected1D(4, 3, { implementation }),
        new layers.Flatten(),
        new layers.Dense(2),
      ]);
      const [lc2, , lc1, , dense] = model.layers;
      expect([lc2!.countParams(), lc1!.countParams(), dense!.countParams(), model.countParams()]).toEqual(expected[implementation]);
      const lines: string[] = [];
      model.summary({ printFn: (l) => lines.push(l) });
      expect(lines.join('\n')).toContain(`Total params: ${expected[implementation][3]!.toLocaleString('en-US')}`);
      model.dispose();
    }
  });

  it('trains in a model saved and rebuilt from JSON, in every implementation, freeing what it allocates', async () => {
    const before = memory().numTensors;
    const xs = tensor(seededValues(16 * 5 * 5 * 2, 5), [16, 5, 5, 2]);
    const ys = tensor(seededValues(16 * 3, 6), [16, 3]);
    for (const implementation of [1, 2, 3] as const) {
      const model = new Sequential([
        Input({ shape: [5, 5, 2] }),
        new layers.LocallyConnected2D(3, 2, { implementation, padding: implementation === 1 ? 'valid' : 'same', activation: 'tanh' }),
        new layers.Reshape({ targetShape: [-1, 3] }),
        new layers.LocallyConnected1D(2, 3, { strides: 2, implementation, kernelRegularizer: 'l2' }),
        new layers.Flatten(),
        new layers.Dense(3),
      ]);
      const rebuilt = modelFromJSON(model.toJSON());
      expect(rebuilt.countParams()).toBe(model.countParams());
      rebuilt.dispose();
      model.compile({ optimizer: 'adam', loss: 'mse' });
      const history = await model.fit(xs, ys, { epochs: 8, batchSize: 8, verbose: 0 });
      const losses = history.history.loss as number[];
      expect(losses[losses.length - 1]!).toBeLessThan(losses[0]!);
      model.dispose();
    }
    xs.dispose(); ys.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("writes tf.keras's config and round-trips", () => {
    const layer = new layers.LocallyConnected2D(3, [2, 3], { strides: 2, implementation: 2, padding: 'same', dataFormat: 'channels_first' });
    expect(layer.getConfig()).toMatchObject({
      filters: 3, kernel_size: [2, 3], strides: [2, 2], padding: 'same', data_format: 'channels_first', implementation: 2, use_bias: true,
    });
    expectConfigRoundTrip(layer);
  });

  it("raises tf.keras's errors", () => {
    expect(() => new layers.LocallyConnected2D(2, 2, { padding: 'same' })).toThrow(
      'Invalid border mode for LocallyConnected2D (only "valid" is supported if implementation is 1): same');
    expect(() => new layers.LocallyConnected2D(2, 3, { name: 'lc2' }).apply(Input({ shape: [2, 2, 3] }))).toThrow(
      'One of the dimensions in the output is <= 0 due to downsampling in lc2. Consider increasing the input size. ' +
      'Received input shape (None, 2, 2, 3) which would produce output shape with a zero or negative value in a dimension.');
    expect(() => new layers.LocallyConnected2D(2, 3).apply(Input({ shape: [null, 4, 3] }))).toThrow(
      'The spatial dimensions of the inputs to a LocallyConnected2D layer should be fully-defined, but layer received the inputs shape (None, None, 4, 3)');
    expect(() => new layers.LocallyConnected2D(2, 2).apply(Input({ shape: [4, 4] }))).toThrow('expected ndim=4, found ndim=3');
    const built = new layers.LocallyConnected2D(2, 2);
    built.apply(Input({ shape: [4, 4, 3] }));
    expect(() => built.apply(Input({ shape: [4, 4, 2] }))).toThrow('expected axis -1 of input shape to have value 3');
    expect(() => built.apply(Input({ shape: [5, 4, 3] }))).toThrow('expected axis 1 of input shape to have value 4');
  });
});
