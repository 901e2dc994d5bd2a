import { describe, expect, it } from 'vitest';
import { ops, tidy } from '../../ts/index.js';

describe('zeros', () => {
  it('fills a float32 tensor of the shape, or an int32 one', () => {
    tidy(() => {
      const z = ops.zeros([2, 3]);
      expect(z.dtype).toBe('float32');
      expect(z.arraySync()).toEqual([[0, 0, 0], [0, 0, 0]]);
      const i = ops.zeros([2], 'int32');
      expect(i.dtype).toBe('int32');
      expect(i.arraySync()).toEqual([0, 0]);
      expect(ops.zeros([]).arraySync()).toBe(0);
      expect(ops.zeros([0, 4]).shape).toEqual([0, 4]);
      // One size is a 1-D shape, as Keras's `zeros(3)`.
      expect(ops.ones(3).arraySync()).toEqual([1, 1, 1]);
    });
  });

  it('names a shape or dtype it cannot make', () => {
    expect(() => ops.zeros([2, -1])).toThrow('zeros: `shape` must be an integer or an array of non-negative integers, received [2, -1]');
    expect(() => ops.ones(-3)).toThrow('ones: `shape` must be an integer or an array of non-negative integers, received -3');
    expect(() => ops.zeros([2], 'bool' as never)).toThrow('Invalid dtype: bool. kerasm supports float32, int32, string.');
  });
});
