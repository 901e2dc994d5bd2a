import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

describe('ops.pad', () => {
  it('matches tf.pad for per-axis pairs, a single pair and an int', () => {
    const x = seededValues(2 * 3 * 4, 1);
    const cases: [number | [number, number] | [number, number][], [number, number][]][] = [
      [[[0, 1], [2, 0], [1, 3]], [[0, 1], [2, 0], [1, 3]]],
      [[1, 2], [[1, 2], [1, 2], [1, 2]]],
      [1, [[1, 1], [1, 1], [1, 1]]],
      [[[0, 0], [0, 0], [0, 0]], [[0, 0], [0, 0], [0, 0]]],
    ];
    for (const [arg, pairs] of cases) {
      const want = tf.pad(tf.tensor(x, [2, 3, 4]), pairs);
      tidy(() => {
        const y = ops.pad(tensor(x, [2, 3, 4]), arg);
        expect(y.shape).toEqual(want.shape);
        expectClose(y, want.dataSync(), 0);
      });
    }
  });

  it('pads with a constant and keeps int32', () => {
    tidy(() => {
      const y = ops.pad(tensor([[1, 2]]), [[1, 0], [0, 1]], { constantValues: 7 });
      expectClose(y, [7, 7, 7, 1, 2, 7], 0);
      const i = ops.pad(tensor(Int32Array.from([3, 4]), [2]), [[2, 1]]);
      expect(i.dtype).toBe('int32');
      expect(Array.from(i.dataSync())).toEqual([0, 0, 3, 4, 0]);
    });
  });

  it('has the slice of the output gradient as its gradient', () => {
    gradcheck((x) => ops.pad(x, [[1, 0], [0, 2], [2, 1]]), [{ values: seededValues(2 * 2 * 3, 4), shape: [2, 2, 3] }]);
  });

  it('rejects bad widths and leaks nothing', () => {
    tidy(() => {
      expect(() => ops.pad(tensor([[1, 2]]), [[1, 0]])).toThrow("pad: 'pad_width' must be an int, a pair [before, after] or one pair per axis of an input of shape (1, 2)");
      expect(() => ops.pad(tensor([[1, 2]]), [[1, 0], [0, -1]])).toThrow('pad: padding widths must be non-negative');
    });
    const before = memory().numTensors;
    tidy(() => { ops.pad(tensor([[1, 2]]), 2); });
    expect(memory().numTensors).toBe(before);
  });
});
