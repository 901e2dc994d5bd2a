import { describe, expect, it } from 'vitest';
import { layers, memory, ops, tensor, tidy } from '../../../ts/index.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

const ALPHA_P = -1.6732632423543772 * 1.0507009873554805;

describe('AlphaDropout', () => {
  it('is the identity at inference', () => {
    const layer = new layers.AlphaDropout(0.5);
    tidy(() => {
      const x = tensor([[1, 2]]);
      expect(layer.apply(x)).toBe(x);
    });
    gradcheckLayer(layer, [3, 2]);
  });

  it("applies Keras's affine correction: kept x → a·x + b, dropped → a·alpha_p + b", () => {
    const rate = 0.2;
    const a = ((1 - rate) * (1 + rate * ALPHA_P ** 2)) ** -0.5;
    const b = -a * ALPHA_P * rate;
    const layer = new layers.AlphaDropout(rate, { seed: 3 });
    tidy(() => {
      const y = layer.apply(ops.add(tensor(new Float32Array(50_000), [50, 1000]), 0.5), { training: true }).dataSync();
      const kept = y.filter((v) => Math.abs(v - (a * 0.5 + b)) < 1e-5).length;
      const dropped = y.filter((v) => Math.abs(v - (a * ALPHA_P + b)) < 1e-5).length;
      expect(kept + dropped).toBe(y.length);
      expect(Math.abs(dropped / y.length - rate)).toBeLessThan(0.01);
    });
  });

  it('keeps zero mean and unit variance of standard normal inputs', () => {
    const layer = new layers.AlphaDropout(0.3, { seed: 6 });
    tidy(() => {
      const y = Array.from(layer.apply(ops.randomNormal([400, 1000], { seed: 1 }), { training: true }).dataSync());
      const mean = y.reduce((s, v) => s + v, 0) / y.length;
      const std = Math.sqrt(y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length);
      expect(Math.abs(mean)).toBeLessThan(0.01);
      expect(Math.abs(std - 1)).toBeLessThan(0.01);
    });
  });

  it("takes rate, noiseShape and seed in Keras's order or as options, and names an unknown option", () => {
    expectSameLayer(new layers.AlphaDropout(0.2, null, 9), new layers.AlphaDropout({ rate: 0.2, seed: 9 }));
    expect(() => new layers.AlphaDropout(0.2, { alpha: 1 } as never)).toThrow("Unrecognized keyword arguments passed to AlphaDropout: {'alpha': 1}");
  });

  it('validates rate, round-trips its config and frees its tensors', () => {
    expect(() => new layers.AlphaDropout(-1)).toThrow('Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=-1');
    const layer = new layers.AlphaDropout(0.1, { seed: 2, noiseShape: [null, 1], name: 'ad' });
    expect(layer.getConfig()).toMatchObject({ name: 'ad', rate: 0.1, seed: 2, noise_shape: [null, 1] });
    expectConfigRoundTrip(layer);
    const before = memory().numTensors;
    tidy(() => {
      layer.apply(tensor([[1, 2], [3, 4]]), { training: true });
    });
    expect(memory().numTensors).toBe(before);
  });
});
