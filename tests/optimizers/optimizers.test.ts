import { describe, expect, it } from 'vitest';
import { Variable } from '../../ts/engine/variable.js';
import { ValueError, memory, tensor, tidy } from '../../ts/index.js';
import * as optimizers from '../../ts/optimizers/index.js';
import { expectClose, seededValues } from '../helpers/close.js';

const n = 6;
const start = seededValues(n, 41);
const gradients = [seededValues(n, 42), seededValues(n, 43), seededValues(n, 44)];

/** Runs three steps of `opt` on one variable and returns its final values. */
function runSteps(opt: optimizers.Optimizer): Float32Array {
  const v = new Variable({ name: 'kernel', path: 'dense/kernel', value: tensor(start, [2, 3]) });
  for (const g of gradients) tidy(() => opt.applyGradients([[tensor(g, [2, 3]), v]]));
  const out = v.value.dataSync() as Float32Array;
  v.dispose();
  opt.dispose();
  return out;
}

/** Keras 3's update formulas, written out element by element as a reference. */
const reference = {
  sgd(lr: number, momentum: number, nesterov: boolean): number[] {
    const w = Array.from(start);
    const m = new Array(n).fill(0);
    for (const g of gradients) {
      for (let i = 0; i < n; i++) {
        if (momentum === 0) { w[i]! -= lr * g[i]!; continue; }
        m[i] = momentum * m[i] - lr * g[i]!;
        w[i]! += nesterov ? momentum * m[i] - lr * g[i]! : m[i];
      }
    }
    return w;
  },
  adam(lr: number, b1: number, b2: number, eps: number): number[] {
    const w = Array.from(start);
    const m = new Array(n).fill(0);
    const v = new Array(n).fill(0);
    gradients.forEach((g, step) => {
      const t = step + 1;
      const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      for (let i = 0; i < n; i++) {
        m[i] += (g[i]! - m[i]) * (1 - b1);
        v[i] += (g[i]! ** 2 - v[i]) * (1 - b2);
        w[i]! -= (alpha * m[i]) / (Math.sqrt(v[i]) + eps);
      }
    });
    return w;
  },
  rmsprop(lr: number, rho: number, momentum: number, eps: number, centered: boolean): number[] {
    const w = Array.from(start);
    const vel = new Array(n).fill(0);
    const avg = new Array(n).fill(0);
    const mom = new Array(n).fill(0);
    for (const g of gradients) {
      for (let i = 0; i < n; i++) {
        vel[i] = rho * vel[i] + (1 - rho) * g[i]! ** 2;
        let denominator = vel[i] + eps;
        if (centered) {
          avg[i] = rho * avg[i] + (1 - rho) * g[i]!;
          denominator = vel[i] - avg[i] ** 2 + eps;
        }
        const increment = (lr * g[i]!) / Math.sqrt(denominator);
        if (momentum > 0) { mom[i] = momentum * mom[i] + increment; w[i]! -= mom[i]; } else w[i]! -= increment;
      }
    }
    return w;
  },
};

describe('optimizer updates follow Keras 3', () => {
  it('SGD (plain, momentum, Nesterov)', () => {
    expectClose(runSteps(new optimizers.SGD()), reference.sgd(0.01, 0, false), 1e-5);
    expectClose(runSteps(new optimizers.SGD({ learningRate: 0.1, momentum: 0.9 })), reference.sgd(0.1, 0.9, false), 1e-5);
    expectClose(runSteps(new optimizers.SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true })), reference.sgd(0.1, 0.9, true), 1e-5);
  });

  it('Adam', () => {
    expectClose(runSteps(new optimizers.Adam()), reference.adam(0.001, 0.9, 0.999, 1e-7), 1e-5);
    expectClose(runSteps(new optimizers.Adam({ learningRate: 0.05, beta1: 0.8, beta2: 0.99 })), reference.adam(0.05, 0.8, 0.99, 1e-7), 1e-5);
  });

  it('RMSprop (plain, momentum, centered)', () => {
    expectClose(runSteps(new optimizers.RMSprop()), reference.rmsprop(0.001, 0.9, 0, 1e-7, false), 1e-5);
    expectClose(runSteps(new optimizers.RMSprop({ learningRate: 0.01, momentum: 0.5 })), reference.rmsprop(0.01, 0.9, 0.5, 1e-7, false), 1e-5);
    expectClose(runSteps(new optimizers.RMSprop({ learningRate: 0.01, centered: true })), reference.rmsprop(0.01, 0.9, 0, 1e-7, true), 1e-5);
  });

  it('clipvalue and clipnorm rescale gradients before the update', () => {
    const v = new Variable({ name: 'w', path: 'w', value: tensor([0, 0]) });
    const sgd = new optimizers.SGD({ learningRate: 1, clipnorm: 1 });
    tidy(() => sgd.applyGradients([[tensor([3, 4]), v]]));
    expectClose(v.value, [-0.6, -0.8]);
    const clipped = new optimizers.SGD({ learningRate: 1, clipvalue: 0.5 });
    tidy(() => clipped.applyGradients([[tensor([3, -0.25]), v]]));
    expectClose(v.value, [-1.1, -0.55]);
    v.dispose();
    expect(() => new optimizers.SGD({ clipnorm: 1, clipvalue: 1 })).toThrow(/Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set/);
  });
});

describe('optimizer state', () => {
  it('creates slots lazily on the first step, counts iterations, and frees them on dispose', () => {
    const v = new Variable({ name: 'kernel', path: 'dense/kernel', value: tensor(start, [2, 3]) });
    const adam = new optimizers.Adam({ name: 'adam' });
    const before = memory().numTensors;
    tidy(() => adam.applyGradients([[tensor(gradients[0]!, [2, 3]), v]]));
    expect(memory().numTensors).toBe(before + 2);
    expect(adam.variables.map((s) => s.path)).toEqual(['adam/dense_kernel_momentum', 'adam/dense_kernel_velocity']);
    tidy(() => adam.applyGradients([[tensor(gradients[1]!, [2, 3]), v], [null, v]]));
    expect(memory().numTensors).toBe(before + 2);
    expect(adam.iterations).toBe(2);
    adam.dispose();
    expect(memory().numTensors).toBe(before);
    v.dispose();
  });

  it('rejects a gradient of the wrong shape', () => {
    const v = new Variable({ name: 'w', path: 'w', value: tensor([0, 0]) });
    const sgd = new optimizers.SGD();
    expect(() => tidy(() => sgd.applyGradients([[tensor([1, 2, 3]), v]]))).toThrow(ValueError);
    v.dispose();
  });

  it("getConfig has Keras 3's keys and defaults", () => {
    const base = {
      weight_decay: null, clipnorm: null, global_clipnorm: null, clipvalue: null, use_ema: false, ema_momentum: 0.99,
      ema_overwrite_frequency: null, loss_scale_factor: null, gradient_accumulation_steps: null,
    };
    // Keras holds the learning rate in a float32 variable: 0.01 is written 0.009999999776482582.
    expect(new optimizers.SGD({ name: 'sgd' }).getConfig()).toEqual({ name: 'sgd', learning_rate: Math.fround(0.01), ...base, momentum: 0, nesterov: false });
    expect(new optimizers.Adam({ name: 'adam' }).getConfig()).toEqual({ name: 'adam', learning_rate: Math.fround(0.001), ...base, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false });
    expect(new optimizers.RMSprop({ name: 'rm_sprop' }).getConfig()).toEqual({
      name: 'rm_sprop', learning_rate: Math.fround(0.001), ...base, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false,
    });
  });

  it("names itself as Keras's auto_name does: the snake_case class name, made unique", () => {
    const [a, b] = [new optimizers.Adam(), new optimizers.Adam()];
    expect(a.name).toMatch(/^adam(_\d+)?$/);
    expect(b.name).toMatch(/^adam_\d+$/);
    expect(b.name).not.toBe(a.name);
    expect(new optimizers.RMSprop().name).toMatch(/^rm_sprop(_\d+)?$/);
    expect(new optimizers.SGD().name).toMatch(/^sgd(_\d+)?$/);
  });
});

describe("Keras's arguments", () => {
  it('take the learning rate and the rest positionally in Keras\'s order, the same as the options', () => {
    const config = (o: optimizers.Optimizer) => ({ ...o.getConfig(), name: null });
    expect(config(new optimizers.Adam(1e-2))).toEqual(config(new optimizers.Adam({ learningRate: 1e-2 })));
    expect(config(new optimizers.Adam(1e-2, 0.8, 0.99, 1e-6, true))).toEqual(
      config(new optimizers.Adam({ learningRate: 1e-2, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, amsgrad: true })));
    expect(config(new optimizers.SGD(0.1, 0.9, true))).toEqual(config(new optimizers.SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true })));
    expect(config(new optimizers.RMSprop(0.01, 0.8, 0.5, 1e-6, true))).toEqual(
      config(new optimizers.RMSprop({ learningRate: 0.01, rho: 0.8, momentum: 0.5, epsilon: 1e-6, centered: true })));
    expect(config(new optimizers.SGD(0.1, { clipnorm: 1, weightDecay: 0.01 }))).toMatchObject({ learning_rate: Math.fround(0.1), clipnorm: 1, weight_decay: 0.01 });
    // The base parameters follow the optimizer's own: SGD's fourth is weight_decay.
    expect(new optimizers.SGD(0.1, 0, false, 0.004 as never).weightDecay).toBe(0.004);
    expectClose(runSteps(new optimizers.Adam(0.01, 0.8)), reference.adam(0.01, 0.8, 0.999, 1e-7), 1e-5);
  });

  it('refuse an unknown option, naming it and the class', () => {
    expect(() => new optimizers.Adam({ lr: 0.1 } as never)).toThrow("Unrecognized keyword arguments passed to Adam: {'lr': 0.1}");
    expect(() => new optimizers.SGD({ learning_rate: 0.1 } as never)).toThrow(
      "Unrecognized keyword arguments passed to SGD: {'learning_rate': 0.1}. Options take camelCase keys: did you mean 'learningRate'?");
    expect(() => new optimizers.RMSprop({ beta1: 0.9 } as never)).toThrow("Unrecognized keyword arguments passed to RMSprop: {'beta1': 0.9}");
    expect(() => optimizers.get({ class_name: 'Adam', config: { learning_rate: 0.01, momentum: 0.9 } })).toThrow(
      "Unrecognized keyword arguments passed to Adam: {'momentum': 0.9}");
  });

  it('refuse by name what kerasm does not implement, instead of ignoring it', () => {
    expect(() => new optimizers.RMSprop({ lossScaleFactor: 128 as never })).toThrow('`loss_scale_factor` (lossScaleFactor)');
    // tf.keras 2's decay: Keras 3 ignores it with a warning; a decay of 0 changes nothing and is taken.
    expect(new optimizers.Adam({ decay: 0 }).getConfig()).not.toHaveProperty('decay');
    expect(() => new optimizers.Adam({ decay: 1e-4 })).toThrow('Argument `decay` is no longer supported (Keras 3 ignores it), so a decay other than 0 is refused. Received: decay=0.0001');
  });

  it('keep the moving-average settings Keras keeps without use_ema, in the config', () => {
    expect(new optimizers.Adam({ emaMomentum: 0.9, emaOverwriteFrequency: 10 }).getConfig()).toMatchObject({ use_ema: false, ema_momentum: 0.9, ema_overwrite_frequency: 10 });
  });
});

describe('optimizers.get', () => {
  it('resolves names case-insensitively, instances and configs, as Keras', () => {
    expect(optimizers.get('adam')).toBeInstanceOf(optimizers.Adam);
    expect(optimizers.get('Adam')).toBeInstanceOf(optimizers.Adam);
    expect(optimizers.get('SGD')).toBeInstanceOf(optimizers.SGD);
    expect(optimizers.get('rmsprop')).toBeInstanceOf(optimizers.RMSprop);
    expect(optimizers.get('RMSprop')).toBeInstanceOf(optimizers.RMSprop);
    const sgd = new optimizers.SGD();
    expect(optimizers.get(sgd)).toBe(sgd);
    const fromConfig = optimizers.get({ class_name: 'Adam', config: { learning_rate: 0.01, beta_1: 0.5 } }) as optimizers.Adam;
    expect([fromConfig.learningRate, fromConfig.beta1]).toEqual([0.01, 0.5]);
  });

  it('throws a ValueError in Keras words for unknown identifiers', () => {
    expect(() => optimizers.get('relu2')).toThrow(ValueError);
    expect(() => optimizers.get('relu2')).toThrow('Could not interpret optimizer identifier: relu2');
  });
});
