/**
 * TimeDistributed, as Keras 3's wrapper. Its values and gradients against Keras itself are in
 * tests/fixtures/layers/time_distributed_*.json (keras_fixtures.test.ts); here: masks, the
 * errors, the weights and their saved layout, the config, and gradients against finite differences.
 */
import { describe, expect, it } from 'vitest';
import {
  Input, Layer, Sequential, ValueError, layers, loadModel, memory, ops, saveModel, tensor, tidy,
  type CallArgs, type Tensor,
} from '../../../ts/index.js';
import { saveableNodes } from '../../../ts/saving/saveable_tree.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';

/** Zeroes the rows its mask marks as padding: shows which mask the wrapped layer receives. */
class ZeroMasked extends Layer {
  constructor() {
    super();
    this.supportsMasking = true;
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    return args.mask ? ops.multiply(inputs, ops.expandDims(ops.cast(args.mask, 'float32'), -1)) : inputs;
  }
}

describe('TimeDistributed', () => {
  it('applies its layer to every step with the same weights', () => {
    const dense = new layers.Dense(2);
    const wrapper = new layers.TimeDistributed(dense);
    tidy(() => {
      const x = tensor(seededValues(2 * 3 * 4, 3), [2, 3, 4]);
      const y = wrapper.apply(x);
      expect(y.shape).toEqual([2, 3, 2]);
      for (let step = 0; step < 3; step++) {
        const alone = dense.apply(ops.squeeze(ops.slice(x, [0, step, 0], [2, 1, 4]), 1));
        expectClose(ops.squeeze(ops.slice(y, [0, step, 0], [2, 1, 2]), 1), alone.dataSync(), 1e-6);
      }
    });
    expect(dense.built).toBe(true);
    expect(wrapper.computeOutputShape([null, 7, 4])).toEqual([null, 7, 2]);
    // Variable-length sequences: the time axis stays unknown.
    expect(wrapper.apply(Input({ shape: [null, 4] })).shape).toEqual([null, null, 2]);
    wrapper.dispose();
  });

  it('hands the mask to its layer folded like the input, and passes it on unchanged', () => {
    const wrapper = new layers.TimeDistributed(new ZeroMasked());
    tidy(() => {
      const x = tensor(new Float32Array(2 * 3 * 2).fill(1), [2, 3, 2]);
      const mask = tensor([[1, 0, 1], [1, 1, 0]]);
      const y = wrapper.apply(x, { mask });
      expect(y.arraySync()).toEqual([[[1, 1], [0, 0], [1, 1]], [[1, 1], [1, 1], [0, 0]]]);
      expect(y.kerasMask).toBe(mask);
      expect(() => wrapper.apply(x, { mask: tensor([1, 1]) })).toThrow(new ValueError(
        'The `mask` passed to the `TimeDistributed` layer must be at least 2D (e.g., `(batch_size, timesteps)`), but it has 1 dimension(s) with shape (2,).'));
      expect(() => wrapper.apply(x, { mask: tensor([[1, 1], [1, 1]]) })).toThrow(new ValueError(
        'The `mask` passed to the `TimeDistributed` layer has a shape (2, 2) that is incompatible with the input shape (2, 3, 2). ' +
          "The first two dimensions of the mask (batch size and timesteps) must match the input's first two dimensions. Expected mask shape prefix: (2, 3)."));
    });
    wrapper.dispose();
  });

  it("carries Masking's mask through a model, as Keras", () => {
    const model = new Sequential([Input({ shape: [3, 2] }), new layers.Masking(), new layers.TimeDistributed(new layers.Dense(4))]);
    tidy(() => {
      const y = model.apply(tensor([[[1, 2], [0, 0], [3, 4]]]));
      expect(y.shape).toEqual([1, 3, 4]);
      expect(y.kerasMask?.arraySync()).toEqual([[1, 0, 1]]);
    });
    model.dispose();
    const tokens = new Sequential([Input({ shape: [4], dtype: 'int32' }), new layers.Embedding(10, 3, { maskZero: true }), new layers.TimeDistributed(new layers.Dense(2))]);
    expect((tokens.output as { shape: unknown }).shape).toEqual([null, 4, 2]);
    tidy(() => expect(tokens.apply(tensor(Int32Array.from([5, 0, 2, 0]), [1, 4], 'int32')).kerasMask?.arraySync()).toEqual([[1, 0, 1, 0]]));
    tokens.dispose();
  });

  it("refuses inputs of fewer than 3 axes with Keras's message, symbolic and eager", () => {
    const message = (shape: string) => new ValueError(`Layer "steps": \`TimeDistributed\` Layer should be passed an \`input_shape\` with at least 3 dimensions, received: ${shape}`);
    const wrapper = () => new layers.TimeDistributed(new layers.Dense(2), { name: 'steps' });
    expect(() => wrapper().apply(Input({ shape: [4] }))).toThrow(message('(None, 4)'));
    tidy(() => expect(() => wrapper().apply(tensor([[1, 2]]))).toThrow(message('(1, 2)')));
    expect(() => wrapper().computeOutputShape([null, 4])).toThrow(message('(None, 4)'));
    expect(() => new layers.TimeDistributed(3 as never)).toThrow(new ValueError('Please initialize `TimeDistributed` layer with a `keras.layers.Layer` instance. Received: 3'));
    // The wrapped layer's own checks see one step: Conv2D wants 4 axes per step.
    expect(() => new layers.TimeDistributed(new layers.Conv2D(2, 3)).apply(Input({ shape: [3, 5, 2] }))).toThrow(ValueError);
  });

  it("writes Keras's config with the wrapped layer built for one step, and rebuilds from it", () => {
    const wrapper = new layers.TimeDistributed(new layers.Dense(3, { activation: 'relu' }));
    expect(Object.keys(wrapper.getConfig())).toEqual(['name', 'trainable', 'dtype', 'layer']);
    expectConfigRoundTrip(wrapper);
    wrapper.apply(Input({ shape: [5, 2] }));
    expect((wrapper.getConfig().layer as { build_config: unknown }).build_config).toEqual({ input_shape: [null, 2] });
    const rebuilt = expectConfigRoundTrip(wrapper) as layers.TimeDistributed;
    expect(rebuilt.layer.built).toBe(true);
    wrapper.dispose();
    rebuilt.dispose();
  });

  it("saves its layer's weights where Keras writes them, and loads a .keras file back", async () => {
    const before = memory().numTensors;
    const model = new Sequential([Input({ shape: [3, 4] }), new layers.TimeDistributed(new layers.Dense(3))]);
    // As the weights file Keras 3.15.1 writes for this model.
    expect(saveableNodes(model).map((n) => [n.path, n.variables.map((v) => v.shape)])).toEqual([
      ['', []],
      ['layers/time_distributed', []],
      ['layers/time_distributed/layer', [[4, 3], [3]]],
    ]);
    const x = tensor(seededValues(2 * 3 * 4, 7), [2, 3, 4]);
    const y = tensor(seededValues(2 * 3 * 3, 8), [2, 3, 3]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const history = await model.fit(x, y, { epochs: 5, verbose: 0 });
    expect(history.history.loss!.at(-1) as number).toBeLessThan(history.history.loss![0] as number);
    const loaded = await loadModel(await saveModel(model, { format: 'keras' }));
    tidy(() => expectClose(loaded.predict<Tensor>(x, { verbose: 0 }), model.predict<Tensor>(x, { verbose: 0 }).dataSync(), 0));
    for (const t of [x, y, model, loaded]) t.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('has gradients that agree with finite differences, over Dense and Conv2D', () => {
    gradcheckLayer(new layers.TimeDistributed(new layers.Dense(3, { activation: 'tanh' })), [2, 3, 4]);
    gradcheckLayer(new layers.TimeDistributed(new layers.Conv2D(2, 2)), [2, 2, 3, 3, 2]);
  });
});
