/** `utils.toCategorical` against Keras 3.15.1's `keras.utils.to_categorical` (shapes and values checked in Python). */
import { describe, expect, it } from 'vitest';
import { Tensor, ValueError, memory, tensor, utils } from '../../ts/index.js';

/** The result's shape, dtype and values, freeing it. */
function read(t: Tensor): { shape: number[]; dtype: string; values: number[] } {
  const out = { shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) };
  t.dispose();
  return out;
}

describe('toCategorical', () => {
  it("encodes class ids as one-hot float32 rows, the class axis last", () => {
    expect(read(utils.toCategorical([0, 1, 2, 3], 4))).toEqual({
      shape: [4, 4], dtype: 'float32', values: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
    });
    expect(read(utils.toCategorical([[0, 1], [2, 0]], 3)).shape).toEqual([2, 2, 3]);
  });

  it("follows Keras's shape rules: a last axis of 1 is replaced, a scalar gives one row", () => {
    expect(read(utils.toCategorical([[1], [2]], 3))).toEqual({ shape: [2, 3], dtype: 'float32', values: [0, 1, 0, 0, 0, 1] });
    expect(read(utils.toCategorical([1], 3)).shape).toEqual([1, 3]);
    expect(read(utils.toCategorical([[1]], 3)).shape).toEqual([1, 3]);
    expect(read(utils.toCategorical([[[1]], [[2]]], 3)).shape).toEqual([2, 1, 3]);
    expect(read(utils.toCategorical(3, 5))).toEqual({ shape: [5], dtype: 'float32', values: [0, 0, 0, 1, 0] });
    expect(read(utils.toCategorical([], 3)).shape).toEqual([0, 3]);
  });

  it('infers the number of classes (largest id plus one) when it is not given or 0', () => {
    expect(read(utils.toCategorical([1, 2]))).toEqual({ shape: [2, 3], dtype: 'float32', values: [0, 1, 0, 0, 0, 1] });
    expect(read(utils.toCategorical([1, 2], 0)).shape).toEqual([2, 3]);
    expect(read(utils.toCategorical(2)).shape).toEqual([3]);
  });

  it("reads arrays as NumPy does: typed arrays too, floats truncated, a negative id from the end", () => {
    expect(read(utils.toCategorical(Int32Array.from([2, 0]), 3)).values).toEqual([0, 0, 1, 1, 0, 0]);
    expect(read(utils.toCategorical(Float32Array.from([0.7, 1.2]), 3)).values).toEqual([1, 0, 0, 0, 1, 0]);
    expect(read(utils.toCategorical([-1], 3)).values).toEqual([0, 0, 1]);
  });

  it("encodes tensors with oneHot: the same shapes, an id out of range an all-zero row", () => {
    const before = memory().numTensors;
    const ids = tensor(Int32Array.from([1, 2]), [2, 1]);
    expect(read(utils.toCategorical(ids, 3))).toEqual({ shape: [2, 3], dtype: 'float32', values: [0, 1, 0, 0, 0, 1] });
    expect(read(utils.toCategorical(ids)).shape).toEqual([2, 3]);
    const outOfRange = tensor(Int32Array.from([5, -1]));
    expect(read(utils.toCategorical(outOfRange, 3)).values).toEqual([0, 0, 0, 0, 0, 0]);
    ids.dispose();
    outOfRange.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("raises NumPy's errors for ids out of range, no ids to infer from, and bad class counts", () => {
    const before = memory().numTensors;
    expect(() => utils.toCategorical([3], 2)).toThrow(new ValueError('index 3 is out of bounds for axis 1 with size 2'));
    expect(() => utils.toCategorical([-4], 3)).toThrow(new ValueError('index -4 is out of bounds for axis 1 with size 3'));
    expect(() => utils.toCategorical([])).toThrow(new ValueError('zero-size array to reduction operation maximum which has no identity'));
    expect(() => utils.toCategorical([Number.NaN], 2)).toThrow(new ValueError('cannot convert float NaN to integer'));
    expect(() => utils.toCategorical([1], -2)).toThrow(/negative dimensions are not allowed/);
    expect(() => utils.toCategorical([1], 2.5)).toThrow("'float' object cannot be interpreted as an integer. Received: num_classes=2.5");
    expect(memory().numTensors).toBe(before);
  });
});
