import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Tensor, activations, tensor, tidy } from '../ts/index.js';
import { expectClose } from './helpers/close.js';
import { gradcheck } from './helpers/gradcheck.js';

const x = [-3.1, -1.2, -0.4, 0.3, 0.9, 2.6];
const oracles: Record<string, (t: tf.Tensor) => tf.Tensor> = {
  linear: (t) => t,
  relu: tf.relu,
  sigmoid: tf.sigmoid,
  tanh: tf.tanh,
  softmax: (t) => tf.softmax(t),
  log_softmax: (t) => tf.logSoftmax(t),
  exponential: tf.exp,
  softplus: tf.softplus,
  softsign: (t) => tf.div(t, tf.add(tf.abs(t), 1)),
  silu: (t) => tf.mul(t, tf.sigmoid(t)),
  swish: (t) => tf.mul(t, tf.sigmoid(t)),
  relu6: tf.relu6,
  hard_sigmoid: (t) => tf.div(tf.relu6(tf.add(t, 3)), 6),
  elu: tf.elu,
  selu: tf.selu,
  leaky_relu: (t) => tf.leakyRelu(t, 0.2),
  mish: (t) => tf.mul(t, tf.tanh(tf.softplus(t))),
  gelu: (t) => tf.mul(tf.mul(t, 0.5), tf.add(tf.erf(tf.div(t, Math.SQRT2)), 1)),
  celu: (t) => tf.add(tf.relu(t), tf.sub(tf.exp(tf.minimum(t, 0)), 1)),
  log_sigmoid: tf.logSigmoid,
  hard_silu: (t) => tf.mul(t, tf.div(tf.relu6(tf.add(t, 3)), 6)),
  hard_swish: (t) => tf.mul(t, tf.div(tf.relu6(tf.add(t, 3)), 6)),
  hard_tanh: (t) => tf.clipByValue(t, -1, 1),
  tanh_shrink: (t) => tf.sub(t, tf.tanh(t)),
  squareplus: (t) => tf.div(tf.add(t, tf.sqrt(tf.add(tf.square(t), 4))), 2),
  soft_shrink: (t) => tf.where(tf.greater(t, 0.5), tf.sub(t, 0.5), tf.where(tf.less(t, -0.5), tf.add(t, 0.5), tf.zerosLike(t))),
  hard_shrink: (t) => tf.where(tf.greater(tf.abs(t), 0.5), t, tf.zerosLike(t)),
  sparse_plus: (t) => tf.where(tf.lessEqual(t, -1), tf.zerosLike(t), tf.where(tf.less(t, 1), tf.div(tf.square(tf.add(t, 1)), 4), t)),
};

describe('activations', () => {
  it('offers every name it resolves', () => {
    expect(activations.activationNames().sort()).toEqual(Object.keys(oracles).sort());
  });

  it.each(Object.keys(oracles))('%s matches tfjs', (name) => {
    const want = oracles[name]!(tf.tensor(x, [2, 3])).dataSync();
    tidy(() => expectClose(activations.get(name)(tensor(x, [2, 3])), want, 1e-5));
  });

  it.each(Object.keys(oracles))('%s has gradients that agree with finite differences', (name) => {
    gradcheck((t) => activations.get(name)(t), [{ values: x, shape: [2, 3] }]);
  });

  it('gelu is the exact erf form by default and the tanh form when approximate (values of the formulas in float64)', () => {
    // Both formulas of keras.activations.gelu evaluated in float64 (math.erf, math.tanh).
    const xs = [-2, -0.5, 0.5, 1, 3];
    const exact = [-0.04550026389635842, -0.15426876936299344, 0.34573123063700656, 0.8413447460685429, 2.99595030590511];
    const tanhForm = [-0.04540230591222494, -0.15428599017485606, 0.34571400982514394, 0.8411919906082768, 2.996362607918227];
    tidy(() => {
      expectClose(activations.gelu(tensor(xs)), exact, 2e-6);
      expectClose(activations.get('gelu')(tensor(xs)), exact, 2e-6);
      expectClose(activations.gelu(tensor(xs), { approximate: true }), tanhForm, 2e-6);
    });
    gradcheck((t) => activations.gelu(t, { approximate: true }), [{ values: x, shape: [2, 3] }]);
  });

  it('relu takes Keras\'s negativeSlope, maxValue and threshold (keras activations docstring)', () => {
    const xs = tensor([-10, -5, 0, 5, 10]);
    tidy(() => {
      expectClose(activations.relu(xs), [0, 0, 0, 5, 10]);
      expectClose(activations.relu(xs, { negativeSlope: 0.5 }), [-5, -2.5, 0, 5, 10]);
      expectClose(activations.relu(xs, { maxValue: 5 }), [0, 0, 0, 5, 5]);
      expectClose(activations.relu(xs, { threshold: 5 }), [0, 0, 0, 0, 10]);
      expectClose(activations.relu(xs, { maxValue: 6 }), [0, 0, 0, 5, 6]);
      // Below the threshold: negative_slope * (x - threshold); above, clipped to max_value.
      expectClose(activations.relu(xs, { negativeSlope: 0.1, threshold: 2, maxValue: 8 }), [-1.2, -0.7, -0.2, 5, 8]);
      expectClose(activations.leakyRelu(xs, { negativeSlope: 0.3 }), [-3, -1.5, 0, 5, 10]);
      expectClose(activations.elu(tensor([-1, 2]), { alpha: 0.5 }), [0.5 * (Math.exp(-1) - 1), 2]);
      expectClose(activations.celu(tensor([-1, 2]), { alpha: 2 }), [2 * (Math.exp(-0.5) - 1), 2]);
      expectClose(activations.softmax(tensor([[1, 2], [3, 5]]), { axis: 0 }), [0.11920292, 0.04742587, 0.88079708, 0.95257413]);
    });
    xs.dispose();
    gradcheck((t) => activations.relu(t, { negativeSlope: 0.1, threshold: 0.5, maxValue: 2 }), [{ values: x, shape: [2, 3] }]);
  });

  it('resolves null to linear, serialises to the Keras id, and rejects unknown ids', () => {
    expect(activations.serialize(activations.get(null))).toBe('linear');
    expect(activations.serialize(activations.get('swish'))).toBe('silu');
    expect(activations.get('relu')).toBe(activations.relu);
    expect(activations.serialize(activations.leakyRelu)).toBe('leaky_relu');
    expect(() => activations.get('constructor')).toThrow('Could not interpret activation function identifier: constructor');
    const custom = (t: Tensor) => t;
    expect(activations.get(custom)).toBe(custom);
    expect(() => activations.get('relu2')).toThrow('Could not interpret activation function identifier: relu2');
  });
});
