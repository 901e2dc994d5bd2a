import { describe, expect, it } from 'vitest';
import { layers, memory, ops, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('GaussianNoise', () => {
  it('is the identity at inference', () => {
    const layer = new layers.GaussianNoise(0.5);
    tidy(() => {
      const x = tensor([[1, 2]]);
      expect(layer.apply(x)).toBe(x);
    });
    gradcheckLayer(layer, [3, 2]);
  });

  it('adds zero-mean noise of standard deviation stddev in training, with gradient 1', () => {
    const layer = new layers.GaussianNoise(0.2, { seed: 11 });
    tidy(() => {
      const x = tensor(seededValues(200_000, 1), [200, 1000]);
      const noise = Array.from(ops.subtract(layer.apply(x, { training: true }), x).dataSync());
      const mean = noise.reduce((a, b) => a + b, 0) / noise.length;
      const std = Math.sqrt(noise.reduce((a, b) => a + (b - mean) ** 2, 0) / noise.length);
      expect(Math.abs(mean)).toBeLessThan(0.003);
      expect(Math.abs(std - 0.2)).toBeLessThan(0.003);
    });
  });

  it("takes stddev and seed in Keras's order or as options, and names an unknown option", () => {
    expectSameLayer(new layers.GaussianNoise(0.2, 9), new layers.GaussianNoise({ stddev: 0.2, seed: 9 }));
    expect(() => new layers.GaussianNoise({})).toThrow("GaussianNoise missing required argument: 'stddev'.");
    expect(() => new layers.GaussianNoise(0.2, { rate: 1 } as never)).toThrow("Unrecognized keyword arguments passed to GaussianNoise: {'rate': 1}");
  });

  it('reproduces from its seed; validates stddev; round-trips its config; frees its noise', () => {
    const draw = () => tidy(() => Array.from(new layers.GaussianNoise(0.1, { seed: 5 }).apply(tensor([[0, 0, 0]]), { training: true }).dataSync()));
    expect(draw()).toEqual(draw());
    expectClose(draw(), [0, 0, 0], 0.5);
    expect(() => new layers.GaussianNoise(-0.1)).toThrow('Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev=-0.1');
    const layer = new layers.GaussianNoise(0.3, { seed: 2, name: 'noise' });
    expect(layer.getConfig()).toMatchObject({ name: 'noise', stddev: 0.3, seed: 2 });
    expectConfigRoundTrip(layer);
    const before = memory().numTensors;
    tidy(() => {
      layer.apply(tensor([[1, 2]]), { training: true });
    });
    expect(memory().numTensors).toBe(before);
  });
});
