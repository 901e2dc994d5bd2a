import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, type Tensor, layers, memory, ops, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { expectConfigRoundTrip } from '../round_trip.js';

describe('GlobalMaxPooling1D/2D/3D and GlobalAveragePooling1D/2D/3D', () => {
  it('match tfjs-layers in both data formats', () => {
    const cases = [
      [new layers.GlobalMaxPooling1D(), tf.layers.globalMaxPooling1d(), [2, 5, 3]],
      [new layers.GlobalAveragePooling1D(), tf.layers.globalAveragePooling1d(), [2, 5, 3]],
      [new layers.GlobalMaxPooling2D(), tf.layers.globalMaxPooling2d({}), [2, 4, 3, 5]],
      [new layers.GlobalAveragePooling2D(), tf.layers.globalAveragePooling2d({}), [2, 4, 3, 5]],
      [new layers.GlobalMaxPooling2D({ dataFormat: 'channels_first' }), tf.layers.globalMaxPooling2d({ dataFormat: 'channelsFirst' }), [2, 4, 3, 5]],
      [new layers.GlobalAveragePooling2D({ dataFormat: 'channels_first' }), tf.layers.globalAveragePooling2d({ dataFormat: 'channelsFirst' }), [2, 4, 3, 5]],
    ] as const;
    for (const [layer, oracle, shape] of cases) {
      const x = seededValues(shape.reduce((a, b) => a * b, 1), 7);
      const want = oracle.apply(tf.tensor(x, [...shape])) as tf.Tensor;
      tidy(() => {
        const y = layer.apply(tensor(x, [...shape]));
        expect(y.shape).toEqual(want.shape);
        expectClose(y, want.dataSync(), 1e-6);
      });
    }
  });

  it('reduce three spatial axes in 3-D, and keep them with keepdims', () => {
    const x = seededValues(2 * 3 * 2 * 4 * 3, 8);
    const t = tf.tensor(x, [2, 3, 2, 4, 3]);
    tidy(() => {
      const input = tensor(x, [2, 3, 2, 4, 3]);
      const max = new layers.GlobalMaxPooling3D({ keepdims: true }).apply(input);
      expect(max.shape).toEqual([2, 1, 1, 1, 3]);
      expectClose(max, tf.max(t, [1, 2, 3], true).dataSync(), 1e-6);
      const mean = new layers.GlobalAveragePooling3D({ dataFormat: 'channels_first' }).apply(input);
      expect(mean.shape).toEqual([2, 3]);
      expectClose(mean, tf.mean(t, [2, 3, 4]).dataSync(), 1e-6);
      expect(new layers.GlobalAveragePooling1D({ keepdims: true, dataFormat: 'channels_first' }).apply(tensor(x, [2, 18, 4])).shape).toEqual([2, 18, 1]);
    });
    expect(new layers.GlobalMaxPooling2D({ keepdims: true }).apply(Input({ shape: [null, null, 8] })).shape).toEqual([null, 1, 1, 8]);
    expect(new layers.GlobalAveragePooling3D({ dataFormat: 'channels_first' }).apply(Input({ shape: [4, 2, 2, 2] })).shape).toEqual([null, 4]);
    expect(new layers.GlobalAveragePooling1D({ keepdims: true, dataFormat: 'channels_first' }).apply(Input({ shape: [4, 9] })).shape).toEqual([null, 4, 1]);
  });

  it('GlobalAveragePooling1D averages only the unmasked steps and emits no mask (Keras)', () => {
    // Keras: masking_test-style input; steps equal to 0 are masked.
    const x = [[[1, 2], [3, 4], [0, 0]], [[5, 6], [0, 0], [0, 0]]];
    tidy(() => {
      const model = new Sequential([Input({ shape: [3, 2] }), new layers.Masking({ maskValue: 0 }), new layers.GlobalAveragePooling1D()]);
      expectClose(model.predict(tensor(x)) as Tensor, [2, 3, 5, 6]);
      const masked = new layers.Masking({ maskValue: 0 }).apply(tensor(x));
      const y = new layers.GlobalAveragePooling1D().apply(masked);
      expectClose(y, [2, 3, 5, 6]);
      expect(y.kerasMask ?? null).toBeNull();
      // An explicit mask works too, and gradients reach only the unmasked steps.
      const input = tensor(x);
      const mask = tensor([[1, 0, 1], [1, 1, 1]]);
      expectClose(new layers.GlobalAveragePooling1D().apply(input, { mask }), [0.5, 1, 5 / 3, 2]);
      model.dispose();
    });
    gradcheck((t) => new layers.GlobalAveragePooling1D().apply(t, { mask: tensor([[1, 1, 0, 1], [0, 1, 1, 1]]) }),
      [{ values: seededValues(2 * 4 * 3, 9), shape: [2, 4, 3] }]);
  });

  it("take Keras's arguments positionally or as options", () => {
    const positional = new layers.GlobalAveragePooling2D('channels_first', true);
    const options = new layers.GlobalAveragePooling2D({ dataFormat: 'channels_first', keepdims: true });
    expect({ ...positional.getConfig(), name: null }).toEqual({ ...options.getConfig(), name: null });
    expect(positional.getConfig()).toMatchObject({ data_format: 'channels_first', keepdims: true });
    expect(new layers.GlobalMaxPool1D(null, true).keepdims).toBe(true);
    expect(() => new layers.GlobalMaxPooling3D({ keepDims: true } as never)).toThrow("Unrecognized keyword arguments passed to GlobalMaxPooling3D: {'keepDims': True}.");
  });

  it('have gradients that agree with finite differences', () => {
    gradcheck((t) => new layers.GlobalAveragePooling2D({ keepdims: true }).apply(t), [{ values: seededValues(2 * 3 * 2 * 2, 4), shape: [2, 3, 2, 2] }]);
    // Distinct values spaced well beyond the finite-difference step: no ties at the maximum.
    const values = Float32Array.from({ length: 24 }, (_, i) => ((i * 7) % 24) / 6 - 2);
    gradcheck((t) => new layers.GlobalMaxPooling1D().apply(t), [{ values, shape: [2, 4, 3] }]);
    gradcheck((t) => ops.sum(new layers.GlobalMaxPooling3D({ dataFormat: 'channels_first' }).apply(t), -1), [{ values, shape: [1, 3, 2, 2, 2] }]);
  });

  it("write Keras's config, round-trip it, and check the input rank", () => {
    const layer = new layers.GlobalAveragePooling2D({ name: 'gap' });
    expect(layer.getConfig()).toEqual({ name: 'gap', trainable: true, dtype: layer.getConfig().dtype, data_format: 'channels_last', keepdims: false });
    for (const l of [new layers.GlobalMaxPooling1D({ keepdims: true }), new layers.GlobalMaxPooling2D(), new layers.GlobalMaxPooling3D({ dataFormat: 'channels_first' }),
      new layers.GlobalAveragePooling1D(), new layers.GlobalAveragePooling2D({ keepdims: true }), new layers.GlobalAveragePooling3D()]) {
      expectConfigRoundTrip(l);
    }
    expect(() => new layers.GlobalMaxPooling2D({ name: 'g' }).apply(Input({ shape: [4, 3] }))).toThrow(
      'Input 0 of layer "g" is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (None, 4, 3)');
    expect(() => new layers.GlobalAveragePooling1D({ dataFormat: 'nwc' as 'channels_last' })).toThrow("The `data_format` argument must be one of {'channels_first', 'channels_last'}");
    const before = memory().numTensors;
    tidy(() => {
      new layers.GlobalAveragePooling1D().apply(tensor(new Float32Array(6), [1, 3, 2]), { mask: tensor([[1, 1, 0]]) });
    });
    expect(memory().numTensors).toBe(before);
  });
});
