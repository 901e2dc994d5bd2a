import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';

describe('LayerNormalization', () => {
  it('matches tf.layers.layerNormalization on the same weights (rank 3, last axis)', () => {
    const shape = [2, 3, 4], x = seededValues(24, 1, -2, 3);
    const gamma = seededValues(4, 2, 0.5, 1.5), beta = seededValues(4, 3);
    const oracle = tf.layers.layerNormalization({ axis: -1, epsilon: 1e-3 });
    oracle.apply(tf.zeros(shape));
    oracle.setWeights([tf.tensor(gamma), tf.tensor(beta)]);
    const ln = new layers.LayerNormalization();
    tidy(() => {
      ln.apply(tensor(new Float32Array(24), shape));
      ln.setWeights([tensor(gamma), tensor(beta)]);
      const y = ln.apply(tensor(x, shape), { training: true });
      expect(y.shape).toEqual(shape);
      expectClose(y, (oracle.apply(tf.tensor(x, shape)) as tf.Tensor).dataSync(), 1e-5);
    });
    ln.dispose();
  });

  it('normalizes over several axes, with gamma/beta shaped like them (hand-computed)', () => {
    const x = [[[1, 2], [3, 4], [5, 6]], [[0, 0], [0, 1], [1, 1]]];
    const ln = new layers.LayerNormalization({ axis: [1, 2], center: false });
    tidy(() => {
      const y = ln.apply(tensor(x));
      const check = (sample: number[]) => {
        const m = sample.reduce((a, b) => a + b) / 6;
        const v = sample.reduce((a, b) => a + (b - m) ** 2, 0) / 6;
        return sample.map((s) => (s - m) / Math.sqrt(v + 1e-3));
      };
      expectClose(y, [...check([1, 2, 3, 4, 5, 6]), ...check([0, 0, 0, 1, 1, 1])], 1e-5);
    });
    expect(ln.gamma!.shape).toEqual([3, 2]);
    expect(ln.beta).toBeNull();
    ln.dispose();
    // The deprecated rms_scaling: x / sqrt(variance + epsilon) * gamma, no beta.
    const rms = new layers.LayerNormalization({ rmsScaling: true });
    tidy(() => expectClose(rms.apply(tensor([[1, 3]])), [1 / Math.sqrt(1.001), 3 / Math.sqrt(1.001)], 1e-5));
    expect(rms.weights.map((w) => w.name)).toEqual(['gamma']);
    rms.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.LayerNormalization({ gammaInitializer: 'random_normal', betaInitializer: 'random_normal' }), [3, 4]);
    gradcheckLayer(new layers.LayerNormalization({ axis: [1, 2] }), [2, 2, 3]);
    gradcheckLayer(new layers.LayerNormalization({ axis: 1, scale: false }), [2, 3, 2]);
  });

  it("writes Keras 3's config (axis becomes a list once built) and round-trips it", () => {
    const ln = new layers.LayerNormalization({ name: 'ln' });
    expect(ln.getConfig()).toMatchObject({
      name: 'ln', axis: -1, epsilon: 0.001, center: true, scale: true, rms_scaling: false,
      beta_initializer: { class_name: 'Zeros' }, gamma_initializer: { class_name: 'Ones' },
      beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null,
    });
    ln.apply(Input({ shape: [5] }));
    expect(ln.getConfig().axis).toEqual([-1]);
    expectConfigRoundTrip(ln);
    expectConfigRoundTrip(new layers.LayerNormalization({ axis: [2, 1], epsilon: 1e-6, center: false }));
  });

  it("takes Keras's arguments positionally or as options, and Keras's rms_scaling keyword", () => {
    const positional = new layers.LayerNormalization([1, 2], 1e-5, false, true);
    const options = new layers.LayerNormalization({ axis: [1, 2], epsilon: 1e-5, center: false, scale: true });
    expect({ ...positional.getConfig(), name: null }).toEqual({ ...options.getConfig(), name: null });
    expect(positional.getConfig()).toMatchObject({ axis: [1, 2], epsilon: 1e-5, center: false, scale: true, rms_scaling: false });
    expect(new layers.LayerNormalization({ rmsScaling: true }).getConfig()).toMatchObject({ rms_scaling: true });
    expect(() => new layers.LayerNormalization(-1, { axes: [1] } as never)).toThrow("Unrecognized keyword arguments passed to LayerNormalization: {'axes': [1]}.");
  });

  it("checks axes with Keras's messages and frees its temporaries", () => {
    expect(() => new layers.LayerNormalization({ axis: 1.5 })).toThrow(
      "Expected an integer or a list of integers for `axis`. Received: axis=1.5");
    expect(() => new layers.LayerNormalization({ axis: 2 }).apply(Input({ shape: [4] }))).toThrow('Axis 2 is out of bounds for input shape (None, 4). Received: axis=2');
    const ln = new layers.LayerNormalization();
    tidy(() => { ln.apply(tensor(new Float32Array(6), [2, 3])); });
    const before = memory().numTensors;
    tidy(() => { ln.apply(tensor(seededValues(6, 4), [2, 3])); });
    expect(memory().numTensors).toBe(before);
    ln.dispose();
  });
});
