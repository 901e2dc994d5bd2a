import { describe, expect, it } from 'vitest';
import { initializers, tidy } from '../ts/index.js';

function stats(values: ArrayLike<number>) {
  const xs = Array.from(values);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  return { mean, std: Math.sqrt(variance), min: Math.min(...xs), max: Math.max(...xs) };
}

describe('initializers', () => {
  const shape = [200, 300];
  const [fanIn, fanOut] = [200, 300];

  it.each([
    ['glorot_uniform', Math.sqrt(6 / (fanIn + fanOut))],
    ['he_uniform', Math.sqrt(6 / fanIn)],
    ['lecun_uniform', Math.sqrt(3 / fanIn)],
  ])('%s draws uniformly within Keras\'s limit', (id, limit) => {
    const s = tidy(() => stats(initializers.get(id).call(shape).dataSync()));
    expect(s.max).toBeLessThanOrEqual(limit);
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.max).toBeGreaterThan(0.98 * limit);
    expect(Math.abs(s.mean)).toBeLessThan(0.02 * limit);
    expect(s.std).toBeCloseTo(limit / Math.sqrt(3), 3);
  });

  it.each([
    ['glorot_normal', Math.sqrt(2 / (fanIn + fanOut))],
    ['he_normal', Math.sqrt(2 / fanIn)],
    ['lecun_normal', Math.sqrt(1 / fanIn)],
  ])('%s draws a truncated normal with the variance Keras targets', (id, std) => {
    const s = tidy(() => stats(initializers.get(id).call(shape).dataSync()));
    expect(s.std / std).toBeGreaterThan(0.97);
    expect(s.std / std).toBeLessThan(1.03);
    // Truncated at two standard deviations of the underlying normal (std / 0.8796).
    expect(Math.max(-s.min, s.max)).toBeLessThanOrEqual((2 * std) / 0.8796256610342398 + 1e-6);
  });

  it('draws RandomNormal, RandomUniform and TruncatedNormal with their parameters', () => {
    tidy(() => {
      const n = stats(new initializers.RandomNormal({ mean: 1, stddev: 0.5, seed: 3 }).call([100, 100]).dataSync());
      expect(n.mean).toBeCloseTo(1, 1);
      expect(n.std).toBeCloseTo(0.5, 1);
      const u = stats(new initializers.RandomUniform({ minval: 2, maxval: 3 }).call([10_000]).dataSync());
      expect(u.min).toBeGreaterThanOrEqual(2);
      expect(u.max).toBeLessThan(3);
      const t = stats(new initializers.TruncatedNormal({ stddev: 1 }).call([10_000]).dataSync());
      expect(Math.max(-t.min, t.max)).toBeLessThanOrEqual(2);
    });
  });

  it('is reproducible with a seed and differs without one', () => {
    tidy(() => {
      const a = initializers.get({ class_name: 'GlorotUniform', config: { seed: 7 } }).call([5, 5]).dataSync();
      const b = new initializers.GlorotUniform({ seed: 7 }).call([5, 5]).dataSync();
      const c = new initializers.GlorotUniform().call([5, 5]).dataSync();
      const d = new initializers.GlorotUniform().call([5, 5]).dataSync();
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(Array.from(c)).not.toEqual(Array.from(d));
    });
  });

  it('fills constants, and serialises as Keras does', () => {
    tidy(() => {
      expect(Array.from(initializers.get('zeros').call([3]).dataSync())).toEqual([0, 0, 0]);
      expect(Array.from(initializers.get('Ones').call([2]).dataSync())).toEqual([1, 1]);
      expect(Array.from(initializers.get({ class_name: 'Constant', config: { value: 3 } }).call([2]).dataSync())).toEqual([3, 3]);
    });
    expect(initializers.serialize(new initializers.HeNormal({ seed: 1 }))).toEqual({ module: 'keras.initializers', class_name: 'HeNormal', config: { seed: 1 }, registered_name: null });
    expect(initializers.serialize(new initializers.VarianceScaling({ scale: 2, mode: 'fan_out' }))).toMatchObject({ config: { scale: 2, mode: 'fan_out', distribution: 'truncated_normal', seed: null } });
  });

  it('rejects unknown identifiers and bad arguments', () => {
    expect(() => initializers.get('glorot')).toThrow('Could not interpret initializer identifier: glorot');
    expect(() => new initializers.VarianceScaling({ mode: 'fan_sum' as never })).toThrow('Invalid `mode` argument: fan_sum');
    expect(() => new initializers.VarianceScaling({ scale: -1 })).toThrow('Argument `scale` must be positive float');
  });

  it('computes fans as Keras does', () => {
    expect(initializers.computeFans([3, 3, 16, 32])).toEqual([144, 288]);
    expect(initializers.computeFans([5])).toEqual([5, 5]);
    expect(initializers.computeFans([])).toEqual([1, 1]);
  });
});
