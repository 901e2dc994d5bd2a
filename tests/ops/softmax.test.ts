import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

describe('softmax and logSoftmax', () => {
  const shape = [3, 4, 5];
  const x = seededValues(60, 51, -6, 6);

  // tfjs's softmax only takes the last axis, so other axes use exp(x - logSumExp(x, axis)).
  const logOracle = (axis: number) => {
    const t = tf.tensor(x, shape);
    return tf.sub(t, tf.logSumExp(t, axis, true));
  };

  it.each([-1, 0, 1, 2, -2])('along axis %i matches tfjs', (axis) => {
    const wantLog = logOracle(axis).dataSync();
    const want = tf.exp(logOracle(axis)).dataSync();
    tidy(() => {
      const got = ops.softmax(tensor(x, shape), axis);
      expect(got.shape).toEqual(shape);
      expectClose(got, want, 1e-5);
      expectClose(ops.logSoftmax(tensor(x, shape), axis), wantLog, 1e-5);
    });
  });

  it('defaults to the last axis, like tf.softmax and tf.logSoftmax', () => {
    const t = tf.tensor(x, shape);
    tidy(() => {
      expectClose(ops.softmax(tensor(x, shape)), tf.softmax(t).dataSync(), 1e-5);
      expectClose(ops.logSoftmax(tensor(x, shape)), tf.logSoftmax(t).dataSync(), 1e-5);
    });
  });

  it('stays finite for large logits', () => {
    tidy(() => {
      expectClose(ops.softmax(tensor([1000, 1001, -1000])), [0.26894142, 0.7310586, 0], 1e-6);
      expectClose(ops.logSoftmax(tensor([1000, 1001, -1000])), [-1.3132616, -0.31326166, -2001.3132], 1e-6);
    });
  });

  it('matches tfjs on a large batch (parallel rows)', () => {
    const big = seededValues(512 * 100, 52, -5, 5);
    const want = tf.softmax(tf.tensor(big, [512, 100])).dataSync();
    tidy(() => expectClose(ops.softmax(tensor(big, [512, 100])), want, 1e-5));
  });

  it('rejects bad axes and int32 inputs clearly', () => {
    tidy(() => {
      expect(() => ops.softmax(tensor(x, shape), 3)).toThrow('softmax: axis 3 is out of bounds for a tensor of rank 3 (shape (3, 4, 5)): expected an axis in [-3, 2]');
      expect(() => ops.logSoftmax(tensor(x, shape), -4)).toThrow('log_softmax: axis -4 is out of bounds for a tensor of rank 3');
      expect(() => ops.softmax(tensor(x, shape), 1.5)).toThrow('softmax: axis must be an integer, received 1.5');
      expect(() => ops.softmax(tensor(Int32Array.from([1, 2])))).toThrow('softmax: expected a float32 tensor, received int32');
    });
  });

  it('frees everything inside tidy', () => {
    const before = memory().numTensors;
    tidy(() => {
      ops.softmax(tensor(x, shape), 1);
      ops.logSoftmax(tensor(x, shape));
    });
    expect(memory().numTensors).toBe(before);
  });

  it.each([-1, 0, 1])('gradients along axis %i agree with finite differences', (axis) => {
    const input = [{ values: seededValues(24, 53, -2, 2), shape: [2, 3, 4] }];
    gradcheck((t) => ops.softmax(t, axis), input);
    gradcheck((t) => ops.logSoftmax(t, axis), input);
  });

  it('gradients match tfjs on the last axis', () => {
    const r = seededValues(60, 54);
    const want = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.softmax(t), tf.tensor(r, shape))))(tf.tensor(x, shape)).dataSync();
    const wantLog = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.logSoftmax(t), tf.tensor(r, shape))))(tf.tensor(x, shape)).dataSync();
    tidy(() => {
      const t = tensor(x, shape);
      const w = tensor(r, shape);
      expectClose(valueAndGrads(() => ops.sum(ops.multiply(ops.softmax(t), w)), [t]).grads[0]!, want, 1e-5);
      expectClose(valueAndGrads(() => ops.sum(ops.multiply(ops.logSoftmax(t), w)), [t]).grads[0]!, wantLog, 1e-5);
    });
  });
});
