import { describe, expect, it } from 'vitest';
import { Input, layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';

/** Hand-computed group normalization of a channels-last array `[batch, ...spatial, channels]`. */
function reference(x: Float32Array, shape: number[], groups: number, gamma: Float32Array, beta: Float32Array, epsilon: number): number[] {
  const batch = shape[0]!, channels = shape[shape.length - 1]!, perSample = x.length / batch, perGroup = channels / groups;
  const out: number[] = Array(x.length).fill(0);
  for (let b = 0; b < batch; b++) {
    for (let g = 0; g < groups; g++) {
      const idx: number[] = [];
      for (let j = 0; j < perSample; j++) if (Math.floor((j % channels) / perGroup) === g) idx.push(b * perSample + j);
      const m = idx.reduce((a, i) => a + x[i]!, 0) / idx.length;
      const v = idx.reduce((a, i) => a + (x[i]! - m) ** 2, 0) / idx.length;
      for (const i of idx) out[i] = ((x[i]! - m) / Math.sqrt(v + epsilon)) * gamma[i % channels]! + beta[i % channels]!;
    }
  }
  return out;
}

describe('GroupNormalization', () => {
  it('normalizes each group of channels over the spatial axes (hand-computed)', () => {
    const shape = [2, 3, 2, 6], x = seededValues(72, 1, -2, 3);
    const gamma = seededValues(6, 2, 0.5, 1.5), beta = seededValues(6, 3);
    for (const groups of [1, 2, 3, 6]) {
      const gn = new layers.GroupNormalization({ groups });
      tidy(() => {
        gn.apply(tensor(new Float32Array(72), shape));
        gn.setWeights([tensor(gamma), tensor(beta)]);
        expectClose(gn.apply(tensor(x, shape)), reference(x, shape, groups, gamma, beta, 1e-3), 1e-4);
      });
      gn.dispose();
    }
  });

  it('groups=-1 is instance normalization; the channel axis can be first', () => {
    const x = seededValues(2 * 4 * 5, 4, -1, 2);
    const gn = new layers.GroupNormalization({ groups: -1 });
    tidy(() => {
      const y = gn.apply(tensor(x, [2, 5, 4]));
      expectClose(y, reference(x, [2, 5, 4], 4, new Float32Array(4).fill(1), new Float32Array(4), 1e-3), 1e-4);
    });
    expect(gn.groups).toBe(4);
    expect(gn.getConfig().groups).toBe(4);
    // channels_first (axis 1): the same as transposing to channels last.
    const xf = seededValues(2 * 4 * 3, 5);
    const gf = new layers.GroupNormalization({ groups: 2, axis: 1, center: false });
    tidy(() => {
      const y = Array.from(gf.apply(tensor(xf, [2, 4, 3])).dataSync());
      const last = new Float32Array(24);
      for (let b = 0; b < 2; b++) for (let c = 0; c < 4; c++) for (let s = 0; s < 3; s++) last[b * 12 + s * 4 + c] = xf[b * 12 + c * 3 + s]!;
      const want = reference(last, [2, 3, 4], 2, new Float32Array(4).fill(1), new Float32Array(4), 1e-3);
      const back: number[] = [];
      for (let b = 0; b < 2; b++) for (let c = 0; c < 4; c++) for (let s = 0; s < 3; s++) back.push(want[b * 12 + s * 4 + c]!);
      expectClose(y, back, 1e-4);
    });
    expect(gf.beta).toBeNull();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.GroupNormalization({ groups: 2, gammaInitializer: 'random_normal', betaInitializer: 'random_normal' }), [2, 3, 4]);
    gradcheckLayer(new layers.GroupNormalization({ groups: 3, axis: 1 }), [1, 6, 2, 2]);
  });

  it("writes Keras 3's config and round-trips it", () => {
    const gn = new layers.GroupNormalization({ name: 'gn' });
    expect(gn.getConfig()).toMatchObject({
      name: 'gn', groups: 32, axis: -1, epsilon: 0.001, center: true, scale: true,
      beta_initializer: { class_name: 'Zeros' }, gamma_initializer: { class_name: 'Ones' },
      beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null,
    });
    expectConfigRoundTrip(new layers.GroupNormalization({ groups: 4, axis: 1, epsilon: 1e-5, center: false, gammaRegularizer: 'l2' }));
    const built = new layers.GroupNormalization({ groups: 2 });
    built.apply(Input({ shape: [3, 4] }));
    expect(built.weights.map((w) => [w.name, w.shape])).toEqual([['gamma', [4]], ['beta', [4]]]);
  });

  it("takes Keras's arguments positionally or as options", () => {
    const positional = new layers.GroupNormalization(4, 1, 1e-5, false);
    const options = new layers.GroupNormalization({ groups: 4, axis: 1, epsilon: 1e-5, center: false });
    expect({ ...positional.getConfig(), name: null }).toEqual({ ...options.getConfig(), name: null });
    expect(positional.getConfig()).toMatchObject({ groups: 4, axis: 1, epsilon: 1e-5, center: false, scale: true });
    expect(() => new layers.GroupNormalization(4, { group: 2 } as never)).toThrow("Unrecognized keyword arguments passed to GroupNormalization: {'group': 2}.");
  });

  it("rejects bad groups and inputs with Keras's messages", () => {
    expect(() => new layers.GroupNormalization({ groups: 0 })).toThrow('Received an invalid value for argument `groups`, expected a positive integer (or `-1` for instance normalization). Received: groups=0');
    expect(() => new layers.GroupNormalization().apply(Input({ shape: [5, 16] }))).toThrow('Number of groups (32) cannot be more than the number of channels (16).');
    expect(() => new layers.GroupNormalization({ groups: 3 }).apply(Input({ shape: [5, 4] }))).toThrow('Number of groups (3) must be a multiple of the number of channels (4).');
    expect(() => new layers.GroupNormalization({ groups: 2 }).apply(Input({ shape: [5, null] }))).toThrow('Axis -1 of input tensor should have a defined dimension but the layer received an input with shape (None, 5, None).');
    expect(() => new layers.GroupNormalization({ axis: 3 }).apply(Input({ shape: [4] }))).toThrow('Axis 3 is out of bounds for input shape (None, 4). Received: axis=3');
    const gn = new layers.GroupNormalization({ groups: 2 });
    gn.apply(Input({ shape: [3, 4] }));
    expect(() => gn.apply(Input({ shape: [3, 6] }))).toThrow();
  });
});
