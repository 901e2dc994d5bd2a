import { describe, expect, it } from 'vitest';
import { Input, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { expectConfigRoundTrip } from '../round_trip.js';

describe('Identity', () => {
  it('returns its inputs (a tensor or a list) and passes masks through', () => {
    const layer = new layers.Identity();
    tidy(() => {
      const x = tensor([[1, 2]]);
      expect(layer.apply(x)).toBe(x);
      const pair = [tensor([1]), tensor([2])];
      expect(layer.apply(pair)).toEqual(pair);
      const mask = tensor([1, 0]);
      const masked = tensor([[1], [2]]);
      expect(layer.apply(masked, { mask }).kerasMask).toBe(mask);
    });
  });

  it('keeps symbolic shapes, round-trips its config, allocates nothing', () => {
    const layer = new layers.Identity({ name: 'same' });
    expect(layer.apply(Input({ shape: [4, 2] })).shape).toEqual([null, 4, 2]);
    expect(Object.keys(layer.getConfig()).sort()).toEqual(['dtype', 'name', 'trainable']);
    expectConfigRoundTrip(layer);
    expect(() => new layers.Identity({ size: 2 } as never)).toThrow("Unrecognized keyword arguments passed to Identity: {'size': 2}");
    const before = memory().numTensors;
    const x = tensor([3]);
    layer.apply(x);
    x.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
