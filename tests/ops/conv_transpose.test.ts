import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads } from '../../ts/index.js';
import { convTranspose } from '../../ts/ops/conv.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
type Pad = 'valid' | 'same';

/**
 * The transposed convolution as tfjs's input gradient of the forward convolution whose input has
 * shape `outShape`: grad_u sum(conv(u, w) * x).
 */
function byGradient(x: tf.Tensor, wDilated: tf.Tensor, outShape: number[], strides: number[], padding: Pad, dilationRate: number[]): tf.Tensor {
  // tfjs has no gradient for dilated convolutions: dilate the kernel with zeros instead.
  const w = dilateKernel(wDilated, dilationRate);
  const dilation = dilationRate.map(() => 1);
  const forward = (u: tf.Tensor): tf.Tensor => {
    switch (x.rank) {
      case 3: return tf.conv1d(u as tf.Tensor3D, w as tf.Tensor3D, strides[0]!, padding, 'NWC', dilation[0]!);
      case 4: return tf.conv2d(u as tf.Tensor4D, w as tf.Tensor4D, strides as [number, number], padding, 'NHWC', dilation as [number, number]);
      default: return tf.conv3d(u as tf.Tensor5D, w as tf.Tensor5D, strides as [number, number, number], padding, 'NDHWC', dilation as [number, number, number]);
    }
  };
  return tf.grad((u: tf.Tensor) => forward(u).mul(x).sum())(tf.zeros(outShape));
}

/** The kernel with `d - 1` zeros between its taps along each spatial axis. */
function dilateKernel(w: tf.Tensor, d: number[]): tf.Tensor {
  const n = w.rank - 2;
  const shape = w.shape.map((k, i) => (i < n ? (k - 1) * d[i]! + 1 : k));
  const values = w.dataSync(), out = new Float32Array(size(shape));
  const tail = w.shape[n]! * w.shape[n + 1]!;
  for (let tap = 0; tap < values.length / tail; tap++) {
    let rest = tap, index = 0;
    for (let i = n - 1, scale = 1; i >= 0; i--) {
      index += (rest % w.shape[i]!) * d[i]! * scale;
      rest = Math.floor(rest / w.shape[i]!);
      scale *= shape[i]!;
    }
    out.set(values.subarray(tap * tail, (tap + 1) * tail), index * tail);
  }
  return tf.tensor(out, shape);
}

describe('convTranspose', () => {
  it.each([
    // inputs, kernel (k…, out, in), strides, padding, outputPadding, expected output shape
    [[2, 4, 5, 3], [3, 3, 4, 3], [2, 2], 'valid', null, [2, 9, 11, 4]],
    [[2, 4, 5, 3], [3, 3, 4, 3], [2, 2], 'same', null, [2, 8, 10, 4]],
    [[1, 5, 5, 2], [4, 4, 3, 2], [1, 1], 'same', null, [1, 5, 5, 3]],
    [[1, 3, 4, 2], [2, 2, 3, 2], [3, 2], 'valid', [1, 1], [1, 9, 9, 3]],
    [[1, 3, 4, 2], [2, 2, 3, 2], [3, 2], 'valid', null, [1, 9, 8, 3]],
    [[2, 4, 3, 2], [3, 3, 2, 2], [2, 2], 'same', [0, 1], [2, 7, 6, 2]],
    [[1, 7, 7, 16], [5, 5, 8, 16], [2, 2], 'same', null, [1, 14, 14, 8]],
  ] as [number[], number[], number[], Pad, number[] | null, number[]][])(
    '2-D %j ⊛ᵀ %j, strides %j, %s, output_padding %j matches tf.conv2dTranspose', (xs, ws, strides, padding, outputPadding, outShape) => {
      const xv = seededValues(size(xs), 1), wv = seededValues(size(ws), 2);
      const want = tf.conv2dTranspose(tf.tensor4d(xv, xs as [number, number, number, number]), tf.tensor4d(wv, ws as [number, number, number, number]),
        outShape as [number, number, number, number], strides as [number, number], padding);
      tidy(() => {
        const got = convTranspose(tensor(xv, xs), tensor(wv, ws), { strides, padding, outputPadding });
        expect(got.shape).toEqual(outShape);
        expectClose(got, want.dataSync(), 1e-4);
      });
    });

  it.each([
    [[2, 5, 3], [3, 2, 3], [2], 'valid', [1], null, [2, 11, 2]],
    [[2, 5, 3], [4, 2, 3], [3], 'same', [1], null, [2, 15, 2]],
    [[1, 6, 2], [3, 3, 2], [1], 'same', [2], null, [1, 6, 3]],
    [[1, 4, 2], [3, 3, 2], [1], 'valid', [2], null, [1, 8, 3]],
    [[1, 4, 2], [3, 1, 2], [2], 'valid', [1], [1], [1, 10, 1]],
  ] as [number[], number[], number[], Pad, number[], number[] | null, number[]][])(
    '1-D %j ⊛ᵀ %j, strides %j, %s, dilation %j, output_padding %j is the input gradient of tf.conv1d', (xs, ws, strides, padding, dilation, outputPadding, outShape) => {
      const xv = seededValues(size(xs), 3), wv = seededValues(size(ws), 4);
      const want = byGradient(tf.tensor(xv, xs), tf.tensor(wv, ws), outShape, strides, padding, dilation);
      tidy(() => {
        const got = convTranspose(tensor(xv, xs), tensor(wv, ws), { strides, padding, dilationRate: dilation, outputPadding });
        expect(got.shape).toEqual(outShape);
        expectClose(got, want.dataSync(), 1e-4);
      });
    });

  it('2-D with dilation is the input gradient of a dilated tf.conv2d', () => {
    const [xs, ws] = [[1, 5, 4, 2], [3, 2, 3, 2]];
    const xv = seededValues(size(xs), 5), wv = seededValues(size(ws), 6);
    const want = byGradient(tf.tensor(xv, xs), tf.tensor(wv, ws), [1, 9, 6, 3], [1, 1], 'valid', [2, 2]);
    tidy(() => {
      const got = convTranspose(tensor(xv, xs), tensor(wv, ws), { dilationRate: 2 });
      expect(got.shape).toEqual([1, 9, 6, 3]);
      expectClose(got, want.dataSync(), 1e-4);
    });
  });

  it.each([
    [[1, 3, 4, 2, 3], [2, 3, 2, 2, 3], [2, 1, 2], 'same', [1, 6, 4, 4, 2]],
    [[2, 2, 3, 3, 2], [3, 3, 3, 4, 2], [2, 2, 2], 'valid', [2, 5, 7, 7, 4]],
  ] as [number[], number[], number[], Pad, number[]][])('3-D %j ⊛ᵀ %j, strides %j, %s matches tf.conv3dTranspose', (xs, ws, strides, padding, outShape) => {
    const xv = seededValues(size(xs), 7), wv = seededValues(size(ws), 8);
    const want = tf.conv3dTranspose(tf.tensor5d(xv, xs as [number, number, number, number, number]), tf.tensor5d(wv, ws as [number, number, number, number, number]),
      outShape as [number, number, number, number, number], strides as [number, number, number], padding);
    tidy(() => {
      const got = convTranspose(tensor(xv, xs), tensor(wv, ws), { strides, padding });
      expect(got.shape).toEqual(outShape);
      expectClose(got, want.dataSync(), 1e-4);
    });
  });

  it('channels_first equals channels_last on transposed data', () => {
    const xs = [2, 3, 4, 3];
    const xv = seededValues(size(xs), 9), wv = seededValues(3 * 3 * 2 * 3, 10);
    const xLast = tf.transpose(tf.tensor4d(xv, xs as [number, number, number, number]), [0, 2, 3, 1]) as tf.Tensor4D;
    const want = tf.transpose(tf.conv2dTranspose(xLast, tf.tensor4d(wv, [3, 3, 2, 3]), [2, 8, 6, 2], 2, 'same'), [0, 3, 1, 2]);
    tidy(() => {
      const got = convTranspose(tensor(xv, xs), tensor(wv, [3, 3, 2, 3]), { strides: 2, padding: 'same', dataFormat: 'channels_first' });
      expect(got.shape).toEqual([2, 2, 8, 6]);
      expectClose(got, want.dataSync(), 1e-4);
    });
  });

  it('gradients match tfjs conv2dTranspose', () => {
    const [xs, ws] = [[2, 3, 4, 3], [3, 3, 4, 3]];
    const xv = seededValues(size(xs), 21), wv = seededValues(size(ws), 22);
    const [dx, dw] = tf.grads((x: tf.Tensor, w: tf.Tensor) =>
      tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [2, 6, 8, 4], 2, 'same').square().sum())([tf.tensor(xv, xs), tf.tensor(wv, ws)]);
    tidy(() => {
      const [x, w] = [tensor(xv, xs), tensor(wv, ws)];
      const { grads } = valueAndGrads(() => ops.sum(ops.square(convTranspose(x, w, { strides: 2, padding: 'same' }))), [x, w]);
      expectClose(grads[0]!, dx!.dataSync(), 1e-4);
      expectClose(grads[1]!, dw!.dataSync(), 1e-4);
    });
  });

  it.each([
    [[2, 3, 2], [3, 2, 2], { strides: 2, outputPadding: 1 }],
    [[1, 4, 1], [2, 2, 1], { dilationRate: 2, padding: 'same' as const }],
    [[1, 2, 3, 2], [2, 3, 2, 2], { strides: [2, 1], padding: 'same' as const }],
    [[1, 2, 2, 3], [3, 3, 2, 2], { strides: 2, dataFormat: 'channels_first' as const }],
    [[1, 2, 2, 2, 2], [2, 2, 2, 2, 2], { strides: [1, 2, 1], padding: 'same' as const }],
  ])('%j ⊛ᵀ %j %j has gradients that agree with finite differences', (xs, ws, options) => {
    gradcheck((x, w) => convTranspose(x, w, options), [
      { values: seededValues(size(xs), 31), shape: xs },
      { values: seededValues(size(ws), 32), shape: ws },
    ]);
  });

  it('names the op and both shapes in its errors', () => {
    tidy(() => {
      const z = (s: number[]) => tensor(new Float32Array(size(s)), s);
      expect(() => convTranspose(z([1, 4, 4, 3]), z([3, 3, 2, 2])))
        .toThrow("conv_transpose: the inputs' channels (3) must equal the kernel's last axis (2), received inputs of shape (1, 4, 4, 3) and kernel of shape (3, 3, 2, 2)");
      expect(() => convTranspose(z([1, 4, 4, 1]), z([3, 1, 1])))
        .toThrow('conv_transpose: the kernel must have the same rank as the inputs, received inputs of shape (1, 4, 4, 1) and kernel of shape (3, 1, 1)');
      expect(() => convTranspose(z([1, 4, 1]), z([3, 1, 1]), { strides: 2, outputPadding: 2 }))
        .toThrow('conv_transpose: `output_padding` must be strictly less than `strides` for all dimensions, received output_padding=[2] and strides=[2]');
      expect(() => convTranspose(z([1, 4, 1]), z([3, 1, 1]), { outputPadding: -1 })).toThrow('conv_transpose: `output_padding` must hold integers >= 0, received -1');
      expect(() => convTranspose(z([1, 4, 1]), z([3, 1, 1]), { padding: 'causal' as 'same' })).toThrow("conv_transpose: `padding` must be either 'valid' or 'same'");
      expect(() => convTranspose(z([1, 20000, 1]), z([1, 1, 1]), { strides: 20000 })).toThrow('conv_transpose: the output of shape (1, 400000000, 1) would hold more than');
    });
  });

  it('frees everything inside tidy, including gradients', () => {
    const before = memory().numTensors;
    tidy(() => {
      const x = tensor(seededValues(50, 1), [2, 5, 5, 1]);
      const w = tensor(seededValues(18, 2), [3, 3, 2, 1]);
      valueAndGrads(() => ops.sum(convTranspose(x, w, { strides: 2, padding: 'same' })), [x, w]);
    });
    expect(memory().numTensors).toBe(before);
  });
});
