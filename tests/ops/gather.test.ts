import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const x24 = seededValues(24, 21, -2, 2);
const int = (values: number[], shape?: number[]) => tensor(Int32Array.from(values), shape ?? [values.length], 'int32');

describe('take', () => {
  it.each([
    [0, [1, 0, 1, 1], [4]],
    [1, [2, 0, 2], [3]],
    [2, [3, 0, 1, 3, 2, 2], [2, 3]],
    [-1, [1], [1]],
  ])('matches tf.gather on axis %i', (axis, idx, idxShape) => {
    const want = tf.gather(tf.tensor(x24, [2, 3, 4]), tf.tensor(idx, idxShape, 'int32'), axis);
    tidy(() => {
      const got = ops.take(tensor(x24, [2, 3, 4]), int(idx, idxShape), axis);
      expect(got.shape).toEqual(want.shape);
      expectClose(got, want.dataSync(), 0);
    });
  });

  it('gathers from the flattened input without an axis, and takes number arrays', () => {
    tidy(() => {
      const x = tensor(x24, [2, 3, 4]);
      const got = ops.take(x, [23, 0, 5]);
      expect(got.shape).toEqual([3]);
      expectClose(got, [x24[23]!, x24[0]!, x24[5]!], 0);
      expect(ops.take(int([7, 8, 9]), [2, 2, 0], 0).arraySync()).toEqual([9, 9, 7]);
    });
  });

  it('gathers a large shuffled batch of rows', () => {
    const [n, d] = [5000, 32];
    const values = seededValues(n * d, 5);
    const idx = Array.from({ length: 2048 }, (_, i) => (i * 7919) % n);
    const want = tf.gather(tf.tensor(values, [n, d]), tf.tensor(idx, [idx.length], 'int32'), 0).dataSync();
    tidy(() => expectClose(ops.take(tensor(values, [n, d]), idx, 0), want, 0));
  });

  it('names the bad index and the axis size', () => {
    tidy(() => {
      const x = tensor(x24, [2, 3, 4]);
      expect(() => ops.take(x, [0, -1], 1)).toThrow('take: index -1 is out of bounds for axis 1 with size 3');
      expect(() => ops.take(x, int([4]), 2)).toThrow('take: index 4 is out of bounds for axis 2 with size 4');
      expect(() => ops.take(x, [24])).toThrow('take: index 24 is out of bounds for the flattened input with size 24');
      expect(() => ops.take(x, [0], 3)).toThrow('take: axis 3 is out of bounds for array of dimension 3');
      expect(() => ops.take(x, [0.5])).toThrow("take: 'indices' must be a Tensor or an array of integers");
    });
  });

  it('has gradients that accumulate repeated indices', () => {
    const x = { values: x24.slice(0, 12), shape: [3, 4] };
    gradcheck((t) => ops.take(t, [2, 0, 2, 2], 0), [x]);
    gradcheck((t) => ops.take(t, [1, 1, 3], 1), [x]);
  });

  it('frees the temporary index tensor, also when the call fails', () => {
    const x = tensor(x24, [6, 4]);
    const before = memory().numTensors;
    tidy(() => {
      ops.take(x, [1, 2, 3], 0);
    });
    expect(() => ops.take(x, [9], 0)).toThrow('out of bounds');
    expect(memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('oneHot', () => {
  it.each([
    [[0, 3, 1, 2, 1], [5]],
    [[0, 3, 1, 2, 1, 0], [2, 3]],
  ])('matches tf.oneHot for %j', (idx, shape) => {
    const want = tf.oneHot(tf.tensor(idx, shape, 'int32'), 4);
    tidy(() => {
      const got = ops.oneHot(int(idx, shape), 4);
      expect(got.dtype).toBe('float32');
      expect(got.shape).toEqual(want.shape);
      expectClose(got, want.dataSync(), 0);
    });
  });

  it('gives zero rows for out-of-range indices, as tfjs does', () => {
    const want = tf.oneHot(tf.tensor([-1, 4, 2], [3], 'int32'), 4).dataSync();
    tidy(() => expectClose(ops.oneHot(int([-1, 4, 2]), 4), want, 0));
  });

  it('takes whole-number float32 indices and other axes', () => {
    tidy(() => {
      const got = ops.oneHot(tensor([2, 0]), 3, 0);
      expect(got.shape).toEqual([3, 2]);
      expect(got.arraySync()).toEqual([[0, 1], [0, 0], [1, 0]]);
      expect(() => ops.oneHot(tensor([0.5]), 3)).toThrow('one_hot: indices must be integers, received 0.5');
      expect(() => ops.oneHot(int([1]), 3, 2)).toThrow('one_hot: axis 2 is out of bounds for array of dimension 2');
      expect(() => ops.oneHot(int([1]), 2.5)).toThrow("oneHot: 'numClasses' must be an integer");
    });
  });
});
