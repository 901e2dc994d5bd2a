import { describe, expect, it } from 'vitest';
import { Input, Sequential, deserializeLayer, layers, memory, optimizers, regularizers, serializeLayer, tensor, tidy } from '../ts/index.js';
import { expectClose } from './helpers/close.js';
import { gradcheck } from './helpers/gradcheck.js';

const w = [[1, -2], [3, -4]];
const value = (r: { call(x: never): { dataSync(): ArrayLike<number> } }, x: number[][]) =>
  tidy(() => Array.from(r.call(tensor(x) as never).dataSync()));

describe('regularizers', () => {
  it('compute Keras\'s formulas (l1 * sum|x|, l2 * sum x^2)', () => {
    expectClose(value(new regularizers.L1(0.1), w), [1]);
    expectClose(value(new regularizers.L2({ l2: 0.1 }), w), [3]);
    expectClose(value(new regularizers.L1L2({ l1: 0.1, l2: 0.2 }), w), [1 + 6]);
    expectClose(value(new regularizers.L1L2({ l2: 0.5 }), w), [15]);
    expectClose(value(new regularizers.L1L2(), w), [0]);
    // Keras docstring: L2(2.) on ones((5, 5)) is 50.
    expectClose(value(new regularizers.L2(2), Array.from({ length: 5 }, () => [1, 1, 1, 1, 1])), [50]);
    // Defaults: 0.01.
    expectClose(value(regularizers.get('l1')!, w), [0.1]);
    expectClose(value(regularizers.get('l2')!, w), [0.3]);
    expectClose(value(regularizers.get('l1_l2')!, w), [0.1 + 0.3]);
  });

  it('OrthogonalRegularizer is factor/2 times the mean |cosine| between rows (or columns)', () => {
    // Float64 evaluation of Keras's formula for this matrix, factor 0.05.
    const x = [[1, 2], [3, -4], [5, 6]];
    expectClose(value(new regularizers.OrthogonalRegularizer({ factor: 0.05 }), x), [0.027518285795212444], 1e-6);
    expectClose(value(new regularizers.OrthogonalRegularizer({ factor: 0.05, mode: 'columns' }), x), [0.022587697572631283], 1e-6);
    // Orthogonal rows cost nothing; parallel ones cost the factor (both off-diagonal entries are 1, one pair).
    expectClose(value(new regularizers.OrthogonalRegularizer(), [[3, 0], [0, -2]]), [0]);
    expectClose(value(new regularizers.OrthogonalRegularizer({ factor: 1 }), [[1, 1], [2, 2]]), [1], 1e-6);
  });

  it('have gradients that agree with finite differences', () => {
    const x = { values: [0.7, -1.3, 0.4, 2.1, -0.6, 1.8], shape: [3, 2] };
    gradcheck((t) => new regularizers.L1(0.3).call(t), [x]);
    gradcheck((t) => new regularizers.L2(0.3).call(t), [x]);
    gradcheck((t) => new regularizers.L1L2({ l1: 0.2, l2: 0.4 }).call(t), [x]);
    gradcheck((t) => new regularizers.OrthogonalRegularizer({ factor: 1 }).call(t), [x]);
    gradcheck((t) => new regularizers.OrthogonalRegularizer({ factor: 1, mode: 'columns' }).call(t), [x]);
  });

  it('resolve Keras\'s ids, configs and functions, and serialise in Keras\'s form', () => {
    expect(regularizers.get('l1')).toBeInstanceOf(regularizers.L1);
    expect(regularizers.get('L2')).toBeInstanceOf(regularizers.L2);
    expect(regularizers.get('l1l2')).toBeInstanceOf(regularizers.L1L2);
    expect(regularizers.get('L1L2')!.getConfig()).toEqual({ l1: 0, l2: 0 });
    expect(regularizers.get('l1_l2')!.getConfig()).toEqual({ l1: 0.01, l2: 0.01 });
    expect(regularizers.get('orthogonal_regularizer')).toBeInstanceOf(regularizers.OrthogonalRegularizer);
    expect(regularizers.get(null)).toBeNull();
    expect(regularizers.get(undefined)).toBeNull();
    const r = new regularizers.L1L2({ l1: 0.01, l2: 0.02 });
    expect(regularizers.get(r)).toBe(r);
    const serialized = regularizers.serialize(r);
    expect(serialized).toEqual({ module: 'keras.regularizers', class_name: 'L1L2', config: { l1: 0.01, l2: 0.02 }, registered_name: null });
    expect(regularizers.get(serialized as { class_name: string; config: Record<string, unknown> })!.getConfig()).toEqual({ l1: 0.01, l2: 0.02 });
    expect(regularizers.serialize(new regularizers.OrthogonalRegularizer({ mode: 'columns' }))).toEqual({
      module: 'keras.regularizers', class_name: 'OrthogonalRegularizer', config: { factor: Math.fround(0.01), mode: 'columns' }, registered_name: null,
    });
    expect(regularizers.serialize(null)).toBeNull();
    const custom = regularizers.get(function myPenalty(t) { return new regularizers.L1(2).call(t); })!;
    expectClose(value(custom, w), [20]);
    expect(regularizers.serialize(custom)).toMatchObject({ class_name: 'function', config: 'myPenalty' });
  });

  it('reject bad arguments with Keras\'s messages', () => {
    expect(() => regularizers.get('typo')).toThrow('Could not interpret regularizer identifier: typo');
    expect(() => new regularizers.L1(-1)).toThrow('Invalid value for argument l1: expected a non-negative float.Received: l1=-1');
    expect(() => new regularizers.L2(Number.NaN)).toThrow('Invalid value for argument l2: expected a non-negative float.Received: l2=nan');
    expect(() => new regularizers.L1L2({ l2: Infinity })).toThrow('Invalid value for argument l2');
    expect(() => new regularizers.OrthogonalRegularizer({ mode: 'invalid_mode' as never })).toThrow(
      'Invalid value for argument `mode`. Expected one of {"rows", "columns"}. Received: mode=invalid_mode');
    expect(() => tidy(() => new regularizers.OrthogonalRegularizer({ factor: 0.1 }).call(tensor(new Float32Array(8), [2, 2, 2])))).toThrow(
      'Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=(2, 2, 2)');
  });

  describe("Keras's arguments", () => {
    it('take positional values in Keras\'s order, the same as the options', () => {
      const pairs: [regularizers.Regularizer, regularizers.Regularizer][] = [
        [new regularizers.L1(0.2), new regularizers.L1({ l1: 0.2 })],
        [new regularizers.L2(0.2), new regularizers.L2({ l2: 0.2 })],
        [new regularizers.L1L2(0.1, 0.2), new regularizers.L1L2({ l1: 0.1, l2: 0.2 })],
        [new regularizers.OrthogonalRegularizer(0.1, 'columns'), new regularizers.OrthogonalRegularizer({ factor: 0.1, mode: 'columns' })],
      ];
      for (const [positional, options] of pairs) {
        expect(positional.constructor).toBe(options.constructor);
        expect(positional.getConfig()).toEqual(options.getConfig());
      }
      expect(new regularizers.L1L2(0.1).getConfig()).toEqual({ l1: 0.1, l2: 0 });
    });

    it("have Keras's defaults and configs, null reading as the default", () => {
      expect(new regularizers.L1().getConfig()).toEqual({ l1: 0.009999999776482582 });
      expect(new regularizers.L1(null).getConfig()).toEqual({ l1: 0.009999999776482582 });
      expect(new regularizers.L2({ l2: null }).getConfig()).toEqual({ l2: 0.01 });
      expect(new regularizers.L1L2(null, null).getConfig()).toEqual({ l1: 0, l2: 0 });
      expect(new regularizers.OrthogonalRegularizer().getConfig()).toEqual({ factor: 0.009999999776482582, mode: 'rows' });
    });

    it('have functional forms that are the classes without `new`, as keras.regularizers.l1 and co', () => {
      expect(regularizers.l1(0.3)).toBeInstanceOf(regularizers.L1);
      expect(regularizers.l1(0.3).getConfig()).toEqual(new regularizers.L1(0.3).getConfig());
      expect(regularizers.l2({ l2: 0.3 }).getConfig()).toEqual({ l2: 0.3 });
      // keras.regularizers.l1_l2 is L1L2 itself in Keras 3: both factors default to 0.
      expect(regularizers.l1L2().getConfig()).toEqual({ l1: 0, l2: 0 });
      expect(regularizers.l1L2(0.1, 0.2).getConfig()).toEqual({ l1: 0.1, l2: 0.2 });
      expect(regularizers.orthogonalRegularizer(0.5, 'columns').getConfig()).toEqual({ factor: 0.5, mode: 'columns' });
      expect(() => regularizers.l2({ l1: 0.1 } as never)).toThrow("Unrecognized keyword arguments passed to L2: {'l1': 0.1}");
    });

    it('refuse an unknown option, naming it and the class', () => {
      expect(() => new regularizers.L1({ l2: 0.1 } as never)).toThrow("Unrecognized keyword arguments passed to L1: {'l2': 0.1}");
      expect(() => new regularizers.L2({ value: 0.1 } as never)).toThrow("Unrecognized keyword arguments passed to L2: {'value': 0.1}");
      expect(() => new regularizers.L1L2({ l3: 0.1 } as never)).toThrow("Unrecognized keyword arguments passed to L1L2: {'l3': 0.1}");
      expect(() => new regularizers.OrthogonalRegularizer({ rate: 0.1 } as never)).toThrow("Unrecognized keyword arguments passed to OrthogonalRegularizer: {'rate': 0.1}");
      expect(() => regularizers.get({ class_name: 'L2', config: { l2: 0.1, l1: 0 } })).toThrow("Unrecognized keyword arguments passed to L2: {'l1': 0}");
      expect(() => new regularizers.L1L2(0.1, 0.2, 0.3 as never)).toThrow('L1L2 takes at most 2 positional arguments (l1, l2), but 3 were given.');
    });
  });

  describe('in Dense', () => {
    it('adds the kernel, bias and activity penalties to layer.losses (Keras docstring: 5.25)', () => {
      const dense = new layers.Dense(5, { kernelInitializer: 'ones', kernelRegularizer: new regularizers.L1(0.01), activityRegularizer: new regularizers.L2(0.01) });
      tidy(() => {
        dense.apply(tensor(new Float32Array(25).fill(2), [5, 5]));
        // Kernel: 0.01 * 25 = 0.25. Activity: outputs are all 10; 0.01 * 25 * 100 / batch 5 = 5.
        const losses = dense.losses.map((t) => t.dataSync()[0]!);
        expect(losses).toHaveLength(2);
        expectClose([losses.reduce((a, b) => a + b, 0)], [5.25], 1e-6);
      });
      const biased = new layers.Dense(2, { biasInitializer: 'ones', biasRegularizer: 'l2' });
      tidy(() => {
        biased.apply(tensor([[1, 2]]));
        expectClose(biased.losses.map((t) => t.dataSync()[0]!), [0.02]);
      });
      dense.dispose(); biased.dispose();
    });

    it('serialises its regularizers as Keras does and rebuilds them from the config', () => {
      const dense = new layers.Dense(3, { kernelRegularizer: 'l2', biasRegularizer: new regularizers.L1L2({ l1: 0.1 }), activityRegularizer: 'l1' });
      const config = dense.getConfig();
      expect(config.kernel_regularizer).toEqual({ module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 }, registered_name: null });
      expect(config.bias_regularizer).toEqual({ module: 'keras.regularizers', class_name: 'L1L2', config: { l1: 0.1, l2: 0 }, registered_name: null });
      // Keras holds L1's factor as a float32 tensor, and so writes 0.009999999776482582.
      expect(config.activity_regularizer).toEqual({ module: 'keras.regularizers', class_name: 'L1', config: { l1: Math.fround(0.01) }, registered_name: null });
      expect(new layers.Dense(3).getConfig()).not.toHaveProperty('activity_regularizer');
      expect(new layers.Dense(3).getConfig().kernel_regularizer).toBeNull();
      const copy = deserializeLayer(serializeLayer(dense)) as InstanceType<typeof layers.Dense>;
      expect(copy.kernelRegularizer).toBeInstanceOf(regularizers.L2);
      expect(copy.getConfig()).toEqual({ ...config, name: copy.name });
    });

    it('adds the penalty to the training loss and its gradient to the update', () => {
      const model = new Sequential([Input({ shape: [3] }), new layers.Dense(2, { kernelRegularizer: new regularizers.L2(0.1), biasInitializer: 'ones' })]);
      const x = [[0.5, -1, 2], [1, 0.3, -0.7], [-1.2, 0.8, 0.1], [0.4, 0.4, -2]];
      const y = [[1, 0], [0, 1], [1, 1], [0, 0]];
      const kernel = () => Array.from(model.layers[0]!.weights[0]!.value.dataSync());
      const bias = () => Array.from(model.layers[0]!.weights[1]!.value.dataSync());
      // The reported loss is the data loss (MSE on the current weights) plus 0.1 * sum(kernel^2).
      model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.05 }), loss: 'mse' });
      const k = kernel(), b = bias();
      let se = 0;
      x.forEach((row, i) => [0, 1].forEach((j) => {
        const pred = row.reduce((s, v, r) => s + v * k[r * 2 + j]!, b[j]!);
        se += (pred - y[i]![j]!) ** 2;
      }));
      const penalty = 0.1 * k.reduce((s, v) => s + v * v, 0);
      const before = memory().numTensors;
      const loss = model.trainOnBatch(x, y) as number;
      expect(loss).toBeCloseTo(se / 8 + penalty, 5);
      expect(memory().numTensors).toBe(before);
      // With zero inputs and targets equal to the bias, the data loss has no kernel gradient:
      // SGD moves the kernel by -lr * 2 * 0.1 * W only.
      const k0 = kernel();
      model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.5 }), loss: 'mse' });
      const zeros = [[0, 0, 0], [0, 0, 0]];
      const biasNow = bias();
      model.trainOnBatch(zeros, [biasNow, biasNow]);
      expectClose(kernel(), k0.map((v) => v * (1 - 0.5 * 2 * 0.1)), 1e-5);
      model.dispose();
    });

    it('trains with kernelRegularizer \'l2\': fit reports data loss + penalty, and the penalty shrinks the kernel', async () => {
      const xs = Array.from({ length: 32 }, (_, i) => [Math.sin(i), Math.cos(i)]);
      const ys = xs.map(([a, b]) => [2 * a! - 3 * b!]);
      const fitWith = async (kernelRegularizer: string | null) => {
        const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1, { kernelRegularizer, kernelInitializer: 'zeros' })]);
        model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.1 }), loss: 'mse' });
        const history = await model.fit(xs, ys, { epochs: 40, batchSize: 32, verbose: 0 });
        const w = Array.from(model.layers[0]!.weights[0]!.value.dataSync());
        const evaluated = model.evaluate(xs, ys, { verbose: 0 }) as number;
        const mse = tidy(() => {
          const pred = model.predict(xs, { verbose: 0 }) as unknown as { dataSync(): Float32Array };
          return Array.from(pred.dataSync()).reduce((s, p, i) => s + (p - ys[i]![0]!) ** 2, 0) / 32;
        });
        model.dispose();
        return { losses: history.history.loss as number[], w, evaluated, mse };
      };
      const plain = await fitWith(null);
      const l2 = await fitWith('l2');
      expect(l2.losses[39]!).toBeLessThan(l2.losses[0]!);
      // Smaller weights than without the penalty, and evaluate() = MSE + 0.01 * sum(w^2).
      expect(Math.hypot(...l2.w)).toBeLessThan(Math.hypot(...plain.w));
      expect(l2.evaluated).toBeCloseTo(l2.mse + 0.01 * l2.w.reduce((s, v) => s + v * v, 0), 4);
      expect(plain.evaluated).toBeCloseTo(plain.mse, 4);
    });
  });
});
