import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads } from '../../ts/index.js';
import { depthwiseConv, separableConv } from '../../ts/ops/conv.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
type Pad = 'valid' | 'same';
type Shape4 = [number, number, number, number];

describe('depthwiseConv', () => {
  it.each([
    [[2, 7, 6, 3], [3, 3, 3, 1], [1, 1], 'same', [1, 1]],
    [[2, 7, 6, 3], [3, 3, 3, 2], [2, 2], 'valid', [1, 1]],
    [[1, 9, 8, 4], [3, 2, 4, 3], [1, 1], 'same', [2, 2]],
    [[2, 8, 8, 16], [3, 3, 16, 1], [2, 2], 'same', [1, 1]],
  ] as [number[], number[], number[], Pad, number[]][])('2-D %j ⊛ %j, strides %j, %s, dilation %j matches tf.depthwiseConv2d', (xs, ws, strides, padding, dilation) => {
    const xv = seededValues(size(xs), 1), wv = seededValues(size(ws), 2);
    const want = tf.depthwiseConv2d(tf.tensor4d(xv, xs as Shape4), tf.tensor4d(wv, ws as Shape4), strides as [number, number], padding, 'NHWC', dilation as [number, number]);
    tidy(() => {
      const got = depthwiseConv(tensor(xv, xs), tensor(wv, ws), { strides, padding, dilationRate: dilation });
      expect(got.shape).toEqual(want.shape);
      expectClose(got, want.dataSync(), 1e-4);
    });
  });

  it('1-D is the 2-D one over a height of 1', () => {
    const xv = seededValues(2 * 9 * 3, 3), wv = seededValues(3 * 3 * 2, 4);
    const want = tf.depthwiseConv2d(tf.tensor4d(xv, [2, 1, 9, 3]), tf.tensor4d(wv, [1, 3, 3, 2]), [1, 2], 'same');
    tidy(() => {
      const got = depthwiseConv(tensor(xv, [2, 9, 3]), tensor(wv, [3, 3, 2]), { strides: 2, padding: 'same' });
      expect(got.shape).toEqual([2, 5, 6]);
      expectClose(got, want.dataSync(), 1e-4);
    });
  });

  it('channels_first equals channels_last on transposed data', () => {
    const xv = seededValues(2 * 3 * 5 * 4, 5), wv = seededValues(2 * 2 * 3 * 2, 6);
    const xLast = tf.transpose(tf.tensor4d(xv, [2, 3, 5, 4]), [0, 2, 3, 1]) as tf.Tensor4D;
    const want = tf.transpose(tf.depthwiseConv2d(xLast, tf.tensor4d(wv, [2, 2, 3, 2]), 1, 'same'), [0, 3, 1, 2]);
    tidy(() => {
      const got = depthwiseConv(tensor(xv, [2, 3, 5, 4]), tensor(wv, [2, 2, 3, 2]), { padding: 'same', dataFormat: 'channels_first' });
      expect(got.shape).toEqual([2, 6, 5, 4]);
      expectClose(got, want.dataSync(), 1e-4);
    });
  });

  it('gradients match tfjs depthwiseConv2d', () => {
    const [xs, ws] = [[2, 6, 5, 3], [3, 3, 3, 2]];
    const xv = seededValues(size(xs), 21), wv = seededValues(size(ws), 22);
    const [dx, dw] = tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same').square().sum())(
      [tf.tensor(xv, xs), tf.tensor(wv, ws)]);
    tidy(() => {
      const [x, w] = [tensor(xv, xs), tensor(wv, ws)];
      const { grads } = valueAndGrads(() => ops.sum(ops.square(depthwiseConv(x, w, { strides: 2, padding: 'same' }))), [x, w]);
      expectClose(grads[0]!, dx!.dataSync(), 1e-4);
      expectClose(grads[1]!, dw!.dataSync(), 1e-4);
    });
  });

  it.each([
    [[2, 5, 2], [3, 2, 2], { strides: 2, padding: 'same' as const }],
    [[1, 4, 3, 2], [2, 2, 2, 3], { dilationRate: [1, 2], padding: 'same' as const }],
    [[1, 2, 4, 3], [2, 2, 2, 1], { dataFormat: 'channels_first' as const }],
    [[1, 3, 3, 3, 2], [2, 2, 2, 2, 2], { strides: [1, 2, 1], padding: 'same' as const }],
  ])('%j ⊛ %j %j has gradients that agree with finite differences', (xs, ws, options) => {
    gradcheck((x, w) => depthwiseConv(x, w, options), [
      { values: seededValues(size(xs), 31), shape: xs },
      { values: seededValues(size(ws), 32), shape: ws },
    ]);
  });

  it('names the op and both shapes in its errors', () => {
    tidy(() => {
      const z = (s: number[]) => tensor(new Float32Array(size(s)), s);
      expect(() => depthwiseConv(z([1, 4, 4, 3]), z([3, 3, 2, 1])))
        .toThrow("depthwise_conv: the kernel's input channels (2) must equal the inputs' channels (3), received inputs of shape (1, 4, 4, 3) and kernel of shape (3, 3, 2, 1)");
      expect(() => depthwiseConv(z([1, 4, 4, 3]), z([3, 3, 1])))
        .toThrow('depthwise_conv: inputs must have rank 3, 4 or 5 and the kernel the same rank, received inputs of shape (1, 4, 4, 3) and kernel of shape (3, 3, 1)');
      expect(() => depthwiseConv(z([1, 2, 2, 1]), z([3, 3, 1, 1]))).toThrow('conv: computed output size would be zero or negative');
      expect(() => depthwiseConv(z([1, 4, 1]), z([3, 1, 1]), { padding: 'causal' as 'same' })).toThrow("depthwise_conv: `padding` must be either 'valid' or 'same'");
    });
  });

  it('frees everything inside tidy, including gradients', () => {
    const before = memory().numTensors;
    tidy(() => {
      const x = tensor(seededValues(50, 1), [2, 5, 5, 1]);
      const w = tensor(seededValues(18, 2), [3, 3, 1, 2]);
      valueAndGrads(() => ops.sum(depthwiseConv(x, w, { padding: 'same' })), [x, w]);
    });
    expect(memory().numTensors).toBe(before);
    const x = tensor(seededValues(8, 1), [1, 4, 2]), w = tensor(seededValues(6, 2), [3, 2, 1]);
    const y = depthwiseConv(x, w);
    expect(memory().numTensors).toBe(before + 3);
    for (const t of [x, w, y]) t.dispose();
  });

  it('separableConv is depthwise then pointwise, as tf.separableConv2d, with gradients to all three tensors', () => {
    const xv = seededValues(2 * 6 * 5 * 3, 41), dv = seededValues(3 * 3 * 3 * 2, 42), pv = seededValues(6 * 4, 43);
    const want = tf.separableConv2d(tf.tensor4d(xv, [2, 6, 5, 3]), tf.tensor4d(dv, [3, 3, 3, 2]), tf.tensor4d(pv, [1, 1, 6, 4]), 2, 'same');
    const before = memory().numTensors;
    tidy(() => {
      const got = separableConv(tensor(xv, [2, 6, 5, 3]), tensor(dv, [3, 3, 3, 2]), tensor(pv, [1, 1, 6, 4]), { strides: 2, padding: 'same' });
      expect(got.shape).toEqual([2, 3, 3, 4]);
      expectClose(got, want.dataSync(), 1e-4);
    });
    expect(memory().numTensors).toBe(before);
    gradcheck((x, d, p) => separableConv(x, d, p, { padding: 'same', dataFormat: 'channels_first' }), [
      { values: seededValues(2 * 3 * 3, 44), shape: [1, 2, 3, 3] },
      { values: seededValues(2 * 2 * 2 * 2, 45), shape: [2, 2, 2, 2] },
      { values: seededValues(4 * 3, 46), shape: [1, 1, 4, 3] },
    ]);
  });
});
