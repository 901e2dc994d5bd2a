import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads, type Tensor } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

/** Distinct values (a shuffled ramp): max-pool windows without ties. */
function distinct(n: number, seed: number): Float32Array {
  const r = seededValues(n, seed);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => r[a]! - r[b]! || a - b);
  const v = new Float32Array(n);
  order.forEach((i, rank) => { v[i] = (rank / n) * 4 - 2; });
  return v;
}

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

/**
 * Output and input gradient of sum(pool(x) * r) under tfjs. tfjs's average-pool gradient divides
 * by the full window even where its forward pass (like TensorFlow's, and ours) averages only the
 * real cells of a 'same'-padded border window, so that gradient is compared only for 'valid'
 * padding; finite differences check ours everywhere.
 */
function tfPool(f: (x: tf.Tensor) => tf.Tensor, x: Float32Array, shape: number[]): { y: tf.Tensor; dx: Float32Array } {
  const y = f(tf.tensor(x, shape));
  const r = tf.tensor(seededValues(y.size, 5), y.shape);
  const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t), r)))(tf.tensor(x, shape)).dataSync() as Float32Array;
  return { y, dx };
}

function ours(f: (x: Tensor) => Tensor, x: Float32Array, shape: number[]): { y: number[]; shape: number[]; dx: number[] } {
  return tidy(() => {
    const t = tensor(x, shape);
    const y = f(t);
    const r = tensor(seededValues(size(y.shape), 5), y.shape);
    const { grads } = valueAndGrads(() => ops.sum(ops.multiply(f(t), r)), [t]);
    return { y: Array.from(y.dataSync()), shape: y.shape, dx: Array.from(grads[0]!.dataSync()) };
  });
}

describe('maxPool and averagePool', () => {
  const cases2d: [number[], number[], number[], 'valid' | 'same'][] = [
    [[2, 7, 6, 3], [2, 2], [2, 2], 'valid'],
    [[2, 7, 6, 3], [2, 2], [2, 2], 'same'],
    [[1, 9, 8, 2], [3, 3], [2, 2], 'same'],
    [[1, 9, 8, 2], [3, 2], [1, 2], 'valid'],
    [[3, 5, 5, 4], [3, 3], [1, 1], 'same'],
  ];

  it.each(cases2d)('2-D %j pool %j strides %j %s matches tf.maxPool / tf.avgPool, values and gradients', (shape, pool, strides, padding) => {
    const x = distinct(size(shape), 3);
    const pairs = [
      [(t: Tensor) => ops.maxPool(t, pool, strides, padding), (t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, pool as [number, number], strides as [number, number], padding)],
      [(t: Tensor) => ops.averagePool(t, pool, strides, padding), (t: tf.Tensor) => tf.avgPool(t as tf.Tensor4D, pool as [number, number], strides as [number, number], padding)],
    ] as const;
    for (const [mine, theirs] of pairs) {
      const want = tfPool(theirs, x, shape);
      const got = ours(mine, x, shape);
      expect(got.shape).toEqual(want.y.shape);
      expectClose(got.y, want.y.dataSync(), 1e-6);
      if (mine === pairs[0][0] || padding === 'valid') expectClose(got.dx, want.dx, 1e-5);
    }
    gradcheck((t) => ops.averagePool(t, pool, strides, padding), [{ values: x, shape }]);
  });

  it.each([[[2, 4, 5, 6, 2], [2, 2, 2], [2, 2, 2], 'valid'], [[1, 5, 4, 3, 3], [3, 2, 2], [2, 1, 2], 'same']] as const)(
    '3-D %j pool %j strides %j %s matches tf.maxPool3d / tf.avgPool3d', (shape, pool, strides, padding) => {
      const s = [...shape], p = [...pool] as [number, number, number], st = [...strides] as [number, number, number];
      const x = distinct(size(s), 4);
      const pairs = [
        [(t: Tensor) => ops.maxPool(t, p, st, padding), (t: tf.Tensor) => tf.maxPool3d(t as tf.Tensor5D, p, st, padding)],
        [(t: Tensor) => ops.averagePool(t, p, st, padding), (t: tf.Tensor) => tf.avgPool3d(t as tf.Tensor5D, p, st, padding)],
      ] as const;
      for (const [mine, theirs] of pairs) {
        const want = tfPool(theirs, x, s);
        const got = ours(mine, x, s);
        expect(got.shape).toEqual(want.y.shape);
        expectClose(got.y, want.y.dataSync(), 1e-6);
        if (mine === pairs[0][0] || padding === 'valid') expectClose(got.dx, want.dx, 1e-5);
      }
    });

  it('1-D pools are the 2-D pools of a height-1 image', () => {
    const x = distinct(2 * 11 * 3, 6);
    for (const padding of ['valid', 'same'] as const) {
      const want = tfPool((t) => tf.reshape(tf.maxPool(tf.reshape(t, [2, 1, 11, 3]) as tf.Tensor4D, [1, 3], [1, 2], padding), [2, -1, 3]), x, [2, 11, 3]);
      const got = ours((t) => ops.maxPool(t, 3, 2, padding), x, [2, 11, 3]);
      expectClose(got.y, want.y.dataSync(), 1e-6);
      expectClose(got.dx, want.dx, 1e-5);
      const wantAvg = tfPool((t) => tf.reshape(tf.avgPool(tf.reshape(t, [2, 1, 11, 3]) as tf.Tensor4D, [1, 3], [1, 2], padding), [2, -1, 3]), x, [2, 11, 3]);
      const gotAvg = ours((t) => ops.averagePool(t, [3], [2], padding), x, [2, 11, 3]);
      expectClose(gotAvg.y, wantAvg.y.dataSync(), 1e-6);
      if (padding === 'valid') expectClose(gotAvg.dx, wantAvg.dx, 1e-5);
    }
  });

  it('channels_first equals channels_last transposed; strides default to the pool size', () => {
    const x = seededValues(2 * 3 * 6 * 5, 8);
    tidy(() => {
      const first = tensor(x, [2, 3, 6, 5]);
      const last = ops.transpose(first, [0, 2, 3, 1]);
      for (const f of [ops.maxPool, ops.averagePool]) {
        const yf = f(first, [2, 2], null, 'same', 'channels_first');
        expect(yf.shape).toEqual([2, 3, 3, 3]);
        expectClose(ops.transpose(yf, [0, 2, 3, 1]), f(last, 2, [2, 2], 'same').dataSync(), 1e-6);
      }
    });
  });

  it('has gradients that agree with finite differences (inputs without ties)', () => {
    gradcheck((x) => ops.maxPool(x, [2, 3], [1, 2], 'same'), [{ values: distinct(2 * 5 * 6 * 2, 9), shape: [2, 5, 6, 2] }]);
    gradcheck((x) => ops.averagePool(x, 3, 2, 'same', 'channels_first'), [{ values: distinct(1 * 2 * 7, 10), shape: [1, 2, 7] }]);
    gradcheck((x) => ops.averagePool(x, [2, 2, 2], [1, 1, 1]), [{ values: distinct(1 * 3 * 3 * 3 * 1, 11), shape: [1, 3, 3, 3, 1] }]);
  });

  it("rejects bad arguments with Keras's messages, and bad shapes with the op's", () => {
    tidy(() => {
      const x = tensor(new Float32Array(16), [1, 4, 4, 1]);
      expect(() => ops.maxPool(x, [2, 2, 2])).toThrow('The `pool_size` argument must be a tuple of 2 integers. Received pool_size=(2, 2, 2)');
      expect(() => ops.maxPool(x, [2, 0])).toThrow('The `pool_size` argument must be a tuple of 2 integers. Received pool_size=(2, 0), including values {0} that do not satisfy `value > 0`');
      expect(() => ops.averagePool(x, 2, 0)).toThrow('Received strides=0, including values {0}');
      expect(() => ops.maxPool(x, 2, null, 'full' as 'same')).toThrow("Argument `padding` must be either 'valid' or 'same'. Received: padding=full");
      expect(() => ops.maxPool(x, 2, null, 'valid', 'nchw' as 'channels_last')).toThrow("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nchw");
      expect(() => ops.maxPool(tensor([1, 2]), 2)).toThrow('maxPool: inputs must have rank 3, 4 or 5');
      expect(ops.maxPool(x, 2, null, 'SAME' as 'same').shape).toEqual([1, 2, 2, 1]);
    });
  });

  it('frees every temporary', () => {
    const before = memory().numTensors;
    tidy(() => {
      const x = tensor(seededValues(2 * 8 * 8 * 3, 1), [2, 8, 8, 3]);
      valueAndGrads(() => ops.sum(ops.averagePool(ops.maxPool(x, 2), 2, 1, 'same')), [x]);
    });
    expect(memory().numTensors).toBe(before);
  });
});
