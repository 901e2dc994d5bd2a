import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const comparisons = [
  ['equal', tf.equal], ['notEqual', tf.notEqual], ['greater', tf.greater],
  ['greaterEqual', tf.greaterEqual], ['less', tf.less], ['lessEqual', tf.lessEqual],
] as const;

describe('comparisons', () => {
  // Small integers so that equality actually occurs.
  const a = Float32Array.from(seededValues(12, 61, -3, 3), Math.round);
  const b = Float32Array.from(seededValues(4, 62, -3, 3), Math.round);

  it.each(comparisons)('%s matches tfjs with broadcasting, as float32 0/1', (name, oracle) => {
    const want = Float32Array.from(oracle(tf.tensor(a, [3, 4]), tf.tensor(b, [4])).dataSync());
    tidy(() => {
      const got = ops[name](tensor(a, [3, 4]), tensor(b, [4]));
      expect(got.dtype).toBe('float32');
      expect(got.shape).toEqual([3, 4]);
      expectClose(got, want, 0);
      const ints = ops[name](tensor(Int32Array.from(a), [3, 4]), tensor(Int32Array.from(b), [4]));
      expectClose(ints, want, 0);
    });
  });

  it('takes numbers and mixed dtypes, and treats NaN as IEEE does', () => {
    tidy(() => {
      expectClose(ops.greater(tensor(Int32Array.from([1, 2, 3])), 1.5), [0, 1, 1]);
      expectClose(ops.equal(tensor([NaN, 1]), tensor([NaN, 1])), [0, 1]);
      expectClose(ops.notEqual(tensor([NaN, 1]), tensor([NaN, 1])), [1, 0]);
    });
  });

  it('names the op and both shapes when broadcasting fails', () => {
    tidy(() => {
      expect(() => ops.less(tensor([[1, 2, 3]]), tensor([1, 2]))).toThrow('less: cannot broadcast shapes (1, 3) and (2,)');
    });
  });
});

describe('where', () => {
  const x1 = seededValues(6, 63);
  const x2 = seededValues(3, 64);

  it('matches tfjs, broadcasting condition and branches', () => {
    const cond = [1, 0, 1, 0, 0, 1];
    const want = tf.where(tf.tensor(cond, [2, 3], 'bool'), tf.tensor(x1, [2, 3]), tf.broadcastTo(tf.tensor(x2, [3]), [2, 3])).dataSync();
    tidy(() => expectClose(ops.where(tensor(cond, [2, 3]), tensor(x1, [2, 3]), tensor(x2, [3])), want, 0));
    tidy(() => {
      const got = ops.where(tensor([[1], [0]]), tensor(x1, [2, 3]), -1);
      expectClose(got, [...x1.slice(0, 3), -1, -1, -1], 0);
      const ints = ops.where(tensor(Int32Array.from([0, 5])), tensor(Int32Array.from([1, 2])), tensor(Int32Array.from([7, 8])));
      expect(ints.dtype).toBe('int32');
      expect(Array.from(ints.dataSync())).toEqual([7, 2]);
    });
  });

  it('names all three shapes when they do not broadcast', () => {
    tidy(() => {
      expect(() => ops.where(tensor([1, 0]), tensor(x1, [2, 3]), 0)).toThrow('where: cannot broadcast condition, x1 and x2 shapes (2,), (2, 3) and ()');
    });
  });

  it('sends gradients to the chosen branch only, reduced to each shape', () => {
    tidy(() => {
      const c = tensor([[1, 0, 1], [0, 0, 1]]);
      const [a, b] = [tensor(x1, [2, 3]), tensor(x2, [3])];
      const { grads } = valueAndGrads(() => ops.sum(ops.where(c, a, b)), [a, b, c]);
      expectClose(grads[0]!, [1, 0, 1, 0, 0, 1], 0);
      expectClose(grads[1]!, [1, 2, 0], 0);
      expect(grads[2]).toBeNull();
    });
    gradcheck((a, b) => ops.where(tensor([[1, 0, 1], [0, 1, 1]]), a, b), [
      { values: x1, shape: [2, 3] },
      { values: x2, shape: [3] },
    ]);
  });
});

describe('clip', () => {
  it('matches tfjs clipByValue', () => {
    const x = seededValues(20, 65, -3, 3);
    const want = tf.clipByValue(tf.tensor(x), -1, 1.5).dataSync();
    tidy(() => expectClose(ops.clip(tensor(x), -1, 1.5), want, 0));
  });

  it('passes NaN through, lets maxValue win crossed bounds, and keeps int32', () => {
    tidy(() => {
      expect(Number.isNaN(ops.clip(tensor([NaN]), 0, 1).dataSync()[0])).toBe(true);
      expectClose(ops.clip(tensor([-5, 5]), 1, 0), [0, 0]);
      const ints = ops.clip(tensor(Int32Array.from([-4, 2, 9])), 0, 5);
      expect(ints.dtype).toBe('int32');
      expect(Array.from(ints.dataSync())).toEqual([0, 2, 5]);
      expect(() => ops.clip(tensor(Int32Array.from([1])), 0.5, 2)).toThrow('clip: an int32 tensor needs integer bounds');
      expect(() => ops.clip(tensor([1]), NaN, 2)).toThrow('clip: minValue must be a number, received NaN');
    });
  });

  it('passes the gradient inside the closed interval, as clip_by_value', () => {
    tidy(() => {
      const x = tensor([-2, -1, 0, 1, 2]);
      const { grads } = valueAndGrads(() => ops.sum(ops.clip(x, -1, 1)), [x]);
      expectClose(grads[0]!, [0, 1, 1, 1, 0], 0);
    });
    gradcheck((t) => ops.clip(t, -0.5, 0.8), [{ values: [-1.3, -0.3, 0.1, 0.6, 1.2, 2.0], shape: [2, 3] }]);
  });
});

describe('memory', () => {
  it('comparisons, where and clip free everything inside tidy', () => {
    const before = memory().numTensors;
    tidy(() => {
      const t = tensor([1, 2, 3]);
      ops.equal(t, 2);
      ops.where(ops.greater(t, 1), t, 0);
      ops.clip(t, 0, 2);
    });
    expect(memory().numTensors).toBe(before);
  });
});
