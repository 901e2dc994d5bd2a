import { describe, expect, it } from 'vitest';
import { Input, Sequential, constraints, deserializeLayer, layers, optimizers, serializeLayer, tensor, tidy } from '../ts/index.js';
import { expectClose } from './helpers/close.js';

const project = (c: { call(w: never): { dataSync(): ArrayLike<number> } }, values: number[], shape: number[]) =>
  tidy(() => Array.from(c.call(tensor(values, shape) as never).dataSync()));

// Columns have norms 5 and sqrt(0.05); rows have norms sqrt(9.01) and sqrt(16.04).
const w = [3, 0.1, 4, 0.2];
const small = Math.sqrt(0.05);

describe('constraints', () => {
  it('MaxNorm rescales only the vectors longer than maxValue, along axis', () => {
    const keep = small / (small + 1e-7);
    expectClose(project(new constraints.MaxNorm({ maxValue: 2 }), w, [2, 2]), [1.2, 0.1 * keep, 1.6, 0.2 * keep], 1e-6);
    // Along rows: the first row (norm 3.0017) stays, the second (norm 4.005) shrinks to 3.5.
    const [r0, r1] = [Math.sqrt(9.01) + 1e-7, Math.sqrt(16.04) + 1e-7];
    const stay = Math.sqrt(9.01) / r0;
    expectClose(project(new constraints.MaxNorm({ maxValue: 3.5, axis: 1 }), w, [2, 2]), [3 * stay, 0.1 * stay, (4 * 3.5) / r1, (0.2 * 3.5) / r1], 1e-6);
    // Over several axes (a conv kernel's filters), with the default max_value of 2.
    expect((constraints.get('max_norm') as constraints.MaxNorm).maxValue).toBe(2);
    const conv = project(new constraints.MaxNorm({ axis: [0, 1, 2] }), Array.from({ length: 8 }, (_, i) => i + 1), [2, 2, 1, 2]);
    const filterNorm = (f: number) => Math.sqrt([0, 1, 2, 3].reduce((s, k) => s + conv[k * 2 + f]! ** 2, 0));
    expect(filterNorm(0)).toBeCloseTo(2, 5);
    expect(filterNorm(1)).toBeCloseTo(2, 5);
    expect(conv[2]! / conv[0]!).toBeCloseTo(3, 5); // directions are kept
  });

  it('UnitNorm divides by the norm, MinMaxNorm moves the norm into range at rate', () => {
    expectClose(project(new constraints.UnitNorm(), w, [2, 2]), [0.6, 0.1 / (small + 1e-7), 0.8, 0.2 / (small + 1e-7)], 1e-6);
    // Norms 5 and sqrt(0.05) go to 0.5 * clip + 0.5 * norm: 3.5 and 0.5 * (1 + sqrt(0.05)).
    const lowTarget = 0.5 * (1 + small);
    expectClose(project(new constraints.MinMaxNorm({ minValue: 1, maxValue: 2, rate: 0.5 }), w, [2, 2]),
      [3 * 0.7, (0.1 * lowTarget) / (small + 1e-7), 4 * 0.7, (0.2 * lowTarget) / (small + 1e-7)], 1e-6);
    // Defaults: [0, 1], rate 1.
    expectClose(project(constraints.get('min_max_norm')!, w, [2, 2]), [0.6, 0.1 * (small / (small + 1e-7)), 0.8, 0.2 * (small / (small + 1e-7))], 1e-6);
  });

  it('NonNeg zeroes negative weights', () => {
    expectClose(project(new constraints.NonNeg(), [-1, 2, -0.5, 0, 3], [5]), [0, 2, 0, 0, 3]);
  });

  it('RadialConstraint copies diagonal entries onto rings, as tf.keras computes it', () => {
    const k3 = Array.from({ length: 9 }, (_, i) => i); // v_rc = 3r + c
    expectClose(project(new constraints.RadialConstraint(), k3, [3, 3, 1, 1]), [4, 4, 4, 4, 0, 4, 4, 4, 4]);
    const k4 = Array.from({ length: 16 }, (_, i) => i); // v11 = 5, v33 = 15
    expectClose(project(constraints.get('radial_constraint')!, k4, [4, 4, 1, 1]), [15, 15, 15, 15, 15, 5, 5, 15, 15, 5, 5, 15, 15, 15, 15, 15]);
    // Channels and kernels are independent: interleave two kernels (x and 100 + x).
    const two = k3.flatMap((v) => [v, 100 + v]);
    const out = project(new constraints.RadialConstraint(), two, [3, 3, 1, 2]);
    expect(out.filter((_, i) => i % 2 === 0)).toEqual([4, 4, 4, 4, 0, 4, 4, 4, 4]);
    expect(out.filter((_, i) => i % 2 === 1)).toEqual([104, 104, 104, 104, 100, 104, 104, 104, 104]);
    expect(() => project(new constraints.RadialConstraint(), [1, 2], [2])).toThrow('The weight tensor must have rank 4. Received weight tensor with shape: (2,)');
  });

  it('resolve Keras\'s ids and configs and serialise in Keras\'s form', () => {
    for (const [id, cls] of [['max_norm', constraints.MaxNorm], ['MaxNorm', constraints.MaxNorm], ['non_neg', constraints.NonNeg],
      ['unit_norm', constraints.UnitNorm], ['min_max_norm', constraints.MinMaxNorm], ['NonNeg', constraints.NonNeg],
      ['radial_constraint', constraints.RadialConstraint]] as const) {
      expect(constraints.get(id), id).toBeInstanceOf(cls);
    }
    expect(constraints.get(null)).toBeNull();
    const c = new constraints.MinMaxNorm({ minValue: 0.5, maxValue: 3, rate: 0.2, axis: [0, 1] });
    const s = constraints.serialize(c);
    expect(s).toEqual({ module: 'keras.constraints', class_name: 'MinMaxNorm', config: { min_value: 0.5, max_value: 3, rate: 0.2, axis: [0, 1] }, registered_name: null });
    expect(constraints.get(s)!.getConfig()).toEqual(s!.config);
    expect(constraints.serialize(new constraints.MaxNorm())).toEqual({ module: 'keras.constraints', class_name: 'MaxNorm', config: { max_value: 2, axis: 0 }, registered_name: null });
    expect(constraints.serialize(new constraints.NonNeg())!.config).toEqual({});
    expect(constraints.serialize(null)).toBeNull();
    expect(() => constraints.get('nonneg')).toThrow('Could not interpret constraint identifier: nonneg');
  });

  describe("Keras's arguments", () => {
    it('take positional values in Keras\'s order, the same as the options', () => {
      const pairs: [constraints.Constraint, constraints.Constraint][] = [
        [new constraints.MaxNorm(3, [0, 1]), new constraints.MaxNorm({ maxValue: 3, axis: [0, 1] })],
        [new constraints.UnitNorm(1), new constraints.UnitNorm({ axis: 1 })],
        [new constraints.MinMaxNorm(0.5, 2, 0.3, 1), new constraints.MinMaxNorm({ minValue: 0.5, maxValue: 2, rate: 0.3, axis: 1 })],
      ];
      for (const [positional, options] of pairs) {
        expect(positional.constructor).toBe(options.constructor);
        expect(positional.getConfig()).toEqual(options.getConfig());
      }
      expect(new constraints.MaxNorm(3).getConfig()).toEqual({ max_value: 3, axis: 0 });
      expect(new constraints.MinMaxNorm(0.5).getConfig()).toEqual({ min_value: 0.5, max_value: 1, rate: 1, axis: 0 });
    });

    it('have the functional forms of the Keras guide: maxNorm(2) is new MaxNorm(2)', () => {
      expect(constraints.maxNorm(2)).toBeInstanceOf(constraints.MaxNorm);
      expect(constraints.maxNorm(2).getConfig()).toEqual(new constraints.MaxNorm(2).getConfig());
      expect(constraints.maxNorm(2, [0, 1, 2]).getConfig()).toEqual({ max_value: 2, axis: [0, 1, 2] });
      expect(constraints.minMaxNorm({ minValue: 1, maxValue: 2 }).getConfig()).toEqual({ min_value: 1, max_value: 2, rate: 1, axis: 0 });
      expect(constraints.nonNeg()).toBeInstanceOf(constraints.NonNeg);
      expect(constraints.unitNorm(1).getConfig()).toEqual({ axis: 1 });
      const dense = new layers.Dense(2, { kernelConstraint: constraints.maxNorm(2), biasConstraint: 'non_neg' });
      expect(dense.getConfig().kernel_constraint).toEqual({ module: 'keras.constraints', class_name: 'MaxNorm', config: { max_value: 2, axis: 0 }, registered_name: null });
      expect(dense.getConfig().bias_constraint).toEqual({ module: 'keras.constraints', class_name: 'NonNeg', config: {}, registered_name: null });
    });

    it('refuse an unknown option, naming it and the class', () => {
      expect(() => new constraints.MaxNorm({ max_value: 3 } as never)).toThrow(
        "Unrecognized keyword arguments passed to MaxNorm: {'max_value': 3}. Options take camelCase keys: did you mean 'maxValue'?");
      expect(() => new constraints.NonNeg({ axis: 0 } as never)).toThrow("Unrecognized keyword arguments passed to NonNeg: {'axis': 0}");
      expect(() => new constraints.UnitNorm({ axes: 0 } as never)).toThrow("Unrecognized keyword arguments passed to UnitNorm: {'axes': 0}");
      expect(() => new constraints.MinMaxNorm({ min: 0 } as never)).toThrow("Unrecognized keyword arguments passed to MinMaxNorm: {'min': 0}");
      expect(() => new constraints.RadialConstraint({ axis: 0 } as never)).toThrow("Unrecognized keyword arguments passed to RadialConstraint: {'axis': 0}");
      expect(() => constraints.maxNorm({ rate: 1 } as never)).toThrow("Unrecognized keyword arguments passed to MaxNorm: {'rate': 1}");
      expect(() => constraints.get({ class_name: 'UnitNorm', config: { axis: 0, rate: 1 } })).toThrow("Unrecognized keyword arguments passed to UnitNorm: {'rate': 1}");
    });
  });

  describe('in Dense, applied after each optimizer update', () => {
    // Targets that pull the weights negative and large: y = -4 * (x0 + x1 + x2), bias -3.
    const xs = Array.from({ length: 24 }, (_, i) => [Math.sin(i), Math.cos(2 * i), Math.sin(3 * i + 1)]);
    const ys = xs.map((r) => [-4 * (r[0]! + r[1]! + r[2]!) - 3, 4 * (r[0]! + r[1]! + r[2]!) + 3]);

    async function fitDense(args: layers.DenseArgs) {
      const dense = new layers.Dense(2, { kernelInitializer: 'ones', ...args });
      const model = new Sequential([Input({ shape: [3] }), dense]);
      model.compile({ optimizer: new optimizers.Adam({ learningRate: 0.1 }), loss: 'mse' });
      await model.fit(xs, ys, { epochs: 10, batchSize: 8, verbose: 0 });
      const [kernel, bias] = dense.weights.map((w) => Array.from(w.value.dataSync()));
      model.dispose();
      return { kernel: kernel!, bias: bias! };
    }

    it('NonNeg leaves no negative kernel or bias entry after fit', async () => {
      const free = await fitDense({});
      expect(Math.min(...free.kernel)).toBeLessThan(-0.5); // without the constraint they go negative
      const constrained = await fitDense({ kernelConstraint: 'non_neg', biasConstraint: new constraints.NonNeg() });
      expect(Math.min(...constrained.kernel)).toBeGreaterThanOrEqual(0);
      expect(Math.min(...constrained.bias)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...constrained.kernel)).toBeGreaterThan(0.5); // the positive unit still trains
    });

    it('MaxNorm keeps every unit\'s incoming weight norm at or below maxValue', async () => {
      const colNorms = (k: number[]) => [0, 1].map((j) => Math.hypot(k[j]!, k[2 + j]!, k[4 + j]!));
      const free = await fitDense({});
      expect(Math.max(...colNorms(free.kernel))).toBeGreaterThan(2);
      const constrained = await fitDense({ kernelConstraint: new constraints.MaxNorm({ maxValue: 1.5 }) });
      for (const n of colNorms(constrained.kernel)) expect(n).toBeLessThanOrEqual(1.5 + 1e-5);
      expect(Math.max(...colNorms(constrained.kernel))).toBeGreaterThan(1.4); // pushed against the bound
    });

    it('serialises kernel_constraint and bias_constraint as Keras does', () => {
      const dense = new layers.Dense(2, { kernelConstraint: new constraints.MaxNorm({ maxValue: 3, axis: 0 }), biasConstraint: 'non_neg' });
      const config = dense.getConfig();
      expect(config.kernel_constraint).toEqual({ module: 'keras.constraints', class_name: 'MaxNorm', config: { max_value: 3, axis: 0 }, registered_name: null });
      expect(config.bias_constraint).toEqual({ module: 'keras.constraints', class_name: 'NonNeg', config: {}, registered_name: null });
      const copy = deserializeLayer(serializeLayer(dense)) as InstanceType<typeof layers.Dense>;
      expect((copy.kernelConstraint as constraints.MaxNorm).maxValue).toBe(3);
      expect(copy.biasConstraint).toBeInstanceOf(constraints.NonNeg);
      tidy(() => {
        copy.apply(tensor([[1, 2]]));
      });
      expect(copy.weights[0]!.constraint).toBe(copy.kernelConstraint);
      copy.dispose();
    });
  });
});
