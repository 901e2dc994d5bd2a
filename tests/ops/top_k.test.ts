import { describe, expect, it } from 'vitest';
import { Input, memory, ops, tensor, tidy } from '../../ts/index.js';
import { valueAndGrads } from '../../ts/tensor/gradients.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

// Keras 3.15.1 (jax): values, indices = keras.ops.top_k(x, 2), and the gradient of
// sum(values * upstream) with respect to x.
const x = [-1.69, 1.12, -0.25, 0.89, 1.91, 0.15, 0.0, -1.71, -0.93, 0.0, 0.72, 1.21, -0.48, -1.74, -0.85, 1.64, -1.15, -0.19, 1.72, -1.9, 0.4, 1.8, -1.08, 0.19];
const upstream = [0.75, 0.94, 0.74, 0.06, -0.53, -0.98, -0.14, -0.2, 0.05, -0.04, 0.11, 0.09];
const VALUES = [1.12, 0.89, 1.91, 0.15, 1.21, 0.72, 1.64, -0.48, 1.72, -0.19, 1.8, 0.4];
const INDICES = [1, 3, 0, 1, 3, 2, 3, 0, 2, 1, 1, 0];
const GRAD = [0.0, 0.75, 0.0, 0.94, 0.74, 0.06, 0.0, 0.0, 0.0, 0.0, -0.98, -0.53, -0.2, 0.0, 0.0, -0.14, 0.0, -0.04, 0.05, 0.0, 0.09, 0.11, 0.0, 0.0];

describe('topK', () => {
  it('matches Keras: values, int32 indices and the values gradient', () => {
    tidy(() => {
      const t = tensor(x, [2, 3, 4]);
      const { grads } = valueAndGrads(() => {
        const [values, indices] = ops.topK(t, 2);
        expect([values.shape, indices.shape, indices.dtype]).toEqual([[2, 3, 2], [2, 3, 2], 'int32']);
        expectClose(values, VALUES, 1e-6);
        expect(Array.from(indices.dataSync())).toEqual(INDICES);
        return ops.sum(ops.multiply(values, tensor(upstream, [2, 3, 2])));
      }, [t]);
      expectClose(grads[0]!, GRAD, 1e-6);
    });
  });

  it('orders ties by index and NaN first, as JAX; takes int32', () => {
    tidy(() => {
      const [values, indices] = ops.topK(tensor([1, NaN, 3, 3, 0]), 4);
      expect(Array.from(values.dataSync())).toEqual([NaN, 3, 3, 1]);
      expect(indices.arraySync()).toEqual([1, 2, 3, 0]);
      const [ints, where] = ops.topK(tensor(Int32Array.from([5, 2, 7, 1, 9, 3]), [6], 'int32'), 3, false);
      expect([ints.dtype, ints.arraySync(), where.arraySync()]).toEqual(['int32', [9, 7, 5], [4, 2, 0]]);
    });
  });

  it('refuses a k larger than the last axis, and leaves nothing behind', () => {
    const before = memory().numTensors;
    tidy(() => {
      expect(() => ops.topK(tensor([1, 2]), 3)).toThrow('top_k: k must be in [0, 2] (the size of the last axis of the input of shape (2,)), received k=3');
      expect(() => ops.topK(tensor([1, 2]), 1.5)).toThrow('top_k: `k` must be an integer, received 1.5');
    });
    expect(memory().numTensors).toBe(before);
  });

  it('gives two KerasTensors of Keras shapes', () => {
    const [values, indices] = ops.topK(Input({ shape: [3, 5] }), 2);
    expect([values.shape, values.dtype, indices.shape, indices.dtype]).toEqual([[null, 3, 2], 'float32', [null, 3, 2], 'int32']);
    expect(indices.node).toBe(values.node);
    expect(indices.outputIndex).toBe(1);
  });

  it('has a values gradient that agrees with finite differences', () => {
    gradcheck((t) => ops.topK(t!, 3)[0], [{ values: seededValues(20, 51), shape: [4, 5] }]);
  });
});
