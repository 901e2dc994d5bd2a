import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
type Pad = 'valid' | 'same';

/** tfjs's convolution of the same rank (channels-last). */
function oracle(x: tf.Tensor, w: tf.Tensor, strides: number[], padding: Pad, dilation: number[]): tf.Tensor {
  switch (x.rank) {
    case 3: return tf.conv1d(x as tf.Tensor3D, w as tf.Tensor3D, strides[0]!, padding, 'NWC', dilation[0]!);
    case 4: return tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides as [number, number], padding, 'NHWC', dilation as [number, number]);
    default: return tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, strides as [number, number, number], padding, 'NDHWC', dilation as [number, number, number]);
  }
}

describe('conv', () => {
  const cases: [number[], number[], number[], Pad, number[]][] = [
    [[2, 11, 3], [3, 3, 5], [1], 'valid', [1]],
    [[2, 11, 3], [4, 3, 5], [2], 'same', [1]],
    [[2, 12, 3], [3, 3, 4], [1], 'same', [3]],
    [[2, 9, 8, 3], [3, 3, 3, 4], [1, 1], 'same', [1, 1]],
    [[2, 9, 8, 3], [3, 2, 3, 4], [2, 3], 'valid', [1, 1]],
    [[1, 10, 10, 2], [3, 3, 2, 3], [1, 1], 'same', [2, 2]],
    [[4, 28, 28, 8], [3, 3, 8, 16], [2, 2], 'same', [1, 1]],
    [[2, 5, 6, 7, 2], [2, 3, 2, 2, 3], [1, 2, 1], 'same', [1, 1, 1]],
    [[1, 6, 6, 6, 2], [3, 3, 3, 2, 2], [1, 1, 1], 'valid', [1, 1, 1]],
  ];

  it.each(cases)('%j * %j, strides %j, %s, dilation %j matches tfjs', (xs, ws, strides, padding, dilation) => {
    const xv = seededValues(size(xs), 11);
    const wv = seededValues(size(ws), 12);
    const want = oracle(tf.tensor(xv, xs), tf.tensor(wv, ws), strides, padding, dilation);
    tidy(() => {
      const got = ops.conv(tensor(xv, xs), tensor(wv, ws), { strides, padding, dilationRate: dilation });
      expect(got.shape).toEqual(want.shape);
      expectClose(got, want.dataSync(), 1e-4);
    });
  });

  it('channels_first equals channels_last on transposed data', () => {
    const xs = [2, 3, 7, 6];
    const xv = seededValues(size(xs), 5);
    const wv = seededValues(3 * 3 * 3 * 4, 6);
    const want = tf.transpose(tf.conv2d(tf.transpose(tf.tensor4d(xv, xs as [number, number, number, number]), [0, 2, 3, 1]) as tf.Tensor4D,
      tf.tensor4d(wv, [3, 3, 3, 4]), 2, 'same'), [0, 3, 1, 2]);
    tidy(() => {
      const got = ops.conv(tensor(xv, xs), tensor(wv, [3, 3, 3, 4]), { strides: 2, padding: 'same', dataFormat: 'channels_first' });
      expect(got.shape).toEqual([2, 4, 4, 3]);
      expectClose(got, want.dataSync(), 1e-4);
    });
  });

  it('infers groups from the kernel, as keras.ops.conv', () => {
    tidy(() => {
      // 4 input channels, kernel of 2: two groups; output channel 0 reads channels 0-1, 1 reads 2-3.
      const x = tensor([[[1, 2, 3, 4]]]);
      const w = tensor([[[1, 10], [1, 10]]]);
      expectClose(ops.conv(x, w), [3, 70]);
    });
  });

  it('gradients match tfjs conv2d', () => {
    const [xs, ws] = [[2, 7, 6, 3], [3, 3, 3, 4]];
    const xv = seededValues(size(xs), 21);
    const wv = seededValues(size(ws), 22);
    const [dx, dw] = tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same').square().sum())(
      [tf.tensor(xv, xs), tf.tensor(wv, ws)]);
    tidy(() => {
      const [x, w] = [tensor(xv, xs), tensor(wv, ws)];
      const { grads } = valueAndGrads(() => ops.sum(ops.square(ops.conv(x, w, { strides: 2, padding: 'same' }))), [x, w]);
      expectClose(grads[0]!, dx!.dataSync(), 1e-4);
      expectClose(grads[1]!, dw!.dataSync(), 1e-4);
    });
  });

  it.each([
    [[2, 6, 2], [3, 2, 3], { strides: 2, padding: 'same' as const }],
    [[1, 7, 1], [2, 1, 2], { dilationRate: 2, padding: 'same' as const }],
    [[1, 5, 4, 2], [2, 3, 2, 2], { strides: [2, 1], padding: 'valid' as const }],
    [[1, 4, 5, 4], [2, 2, 2, 2], { padding: 'same' as const }],
    [[1, 2, 4, 3], [2, 2, 2, 2], { padding: 'same' as const, dataFormat: 'channels_first' as const }],
    [[1, 3, 3, 4, 2], [2, 2, 2, 2, 2], { strides: [1, 2, 1], padding: 'same' as const }],
  ])('%j * %j %j has gradients that agree with finite differences', (xs, ws, options) => {
    gradcheck((x, w) => ops.conv(x, w, options), [
      { values: seededValues(size(xs), 31), shape: xs },
      { values: seededValues(size(ws), 32), shape: ws },
    ]);
  });

  it('names the op and both shapes in its errors', () => {
    tidy(() => {
      const z = (s: number[]) => tensor(new Float32Array(size(s)), s);
      expect(() => ops.conv(z([1, 4, 4, 1]), z([5, 5, 1, 2])))
        .toThrow('conv: computed output size would be zero or negative, received inputs of shape (1, 4, 4, 1) and kernel of shape (5, 5, 1, 2)');
      expect(() => ops.conv(z([1, 4, 4, 5]), z([3, 3, 2, 2])))
        .toThrow("conv: the inputs' channels (5) must be a positive multiple of the kernel's input channels (2), received inputs of shape (1, 4, 4, 5) and kernel of shape (3, 3, 2, 2)");
      expect(() => ops.conv(z([1, 4, 4, 1]), z([3, 1, 1])))
        .toThrow('conv: the kernel must have the same rank as the inputs, received inputs of shape (1, 4, 4, 1) and kernel of shape (3, 1, 1)');
      expect(() => ops.conv(z([4, 4]), z([3, 3])))
        .toThrow('conv: inputs must have rank 3, 4 or 5 (batch, spatial axes, channels), received inputs of shape (4, 4) and kernel of shape (3, 3)');
      expect(() => ops.conv(z([1, 4, 1]), z([3, 1, 1]), { strides: 0 })).toThrow('conv: `strides` must hold integers >= 1, received 0');
      expect(() => ops.conv(z([1, 4, 1]), z([3, 1, 1]), { padding: 'causal' as 'same' })).toThrow("conv: `padding` must be either 'valid' or 'same'");
      expect(() => ops.conv(z([1, 4, 4, 1]), z([3, 3, 1, 1]), { strides: [1, 1, 1] }))
        .toThrow('conv: `strides` must hold 1 or 2 values, received [1, 1, 1] for inputs of shape (1, 4, 4, 1) and kernel of shape (3, 3, 1, 1)');
    });
  });

  it('frees everything inside tidy, including gradients', () => {
    const before = memory().numTensors;
    tidy(() => {
      const x = tensor(seededValues(50, 1), [2, 5, 5, 1]);
      const w = tensor(seededValues(18, 2), [3, 3, 1, 2]);
      valueAndGrads(() => ops.sum(ops.conv(x, w, { padding: 'same' })), [x, w]);
    });
    expect(memory().numTensors).toBe(before);
  });
});
