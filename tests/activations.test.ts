import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { activations, tensor, tidy } from '../ts/index.js';
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

  it('resolves null to linear, serialises to the Keras id, and rejects unknown ids', () => {
    expect(activations.serialize(activations.get(null))).toBe('linear');
    expect(activations.serialize(activations.get('swish'))).toBe('silu');
    const custom = (t: never) => t;
    expect(activations.get(custom)).toBe(custom);
    expect(() => activations.get('relu2')).toThrow('Could not interpret activation function identifier: relu2');
  });
});
