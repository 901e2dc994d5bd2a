import { describe, expect, it } from 'vitest';
import { layers, memory, ops, tensor, tidy } from '../../../ts/index.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('GaussianDropout', () => {
  it('is the identity at inference', () => {
    const layer = new layers.GaussianDropout(0.5);
    tidy(() => {
      const x = tensor([[1, 2]]);
      expect(layer.apply(x)).toBe(x);
    });
    gradcheckLayer(layer, [3, 2]);
  });

  it('multiplies by 1-centred noise of stddev sqrt(rate / (1 - rate)) in training', () => {
    const layer = new layers.GaussianDropout(0.2, { seed: 4 });
    tidy(() => {
      const y = layer.apply(ops.add(tensor(new Float32Array(200_000), [200, 1000]), 3), { training: true }).dataSync();
      const factors = Array.from(y, (v) => v / 3);
      const mean = factors.reduce((a, b) => a + b, 0) / factors.length;
      const std = Math.sqrt(factors.reduce((a, b) => a + (b - mean) ** 2, 0) / factors.length);
      expect(Math.abs(mean - 1)).toBeLessThan(0.004);
      expect(Math.abs(std - Math.sqrt(0.2 / 0.8))).toBeLessThan(0.004);
    });
  });

  it("takes rate and seed in Keras's order or as options, and names an unknown option", () => {
    expectSameLayer(new layers.GaussianDropout(0.2, 9), new layers.GaussianDropout({ rate: 0.2, seed: 9 }));
    expect(() => new layers.GaussianDropout(0.2, { stddev: 1 } as never)).toThrow("Unrecognized keyword arguments passed to GaussianDropout: {'stddev': 1}");
  });

  it('validates rate, round-trips its config and frees its noise', () => {
    expect(() => new layers.GaussianDropout(2)).toThrow('Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=2');
    const layer = new layers.GaussianDropout(0.4, { seed: 8, name: 'gd' });
    expect(layer.getConfig()).toMatchObject({ name: 'gd', rate: 0.4, seed: 8 });
    expectConfigRoundTrip(layer);
    const before = memory().numTensors;
    tidy(() => {
      layer.apply(tensor([[1, 2]]), { training: true });
    });
    expect(memory().numTensors).toBe(before);
  });
});
