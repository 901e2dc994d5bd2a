import { describe, expect, it } from 'vitest';
import { Input, memory, ops, tensor, tidy } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const x = [-1.69, 1.12, -0.25, 0.89, 1.91, 0.15, 0.0, -1.71, -0.93, 0.0, 0.72, 1.21, -0.48, -1.74, -0.85, 1.64, -1.15, -0.19, 1.72, -1.9, 0.4, 1.8, -1.08, 0.19];

describe('split', () => {
  it('cuts at indices as Keras does', () => {
    // Keras 3.15.1 (jax): keras.ops.split(x, [1, 3], axis=-1) of x of shape [2, 3, 4].
    const want = [
      [-1.69, 1.91, -0.93, -0.48, -1.15, 0.4],
      [1.12, -0.25, 0.15, 0.0, 0.0, 0.72, -1.74, -0.85, -0.19, 1.72, 1.8, -1.08],
      [0.89, -1.71, 1.21, 1.64, -1.9, 0.19],
    ];
    tidy(() => {
      const parts = ops.split(tensor(x, [2, 3, 4]), [1, 3], -1);
      expect(parts.map((p) => p.shape)).toEqual([[2, 3, 1], [2, 3, 2], [2, 3, 1]]);
      parts.forEach((p, i) => expectClose(p, want[i]!, 1e-6));
    });
  });

  it('cuts into equal sections, and takes empty parts and int32', () => {
    tidy(() => {
      const halves = ops.split(tensor(x, [2, 3, 4]), 2);
      expect(halves.map((p) => p.shape)).toEqual([[1, 3, 4], [1, 3, 4]]);
      expectClose(halves[1]!, x.slice(12), 1e-6);
      expect(ops.split(tensor([1, 2, 3]), [0, 3]).map((p) => p.shape)).toEqual([[0], [3], [0]]);
      expect(ops.split(tensor(Int32Array.from([1, 2, 3, 4]), [4], 'int32'), 2).map((p) => p.arraySync())).toEqual([[1, 2], [3, 4]]);
    });
  });

  it("refuses uneven sections and unordered indices with Keras's messages", () => {
    const before = memory().numTensors;
    tidy(() => {
      const t = tensor(x, [2, 3, 4]);
      expect(() => ops.split(t, 3, 2)).toThrow(
        '`x` size on given `axis` must be divisible by `indices_or_sections` when `indices_or_sections` is an int. But received 4 and 3.');
      expect(() => ops.split(t, [3, 1], 2)).toThrow('split: `indices_or_sections` must be non-decreasing and within [0, 4] on the split axis, received [3, 1]');
      expect(() => ops.split(t, [5], 2)).toThrow('within [0, 4]');
      expect(() => ops.split(t, 2, 3)).toThrow('axis 3 is out of bounds for an array with dimension 3.');
    });
    expect(memory().numTensors).toBe(before);
  });

  it('gives one KerasTensor per part, of Keras shapes', () => {
    const input = Input({ shape: [6] });
    expect(ops.split(input, 3, 1).map((p) => p.shape)).toEqual([[null, 2], [null, 2], [null, 2]]);
    const parts = ops.split(input, [2], -1);
    expect(parts.map((p) => p.shape)).toEqual([[null, 2], [null, 4]]);
    expect(parts.map((p) => p.outputIndex)).toEqual([0, 1]);
    expect(ops.split(input, 2, 0).map((p) => p.shape)).toEqual([[null, 6], [null, 6]]);
  });

  it('has gradients that put each part back in its place', () => {
    gradcheck((t) => ops.concatenate(ops.split(t!, [1, 3], 1).map((p, i) => ops.multiply(p, i + 1)), 1), [{ values: seededValues(12, 61), shape: [3, 4] }]);
  });
});
