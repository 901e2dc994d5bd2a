import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const x24 = seededValues(24, 11, -2, 2);

describe('reshape', () => {
  it.each([[[4, 6]], [[6, -1]], [[-1]], [[2, 3, 4]], [[1, 24, 1]]])('matches tfjs for %j', (shape) => {
    const want = tf.reshape(tf.tensor(x24, [2, 3, 4]), shape);
    tidy(() => {
      const got = ops.reshape(tensor(x24, [2, 3, 4]), shape);
      expect(got.shape).toEqual(want.shape);
      expectClose(got, want.dataSync(), 0);
    });
  });

  it('keeps int32 and goes to and from scalars', () => {
    tidy(() => {
      const i = ops.reshape(tensor(Int32Array.from([1, 2, 3, 4]), [4]), [2, 2]);
      expect(i.dtype).toBe('int32');
      expect(i.arraySync()).toEqual([[1, 2], [3, 4]]);
      expect(ops.reshape(tensor([[5]]), []).arraySync()).toBe(5);
    });
  });

  it('names both shapes when the sizes disagree', () => {
    tidy(() => {
      const x = tensor([[1, 2, 3], [4, 5, 6]]);
      expect(() => ops.reshape(x, [4, -1])).toThrow('reshape: cannot reshape array of size 6 into shape (4, -1)');
      expect(() => ops.reshape(x, [-1, -1])).toThrow('cannot reshape array of size 6 into shape (-1, -1)');
      expect(() => ops.reshape(x, [2.5, 2])).toThrow("reshape: 'newShape' must be an array of integers");
      // 65536 * 65536 wraps to 0 in 32-bit arithmetic: still an error, not an empty tensor or a trap.
      expect(() => ops.reshape(tensor([]), [65536, 65536])).toThrow('reshape: cannot reshape array of size 0 into shape (65536, 65536)');
    });
  });

  it('has gradients that agree with finite differences', () => {
    gradcheck((t) => ops.reshape(t, [3, -1]), [{ values: x24.slice(0, 6), shape: [2, 3] }]);
  });
});

describe('transpose', () => {
  it.each([[undefined], [[0, 2, 1]], [[2, 0, 1]], [[1, 0, 2]]])('matches tfjs for axes %j', (axes) => {
    const want = tf.transpose(tf.tensor(x24, [2, 3, 4]), axes);
    tidy(() => {
      const got = ops.transpose(tensor(x24, [2, 3, 4]), axes);
      expect(got.shape).toEqual(want.shape);
      expectClose(got, want.dataSync(), 0);
    });
  });

  it('takes negative axes and int32', () => {
    tidy(() => {
      const got = ops.transpose(tensor(Int32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]), [-1, 0]);
      expect(got.dtype).toBe('int32');
      expect(got.arraySync()).toEqual([[1, 4], [2, 5], [3, 6]]);
    });
  });

  it('rejects axes that are not a permutation', () => {
    tidy(() => {
      const x = tensor(x24, [2, 3, 4]);
      expect(() => ops.transpose(x, [0, 1])).toThrow('transpose: axes [0, 1] are not a permutation of the 3 axes of an input of shape (2, 3, 4)');
      expect(() => ops.transpose(x, [0, 1, 1])).toThrow('are not a permutation');
      expect(() => ops.transpose(x, [0, 1, 3])).toThrow('transpose: axis 3 is out of bounds for array of dimension 3');
    });
  });

  it('has gradients that agree with finite differences', () => {
    gradcheck((t) => ops.transpose(t, [1, 2, 0]), [{ values: x24, shape: [2, 3, 4] }]);
  });
});

describe('concatenate', () => {
  const a = seededValues(6, 1), b = seededValues(4, 2), c = seededValues(2, 3);

  it.each([[1], [-1]])('matches tfjs along axis %i', (axis) => {
    const want = tf.concat([tf.tensor(a, [2, 3]), tf.tensor(b, [2, 2]), tf.tensor(c, [2, 1])], axis);
    tidy(() => {
      const got = ops.concatenate([tensor(a, [2, 3]), tensor(b, [2, 2]), tensor(c, [2, 1])], axis);
      expect(got.shape).toEqual([2, 6]);
      expectClose(got, want.dataSync(), 0);
    });
  });

  it('defaults to axis 0 and takes int32', () => {
    tidy(() => {
      const got = ops.concatenate([tensor(Int32Array.from([1, 2]), [1, 2]), tensor(Int32Array.from([3, 4, 5, 6]), [2, 2])]);
      expect(got.dtype).toBe('int32');
      expect(got.arraySync()).toEqual([[1, 2], [3, 4], [5, 6]]);
    });
  });

  it('names the shapes that do not match', () => {
    tidy(() => {
      const p = tensor(a, [2, 3]), q = tensor(a, [3, 2]);
      expect(() => ops.concatenate([p, q], 1)).toThrow(
        'concatenate: all input dimensions except axis 1 must match, but input 0 has shape (2, 3) and input 1 has shape (3, 2)',
      );
      expect(() => ops.concatenate([p, p], 2)).toThrow('concatenate: axis 2 is out of bounds for array of dimension 2');
      expect(() => ops.concatenate([])).toThrow('concatenate: need at least one tensor');
      expect(() => ops.concatenate([p, [1, 2] as never])).toThrow("Argument 'xs[1]' passed to 'concatenate' must be a Tensor");
    });
  });

  it('has gradients that agree with finite differences', () => {
    gradcheck((p, q) => ops.concatenate([p, q, p], 0), [
      { values: a, shape: [2, 3] },
      { values: [0.5, -1.2, 0.8], shape: [1, 3] },
    ]);
  });
});

describe('stack', () => {
  const a = seededValues(6, 4), b = seededValues(6, 5), c = seededValues(6, 6);

  it.each([[0], [1], [2], [-1], [-3]])('matches tfjs along axis %i', (axis) => {
    const want = tf.stack([tf.tensor(a, [2, 3]), tf.tensor(b, [2, 3]), tf.tensor(c, [2, 3])], axis);
    tidy(() => {
      const got = ops.stack([tensor(a, [2, 3]), tensor(b, [2, 3]), tensor(c, [2, 3])], axis);
      expect(got.shape).toEqual(want.shape);
      expectClose(got, want.dataSync(), 0);
    });
  });

  it('defaults to axis 0 and takes int32 and scalars', () => {
    tidy(() => {
      const got = ops.stack([tensor(Int32Array.from([1, 2]), [2]), tensor(Int32Array.from([3, 4]), [2])]);
      expect(got.dtype).toBe('int32');
      expect(got.arraySync()).toEqual([[1, 2], [3, 4]]);
      expect(ops.stack([tensor([5], []), tensor([6], [])]).arraySync()).toEqual([5, 6]);
    });
  });

  it("gives Keras's errors for shapes that differ and an axis out of bounds", () => {
    tidy(() => {
      const p = tensor(a, [2, 3]), q = tensor(a, [3, 2]);
      // Keras 3.15.1's Stack names its argument `x`.
      expect(() => ops.stack([p, q])).toThrow("Every value in `x` must have the same shape. But found element of shape (3, 2),  which is different from the first element's shape (2, 3).");
      expect(() => ops.stack([p, p], 3)).toThrow('axis 3 is out of bounds for an array with dimension 3.');
      expect(() => ops.stack([])).toThrow("stack: 'x' must be a non-empty array of tensors");
    });
  });

  it('has gradients that agree with finite differences', () => {
    gradcheck((x, y) => ops.stack([x, y], 1), [{ values: a, shape: [2, 3] }, { values: b, shape: [2, 3] }]);
  });
});

describe('slice', () => {
  it.each([
    [[0, 0, 0], [2, 3, 4]],
    [[1, 1, 2], [1, 2, 2]],
    [[0, 2, 1], [-1, 1, -1]],
  ])('matches tfjs from %j with size %j', (begin, size) => {
    const want = tf.slice(tf.tensor(x24, [2, 3, 4]), begin, size);
    tidy(() => {
      const got = ops.slice(tensor(x24, [2, 3, 4]), begin, size);
      expect(got.shape).toEqual(want.shape);
      expectClose(got, want.dataSync(), 0);
    });
  });

  it('checks bounds and ranks', () => {
    tidy(() => {
      const x = tensor(x24, [2, 3, 4]);
      expect(() => ops.slice(x, [1, 0, 0], [2, 3, 4])).toThrow(
        'slice: start_indices [1, 0, 0] with shape [2, 3, 4] are out of bounds on axis 0 for an input of shape (2, 3, 4)',
      );
      expect(() => ops.slice(x, [0, 0], [1, 1])).toThrow('must each have one entry per axis of the input of shape (2, 3, 4)');
      expect(() => ops.slice(x, [-1, 0, 0], [1, 1, 1])).toThrow('out of bounds on axis 0');
    });
  });

  it('has gradients that pad with zeros', () => {
    gradcheck((t) => ops.slice(t, [1, 0, 1], [1, 2, 3]), [{ values: x24, shape: [2, 3, 4] }]);
  });
});

describe('shape ops and memory', () => {
  it('leave no tensors behind', () => {
    const before = memory().numTensors;
    tidy(() => {
      const x = tensor(x24, [2, 3, 4]);
      ops.slice(ops.concatenate([ops.transpose(ops.reshape(x, [4, 6])), tensor(x24, [6, 4])], 1), [0, 0], [2, 2]);
    });
    expect(memory().numTensors).toBe(before);
  });
});
