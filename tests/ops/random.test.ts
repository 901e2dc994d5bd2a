import { describe, expect, it } from 'vitest';
import { memory, ops, tidy } from '../../ts/index.js';

const stats = (values: Float32Array) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, std };
};

describe('random ops', () => {
  it('draws uniform values in [minval, maxval) with the right moments', () => {
    tidy(() => {
      const t = ops.randomUniform([100, 1000], { minval: -1, maxval: 3, seed: 5 });
      expect(t.shape).toEqual([100, 1000]);
      const v = t.dataSync() as Float32Array;
      expect(v.every((x) => x >= -1 && x < 3)).toBe(true);
      const { mean, std } = stats(v);
      expect(Math.abs(mean - 1)).toBeLessThan(0.02);
      expect(Math.abs(std - 4 / Math.sqrt(12))).toBeLessThan(0.01);
    });
  });

  it('draws normal values with the right moments', () => {
    tidy(() => {
      const { mean, std } = stats(ops.randomNormal([200_000], { mean: -2, stddev: 0.5 }).dataSync() as Float32Array);
      expect(Math.abs(mean + 2)).toBeLessThan(0.01);
      expect(Math.abs(std - 0.5)).toBeLessThan(0.01);
    });
  });

  it('reproduces with an integer seed or a SeedGenerator, and differs when unseeded', () => {
    tidy(() => {
      const a = Array.from(ops.randomNormal([50], { seed: 3 }).dataSync());
      expect(Array.from(ops.randomNormal([50], { seed: 3 }).dataSync())).toEqual(a);
      expect(Array.from(ops.randomNormal([50], { seed: 4 }).dataSync())).not.toEqual(a);
      expect(Array.from(ops.randomNormal([50]).dataSync())).not.toEqual(Array.from(ops.randomNormal([50]).dataSync()));
      const g1 = new ops.SeedGenerator(9), g2 = new ops.SeedGenerator(9);
      const first = Array.from(ops.randomUniform([20], { seed: g1 }).dataSync());
      const second = Array.from(ops.randomUniform([20], { seed: g1 }).dataSync());
      expect(second).not.toEqual(first);
      expect(Array.from(ops.randomUniform([20], { seed: g2 }).dataSync())).toEqual(first);
      expect(Array.from(ops.randomUniform([20], { seed: g2 }).dataSync())).toEqual(second);
    });
  });

  it('rejects bad arguments with errors, not traps, and leaks nothing', () => {
    const before = memory().numTensors;
    expect(() => ops.randomUniform([2, -1])).toThrow('randomUniform: `shape` must be an array of non-negative integers, received [2,-1]');
    expect(() => ops.randomUniform([2], { minval: 1, maxval: 0 })).toThrow('random_uniform: minval must not exceed maxval, received minval=1, maxval=0');
    expect(() => ops.randomNormal([2], { stddev: -1 })).toThrow('random_normal: stddev must be non-negative, received -1');
    expect(() => ops.randomNormal([2], { mean: NaN })).toThrow('randomNormal: `mean` must be a finite number, received NaN');
    expect(() => ops.randomNormal([2], { seed: -3 })).toThrow('SeedGenerator: `seed` must be a non-negative integer below 2^53, received -3');
    expect(() => ops.randomNormal([65536, 65536])).toThrow(/random_normal: the output of shape \(65536, 65536\) would hold more than/);
    expect(memory().numTensors).toBe(before);
  });
});
