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
    expect(initializers.serialize(new initializers.HeNormal({ seed: 1 }))).toEqual({
      module: 'keras.initializers', class_name: 'HeNormal', config: { seed: 1, input_axes: null, output_axes: null }, registered_name: null,
    });
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

  it("takes Keras 3.15's input_axes / output_axes for the fans, in config as Keras 3.15 writes them", () => {
    expect(initializers.computeFans([200, 30, 10], [0], [1, 2])).toEqual([200, 300]);
    expect(initializers.computeFans([4, 5, 6], [-3], [-1])).toEqual([4, 6]);
    expect(() => initializers.computeFans([4, 5], [2], [1])).toThrow(/fan axis 2 is out of range for a weight of shape \[4, 5\]/);
    // Glorot's limit sqrt(6 / (fan_in + fan_out)) with the fans of the given axes: 200 + 300.
    const glorot = new initializers.GlorotUniform({ seed: 4, inputAxes: [0], outputAxes: [1, 2] });
    const s = tidy(() => stats(glorot.call([200, 30, 10]).dataSync()));
    const limit = Math.sqrt(6 / 500);
    expect(s.max).toBeLessThanOrEqual(limit);
    expect(s.max).toBeGreaterThan(0.99 * limit);
    const config = { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: 4, input_axes: [0], output_axes: [1, 2] }, registered_name: null };
    expect(initializers.serialize(glorot)).toEqual(config);
    expect(initializers.serialize(initializers.get(config))).toEqual(config);
    const unset = { ...config, config: { seed: null, input_axes: null, output_axes: null } };
    expect(initializers.serialize(initializers.get(unset))).toEqual(unset);
  });

  it('Identity fills gain on the main diagonal of 2-D weights, as Keras', () => {
    tidy(() => {
      expect(Array.from(initializers.get('identity').call([2, 3]).dataSync())).toEqual([1, 0, 0, 0, 1, 0]);
      expect(Array.from(new initializers.Identity({ gain: 2.5 }).call([3, 2]).dataSync())).toEqual([2.5, 0, 0, 2.5, 0, 0]);
      expect(Array.from(initializers.get({ class_name: 'IdentityInitializer', config: { gain: 3 } }).call([2, 2]).dataSync())).toEqual([3, 0, 0, 3]);
    });
    expect(() => initializers.get('Identity').call([3])).toThrow('Identity matrix initializer can only be used for 2D matrices. Received: shape=(3,) of rank 1.');
    expect(initializers.serialize(new initializers.Identity({ gain: 2 }))).toEqual({ module: 'keras.initializers', class_name: 'Identity', config: { gain: 2 }, registered_name: null });
    // Keras 3 writes `{}` (so its default gain is all it can reload); a gain other than 1 is kept.
    expect(new initializers.Identity().getConfig()).toEqual({});
  });

  /** Gram matrix of the rows (or columns) of a rows x cols matrix, in float64. */
  function gram(values: ArrayLike<number>, rows: number, cols: number, of: 'rows' | 'cols'): number[][] {
    const [k, len] = of === 'rows' ? [rows, cols] : [cols, rows];
    const at = (i: number, j: number) => (of === 'rows' ? values[i * cols + j]! : values[j * cols + i]!);
    return Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => {
      let dot = 0;
      for (let j = 0; j < len; j++) dot += at(a, j) * at(b, j);
      return dot;
    }));
  }

  it.each([
    [[20, 8], 'cols'],
    [[8, 20], 'rows'],
    [[16, 16], 'rows'],
    [[3, 3, 4, 16], 'cols'],
    [[2, 5, 30], 'rows'],
  ] as const)('Orthogonal of shape %j has orthonormal %s to 1e-5', (shape, of) => {
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1]!;
    for (const gain of [1, 2]) {
      const values = tidy(() => Array.from(new initializers.Orthogonal({ gain, seed: 5 }).call([...shape]).dataSync()));
      const g = gram(values, rows, cols, of);
      g.forEach((row, a) => row.forEach((v, b) => {
        expect(Math.abs(v - (a === b ? gain * gain : 0))).toBeLessThan(1e-5 * gain * gain);
      }));
    }
  });

  it('Orthogonal is seeded, resolves Keras\'s ids, and checks the rank', () => {
    tidy(() => {
      const a = Array.from(initializers.get({ class_name: 'Orthogonal', config: { seed: 9, gain: 1 } }).call([6, 4]).dataSync());
      const b = Array.from(new initializers.Orthogonal({ seed: 9 }).call([6, 4]).dataSync());
      const c = Array.from(new initializers.Orthogonal().call([6, 4]).dataSync());
      expect(a).toEqual(b);
      expect(c).not.toEqual(b);
      // Not a permutation or sign pattern of the identity: the entries are spread out.
      expect(a.filter((v) => Math.abs(v) > 0.999)).toHaveLength(0);
      expect(initializers.get('orthogonal')).toBeInstanceOf(initializers.Orthogonal);
      expect(initializers.get('OrthogonalInitializer')).toBeInstanceOf(initializers.Orthogonal);
    });
    expect(initializers.serialize(new initializers.Orthogonal({ gain: 0.5, seed: 3 }))).toEqual({ module: 'keras.initializers', class_name: 'Orthogonal', config: { seed: 3, gain: 0.5 }, registered_name: null });
    expect(() => new initializers.Orthogonal().call([4])).toThrow('The tensor to initialize must be at least two-dimensional. Received: shape=(4,) of rank 1.');
  });

  it('resolves every Keras id and alias to its class', () => {
    const ids: [string, unknown][] = [
      ['random_normal', initializers.RandomNormal], ['normal', initializers.RandomNormal], ['RandomNormal', initializers.RandomNormal],
      ['random_uniform', initializers.RandomUniform], ['uniform', initializers.RandomUniform],
      ['truncated_normal', initializers.TruncatedNormal], ['zeros', initializers.Zeros], ['zero', initializers.Zeros],
      ['ones', initializers.Ones], ['one', initializers.Ones], ['constant', initializers.Constant],
      ['variance_scaling', initializers.VarianceScaling], ['glorot_normal', initializers.GlorotNormal],
      ['glorot_uniform', initializers.GlorotUniform], ['he_normal', initializers.HeNormal], ['he_uniform', initializers.HeUniform],
      ['lecun_normal', initializers.LecunNormal], ['lecun_uniform', initializers.LecunUniform],
      ['identity', initializers.Identity], ['orthogonal', initializers.Orthogonal],
    ];
    for (const [id, cls] of ids) expect(initializers.get(id), id).toBeInstanceOf(cls as never);
  });

  it('VarianceScaling draws each distribution with variance scale / fan', () => {
    tidy(() => {
      const fanOut = stats(new initializers.VarianceScaling({ scale: 3, mode: 'fan_out', distribution: 'untruncated_normal', seed: 1 }).call([100, 400]).dataSync());
      expect(fanOut.std / Math.sqrt(3 / 400)).toBeGreaterThan(0.98);
      expect(fanOut.std / Math.sqrt(3 / 400)).toBeLessThan(1.02);
      expect(Math.max(-fanOut.min, fanOut.max)).toBeGreaterThan(3.5 * Math.sqrt(3 / 400)); // not truncated
      const avg = stats(new initializers.VarianceScaling({ scale: 2, mode: 'fan_avg', distribution: 'uniform', seed: 2 }).call([100, 300]).dataSync());
      const limit = Math.sqrt((3 * 2) / 200);
      expect(avg.max).toBeLessThanOrEqual(limit);
      expect(avg.std / (limit / Math.sqrt(3))).toBeGreaterThan(0.98);
      expect(avg.std / (limit / Math.sqrt(3))).toBeLessThan(1.02);
      const rn = stats(new initializers.RandomNormal({ mean: -2, stddev: 0.1, seed: 4 }).call([20_000]).dataSync());
      expect(Math.abs(rn.mean + 2)).toBeLessThan(0.005);
      expect(Math.abs(rn.std - 0.1)).toBeLessThan(0.003);
    });
  });

  describe("Keras's arguments", () => {
    const values = (init: { call(shape: number[]): { dataSync(): ArrayLike<number> } }, shape = [2, 3]) =>
      tidy(() => Array.from(init.call(shape).dataSync()));

    it('take positional values in Keras\'s order, the same as the options', () => {
      const pairs: [{ getConfig(): unknown }, { getConfig(): unknown }][] = [
        [new initializers.Constant(0.5), new initializers.Constant({ value: 0.5 })],
        [new initializers.RandomUniform(-1, 1, 3), new initializers.RandomUniform({ minval: -1, maxval: 1, seed: 3 })],
        [new initializers.RandomNormal(1, 0.2, 3), new initializers.RandomNormal({ mean: 1, stddev: 0.2, seed: 3 })],
        [new initializers.TruncatedNormal(1, 0.2), new initializers.TruncatedNormal({ mean: 1, stddev: 0.2 })],
        [new initializers.VarianceScaling(2, 'fan_out', 'uniform', 4), new initializers.VarianceScaling({ scale: 2, mode: 'fan_out', distribution: 'uniform', seed: 4 })],
        [new initializers.GlorotUniform(7), new initializers.GlorotUniform({ seed: 7 })],
        [new initializers.HeNormal(7, [0], [1]), new initializers.HeNormal({ seed: 7, inputAxes: [0], outputAxes: [1] })],
        [new initializers.LecunUniform(7), new initializers.LecunUniform({ seed: 7 })],
        [new initializers.Identity(2), new initializers.Identity({ gain: 2 })],
        [new initializers.Orthogonal(0.5, 1), new initializers.Orthogonal({ gain: 0.5, seed: 1 })],
      ];
      for (const [positional, options] of pairs) {
        expect(positional.constructor).toBe(options.constructor);
        expect(positional.getConfig()).toEqual(options.getConfig());
      }
      expect(new initializers.RandomUniform(-1, 1).getConfig()).toEqual({ seed: null, minval: -1, maxval: 1 });
      expect(values(new initializers.RandomUniform(-1, 1, 3))).toEqual(values(new initializers.RandomUniform({ minval: -1, maxval: 1, seed: 3 })));
    });

    it('Constant fills with its value, positional or as an option (not NaN)', () => {
      expect(values(new initializers.Constant({ value: 0.5 }))).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
      expect(values(new initializers.Constant(0.5))).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
      expect(values(new initializers.Constant())).toEqual([0, 0, 0, 0, 0, 0]);
      expect(() => new initializers.Constant([1, 2] as never)).toThrow('Constant: `value` must be a Python scalar. Received: value=[1, 2]');
    });

    it('refuse an unknown option, naming it and the class', () => {
      expect(() => new initializers.Zeros({ value: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Zeros: {'value': 1}");
      expect(() => new initializers.Ones({ value: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Ones: {'value': 1}");
      expect(() => new initializers.Constant({ val: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Constant: {'val': 1}");
      expect(() => new initializers.RandomUniform({ min: -1 } as never)).toThrow("Unrecognized keyword arguments passed to RandomUniform: {'min': -1}");
      expect(() => new initializers.RandomNormal({ std: 1 } as never)).toThrow("Unrecognized keyword arguments passed to RandomNormal: {'std': 1}");
      expect(() => new initializers.TruncatedNormal({ std: 1 } as never)).toThrow("Unrecognized keyword arguments passed to TruncatedNormal: {'std': 1}");
      expect(() => new initializers.VarianceScaling({ input_axes: [0] } as never)).toThrow(
        "Unrecognized keyword arguments passed to VarianceScaling: {'input_axes': [0]}. Options take camelCase keys: did you mean 'inputAxes'?");
      for (const cls of [initializers.GlorotUniform, initializers.GlorotNormal, initializers.HeUniform, initializers.HeNormal, initializers.LecunUniform, initializers.LecunNormal]) {
        expect(() => new cls({ scale: 2 } as never)).toThrow(`Unrecognized keyword arguments passed to ${cls.className}: {'scale': 2}`);
      }
      expect(() => new initializers.Identity({ seed: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Identity: {'seed': 1}");
      expect(() => new initializers.Orthogonal({ scale: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Orthogonal: {'scale': 1}");
      expect(() => new initializers.RandomUniform(-1, 1, 0, 2 as never)).toThrow('RandomUniform takes at most 3 positional arguments (minval, maxval, seed), but 4 were given.');
    });

    it('check the seed and the distribution as Keras does', () => {
      expect(() => new initializers.RandomNormal({ seed: 1.5 })).toThrow(
        '`seed` argument should be an instance of `keras.random.SeedGenerator()` or an integer. Received: seed=1.5');
      expect(() => new initializers.GlorotUniform('a' as never)).toThrow("Received: seed='a'");
      expect(new initializers.VarianceScaling({ distribution: 'normal' }).distribution).toBe('truncated_normal');
      expect(new initializers.VarianceScaling({ distribution: 'Uniform' as never }).distribution).toBe('uniform');
      expect(() => new initializers.VarianceScaling({ distribution: 'gamma' as never })).toThrow(
        "Invalid `distribution` argument: gamma.Please use one of ['uniform', 'truncated_normal', 'untruncated_normal']");
    });

    it('export Keras\'s aliases IdentityInitializer and OrthogonalInitializer', () => {
      expect(initializers.IdentityInitializer).toBe(initializers.Identity);
      expect(initializers.OrthogonalInitializer).toBe(initializers.Orthogonal);
    });
  });
});
