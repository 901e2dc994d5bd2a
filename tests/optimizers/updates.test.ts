import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, tensor, tidy, type Tensor } from '../../ts/index.js';
import { adamUpdate, rmspropUpdate, sgdUpdate } from '../../ts/optimizers/updates.js';
import { expectClose, seededValues } from '../helpers/close.js';

const shape = [3, 4];
const n = 12;
const init = seededValues(n, 1);
const grads = [seededValues(n, 2), seededValues(n, 3), seededValues(n, 4).map((g) => g * 1e-3)];
const zeros = () => tensor(new Float32Array(n), shape);

/** Keras 3's formulas, in float64, one element at a time. */
const reference = {
  sgd(lr: number, mu: number, nesterov: boolean): number[] {
    const v = Array.from(init), m = new Array(n).fill(0);
    for (const g of grads) {
      for (let i = 0; i < n; i++) {
        if (mu === 0) { v[i] = v[i]! - lr * g[i]!; continue; }
        m[i] = mu * m[i] - lr * g[i]!;
        v[i] += nesterov ? mu * m[i] - lr * g[i]! : m[i];
      }
    }
    return v;
  },
  adam(lr: number, b1: number, b2: number, eps: number, amsgrad: boolean): number[] {
    const v = Array.from(init), m = new Array(n).fill(0), s = new Array(n).fill(0), sMax = new Array(n).fill(0);
    grads.forEach((g, step) => {
      const t = step + 1;
      const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      for (let i = 0; i < n; i++) {
        m[i] += (g[i]! - m[i]) * (1 - b1);
        s[i] += (g[i]! ** 2 - s[i]) * (1 - b2);
        sMax[i] = Math.max(sMax[i], s[i]);
        v[i] = v[i]! - (m[i] * alpha) / (Math.sqrt(amsgrad ? sMax[i] : s[i]) + eps);
      }
    });
    return v;
  },
  rmsprop(lr: number, rho: number, mu: number, eps: number, centered: boolean): number[] {
    const v = Array.from(init), vel = new Array(n).fill(0), avg = new Array(n).fill(0), m = new Array(n).fill(0);
    for (const g of grads) {
      for (let i = 0; i < n; i++) {
        vel[i] = rho * vel[i] + (1 - rho) * g[i]! ** 2;
        avg[i] = rho * avg[i] + (1 - rho) * g[i]!;
        const denominator = centered ? vel[i] - avg[i] ** 2 + eps : vel[i] + eps;
        const increment = (lr * g[i]!) / Math.sqrt(denominator);
        m[i] = mu * m[i] + increment;
        v[i] = v[i]! - (mu > 0 ? m[i] : increment);
      }
    }
    return v;
  },
};

/** Runs `step` once per gradient on a fresh variable and returns its final values. */
function run(step: (variable: Tensor, gradient: Tensor) => void): Float32Array {
  return tidy(() => {
    const variable = tensor(init, shape);
    for (const g of grads) step(variable, tensor(g, shape));
    return variable.dataSync() as Float32Array;
  });
}

/** The same steps through a tfjs optimizer. */
function tfjsRun(optimizer: tf.Optimizer): Float32Array {
  const v = tf.variable(tf.tensor(init, shape));
  for (const g of grads) optimizer.applyGradients({ [v.name]: tf.tensor(g, shape) });
  return v.dataSync() as Float32Array;
}

describe('SGD update', () => {
  it.each([
    [0, false],
    [0.9, false],
    [0.9, true],
  ])('momentum %f, nesterov %s follows Keras', (momentum, nesterov) => {
    const got = tidy(() => {
      const m = momentum === 0 ? null : zeros();
      return run((variable, gradient) => sgdUpdate(variable, gradient, { momentum: m }, { learningRate: 0.1, momentum, nesterov }));
    });
    expectClose(got, reference.sgd(0.1, momentum, nesterov), 1e-6);
  });

  it('agrees with tfjs momentum', () => {
    const got = tidy(() => {
      const m = zeros();
      return run((variable, gradient) => sgdUpdate(variable, gradient, { momentum: m }, { learningRate: 0.1, momentum: 0.9, nesterov: false }));
    });
    expectClose(got, tfjsRun(tf.train.momentum(0.1, 0.9)), 1e-5);
  });
});

describe('Adam update', () => {
  it.each([false, true])('amsgrad %s follows Keras', (amsgrad) => {
    const got = tidy(() => {
      const [m, v, vhat] = [zeros(), zeros(), amsgrad ? zeros() : null];
      let iterations = 0;
      return run((variable, gradient) => {
        adamUpdate(variable, gradient, { m, v, vhat }, { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad, iterations });
        iterations++;
      });
    });
    expectClose(got, reference.adam(0.01, 0.9, 0.999, 1e-7, amsgrad), 1e-5);
  });

  it('agrees with tfjs adam (which places epsilon slightly differently)', () => {
    const got = tidy(() => {
      const [m, v] = [zeros(), zeros()];
      let iterations = 0;
      return run((variable, gradient) =>
        adamUpdate(variable, gradient, { m, v, vhat: null }, { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false, iterations: iterations++ }),
      );
    });
    expectClose(got, tfjsRun(tf.train.adam(0.01, 0.9, 0.999, 1e-7)), 1e-4);
  });
});

describe('RMSprop update', () => {
  it.each([
    [0, false],
    [0, true],
    [0.9, false],
    [0.9, true],
  ])('momentum %f, centered %s follows Keras and tfjs', (momentum, centered) => {
    const got = tidy(() => {
      const slots = { velocity: zeros(), averageGradient: centered ? zeros() : null, momentum: momentum > 0 ? zeros() : null };
      return run((variable, gradient) => rmspropUpdate(variable, gradient, slots, { learningRate: 0.01, rho: 0.9, momentum, epsilon: 1e-7, centered }));
    });
    expectClose(got, reference.rmsprop(0.01, 0.9, momentum, 1e-7, centered), 1e-5);
    // Centered tfjs computes sqrt(ms - (mg² + epsilon)) where Keras and TensorFlow add epsilon,
    // so it takes the opposite epsilon to agree.
    expectClose(got, tfjsRun(tf.train.rmsprop(0.01, 0.9, momentum, centered ? -1e-7 : 1e-7, centered)), 1e-5);
  });
});

describe('large updates (parallel chunks)', () => {
  it('RMSprop with every slot matches the formulas on 100k elements', () => {
    const len = 100_003;
    const start = seededValues(len, 7), g = seededValues(len, 8);
    const got = tidy(() => {
      const z = () => tensor(new Float32Array(len), [len]);
      const variable = tensor(start, [len]);
      const slots = { velocity: z(), averageGradient: z(), momentum: z() };
      const settings = { learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 1e-7, centered: true };
      rmspropUpdate(variable, tensor(g, [len]), slots, settings);
      rmspropUpdate(variable, tensor(g, [len]), slots, settings);
      return variable.dataSync();
    });
    const want = Array.from(start, (x, i) => {
      const gi = g[i]!;
      let [vel, avg, m] = [0, 0, 0];
      for (let step = 0; step < 2; step++) {
        vel = 0.9 * vel + 0.1 * gi * gi;
        avg = 0.9 * avg + 0.1 * gi;
        m = 0.5 * m + (0.01 * gi) / Math.sqrt(vel - avg * avg + 1e-7);
        x -= m;
      }
      return x;
    });
    expectClose(got, want, 1e-5);
  });
});

describe('update errors and memory', () => {
  const settings = { learningRate: 0.1, momentum: 0.9, nesterov: false };

  it('names shapes, dtypes and missing slots', () => {
    tidy(() => {
      const variable = zeros();
      expect(() => sgdUpdate(variable, tensor([1, 2, 3]), { momentum: zeros() }, settings)).toThrow(
        'SGD: the gradient has shape (3,) but the variable has shape (3, 4)',
      );
      expect(() => sgdUpdate(variable, zeros(), { momentum: null }, settings)).toThrow("SGD: momentum is 0.9, so the 'momentum' slot is required");
      expect(() => sgdUpdate(tensor(new Int32Array(n), shape, 'int32'), zeros(), { momentum: null }, { ...settings, momentum: 0 })).toThrow(
        'SGD: the variable must be float32, received int32',
      );
      expect(() =>
        adamUpdate(variable, zeros(), { m: zeros(), v: tensor(new Float32Array(n), [12]), vhat: null }, { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false, iterations: 0 }),
      ).toThrow("Adam: the 'v' slot has shape (12,) but the variable has shape (3, 4)");
      expect(() =>
        adamUpdate(variable, zeros(), { m: zeros(), v: zeros(), vhat: null }, { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false, iterations: -1 }),
      ).toThrow('Adam: iterations must be a non-negative integer, received -1');
      expect(() =>
        rmspropUpdate(variable, zeros(), { velocity: zeros(), averageGradient: null, momentum: null }, { learningRate: 0.1, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: true }),
      ).toThrow("RMSprop: centered is on, so the 'average_gradient' slot is required");
      const m = zeros();
      expect(() => sgdUpdate(variable, zeros(), { momentum: variable }, settings)).toThrow('passed twice');
      // A failed update leaves every tensor usable.
      sgdUpdate(variable, zeros(), { momentum: m }, settings);
      expect(Array.from(variable.dataSync())).toEqual(new Array(n).fill(0));
    });
  });

  it('updates in place without allocating', () => {
    tidy(() => {
      const [variable, gradient, m] = [tensor(init, shape), tensor(grads[0]!, shape), zeros()];
      const before = memory();
      sgdUpdate(variable, gradient, { momentum: m }, settings);
      expect(memory().numTensors).toBe(before.numTensors);
      expect(memory().numBytes).toBe(before.numBytes);
      expectClose(m, Array.from(grads[0]!, (g) => -0.1 * g), 1e-6);
    });
  });
});
