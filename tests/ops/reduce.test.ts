import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const reductions = [['sum', tf.sum], ['mean', tf.mean], ['max', tf.max], ['min', tf.min]] as const;
const axisCases: [number | number[] | null, boolean][] = [
  [null, false], [0, false], [-1, true], [[0, 2], false], [[2, 1], true], [1, false],
];

describe('reductions', () => {
  const x = seededValues(60, 11, -4, 4);

  for (const [name, oracle] of reductions) {
    it.each(axisCases)(`${name} over axis %j (keepdims %s) matches tfjs`, (axis, keepdims) => {
      const want = oracle(tf.tensor(x, [3, 4, 5]), axis ?? undefined, keepdims);
      tidy(() => {
        const got = ops[name](tensor(x, [3, 4, 5]), axis, keepdims);
        expect(got.shape).toEqual(want.shape);
        expectClose(got, want.dataSync(), 1e-5);
      });
    });
  }

  it.each([[0], [1], [-1]])('argmax and argmin along axis %i match tfjs', (axis) => {
    const input = tf.tensor(x, [6, 10]);
    tidy(() => {
      const am = ops.argmax(tensor(x, [6, 10]), axis);
      expect(am.dtype).toBe('int32');
      expect(Array.from(am.dataSync())).toEqual(Array.from(tf.argMax(input, axis).dataSync()));
      expect(Array.from(ops.argmin(tensor(x, [6, 10]), axis).dataSync())).toEqual(Array.from(tf.argMin(input, axis).dataSync()));
    });
  });

  it('argmax defaults to the last axis, and null flattens', () => {
    tidy(() => {
      const t = tensor([[1, 9, 3], [8, 2, 7]]);
      expect(Array.from(ops.argmax(t).dataSync())).toEqual([1, 0]);
      expect(ops.argmax(t, null).arraySync()).toBe(1);
      expect(ops.argmin(t, null, true).shape).toEqual([1, 1]);
      expect(ops.argmax(t, 0, true).shape).toEqual([1, 3]);
    });
  });

  it('keeps int32 for sum, max and min, and gives float32 means', () => {
    tidy(() => {
      const t = tensor(Int32Array.from([1, -2, 3, 4]), [2, 2]);
      const s = ops.sum(t, 0);
      expect(s.dtype).toBe('int32');
      expect(Array.from(s.dataSync())).toEqual([4, 2]);
      expect(ops.max(t).dtype).toBe('int32');
      expect(ops.mean(t).dtype).toBe('float32');
      expectClose(ops.mean(t), [1.5]);
    });
  });

  it('reduces a large tensor in parallel to the same values', () => {
    const [rows, cols] = [300, 400];
    const big = seededValues(rows * cols, 12);
    // Exact (float64) sums as the oracle: tfjs itself is ~1e-4 off here.
    const exact = (axis: number | null): number[] => {
      const out = new Array(axis === null ? 1 : axis === 0 ? cols : rows).fill(0);
      big.forEach((v, i) => { out[axis === null ? 0 : axis === 0 ? i % cols : Math.floor(i / cols)] += v; });
      return out;
    };
    for (const axis of [0, 1, null]) {
      tidy(() => expectClose(ops.sum(tensor(big, [rows, cols]), axis), exact(axis), 1e-4));
      const wantMax = tf.max(tf.tensor(big, [rows, cols]), axis ?? undefined).dataSync();
      tidy(() => expectClose(ops.max(tensor(big, [rows, cols]), axis), wantMax, 0));
    }
  });

  it('names the rank for an out-of-range axis', () => {
    tidy(() => {
      const t = tensor([[1, 2, 3], [4, 5, 6]]);
      expect(() => ops.sum(t, 2)).toThrow('sum: axis 2 is out of bounds for a tensor of rank 2 (shape (2, 3)): expected an axis in [-2, 1]');
      expect(() => ops.mean(t, [0, -3])).toThrow('mean: axis -3 is out of bounds for a tensor of rank 2');
      expect(() => ops.max(t, [1, -1])).toThrow('max: axis -1 is repeated');
      expect(() => ops.argmax(t, 5)).toThrow('argmax: axis 5 is out of bounds for a tensor of rank 2');
      expect(() => ops.min(t, 0.5)).toThrow('min: axis must be an integer, a list of integers or null, received 0.5');
      expect(() => ops.max(tensor([], [0]))).toThrow('max: cannot reduce over an empty axis');
    });
  });

  it('frees everything inside tidy', () => {
    const before = memory().numTensors;
    tidy(() => {
      const t = tensor(x, [3, 4, 5]);
      ops.sum(t, [0, 1]);
      ops.mean(t, -1, true);
      ops.argmax(t);
      ops.max(3);
    });
    expect(memory().numTensors).toBe(before);
  });

  it.each(axisCases)('sum and mean gradients over axis %j (keepdims %s) agree with finite differences', (axis, keepdims) => {
    const input = [{ values: seededValues(24, 13), shape: [2, 3, 4] }];
    gradcheck((t) => ops.sum(t, axis, keepdims), input);
    gradcheck((t) => ops.mean(t, axis, keepdims), input);
  });

  it.each([null, 0, -1, [0, 1]] as const)('max and min gradients over axis %j agree with finite differences', (axis) => {
    const input = [{ values: [0.3, -1.2, 2.5, 0.9, -0.4, 1.7, 3.1, -2.2, 0.1, 1.3, -0.8, 2.0], shape: [2, 3, 2] }];
    gradcheck((t) => ops.max(t, axis as number | number[] | null), input);
    gradcheck((t) => ops.min(t, axis as number | number[] | null, true), input);
  });

  it('splits the gradient of max evenly among ties, as TensorFlow does', () => {
    tidy(() => {
      const t = tensor([[1, 3, 3], [2, 2, 2]]);
      const { grads } = valueAndGrads(() => ops.sum(ops.max(t, 1)), [t]);
      // TensorFlow (Python) divides by the number of ties; tfjs gives each tie the whole gradient.
      expectClose(grads[0]!, [0, 0.5, 0.5, 1 / 3, 1 / 3, 1 / 3], 1e-6);
    });
  });
});
