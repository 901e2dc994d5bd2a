import { describe, expect, it } from 'vitest';
import { Input, memory, ops, tensor, tidy } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

// Keras 3.15.1 (jax): keras.ops.cumsum / cumprod of x (shape [2, 3, 4]), rounded to 4 decimals.
const x = [-1.69, 1.12, -0.25, 0.89, 1.91, 0.15, 0.0, -1.71, -0.93, 0.0, 0.72, 1.21, -0.48, -1.74, -0.85, 1.64, -1.15, -0.19, 1.72, -1.9, 0.4, 1.8, -1.08, 0.19];
const CUMSUM: Record<string, number[]> = {
  '0': [-1.69, 1.12, -0.25, 0.89, 1.91, 0.15, 0.0, -1.71, -0.93, 0.0, 0.72, 1.21, -2.17, -0.62, -1.1, 2.53, 0.76, -0.04, 1.72, -3.61, -0.53, 1.8, -0.36, 1.4],
  '1': [-1.69, 1.12, -0.25, 0.89, 0.22, 1.27, -0.25, -0.82, -0.71, 1.27, 0.47, 0.39, -0.48, -1.74, -0.85, 1.64, -1.63, -1.93, 0.87, -0.26, -1.23, -0.13, -0.21, -0.07],
  '-1': [-1.69, -0.57, -0.82, 0.07, 1.91, 2.06, 2.06, 0.35, -0.93, -0.93, -0.21, 1.0, -0.48, -2.22, -3.07, -1.43, -1.15, -1.34, 0.38, -1.52, 0.4, 2.2, 1.12, 1.31],
  null: [-1.69, -0.57, -0.82, 0.07, 1.98, 2.13, 2.13, 0.42, -0.51, -0.51, 0.21, 1.42, 0.94, -0.8, -1.65, -0.01, -1.16, -1.35, 0.37, -1.53, -1.13, 0.67, -0.41, -0.22],
};
const CUMPROD: Record<string, number[]> = {
  '0': [-1.69, 1.12, -0.25, 0.89, 1.91, 0.15, 0.0, -1.71, -0.93, 0.0, 0.72, 1.21, 0.8112, -1.9488, 0.2125, 1.4596, -2.1965, -0.0285, 0.0, 3.249, -0.372, 0.0, -0.7776, 0.2299],
  '1': [-1.69, 1.12, -0.25, 0.89, -3.2279, 0.168, 0.0, -1.5219, 3.0019, 0.0, 0.0, -1.8415, -0.48, -1.74, -0.85, 1.64, 0.552, 0.3306, -1.462, -3.116, 0.2208, 0.5951, 1.579, -0.592],
  '-1': [-1.69, -1.8928, 0.4732, 0.4211, 1.91, 0.2865, 0.0, 0.0, -0.93, 0.0, 0.0, 0.0, -0.48, 0.8352, -0.7099, -1.1643, -1.15, 0.2185, 0.3758, -0.7141, 0.4, 0.72, -0.7776, -0.1477],
  null: [-1.69, -1.8928, 0.4732, 0.4211, 0.8044, 0.1207, ...new Array<number>(18).fill(0)],
};

describe('cumsum and cumprod', () => {
  it.each([[0], [1], [-1], [null]])('match Keras along axis %j', (axis) => {
    tidy(() => {
      const t = tensor(x, [2, 3, 4]);
      const sums = ops.cumsum(t, axis);
      expect(sums.shape).toEqual(axis === null ? [24] : [2, 3, 4]);
      expectClose(sums, CUMSUM[String(axis)]!, 1e-4);
      expectClose(ops.cumprod(t, axis), CUMPROD[String(axis)]!, 1e-4);
    });
  });

  it('keep int32, and cast to the dtype asked for first, as Keras', () => {
    tidy(() => {
      const ints = ops.cumsum(tensor(Int32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], 'int32'), 1);
      expect([ints.dtype, ints.arraySync()]).toEqual(['int32', [[1, 3, 6], [4, 9, 15]]]);
      // Keras: cumsum([1.5, -2.7, 3.2], dtype='int32') = [1, -1, 2]
      const cast = ops.cumsum(tensor([1.5, -2.7, 3.2]), null, 'int32');
      expect([cast.dtype, cast.arraySync()]).toEqual(['int32', [1, -1, 2]]);
      expect(ops.cumprod(tensor(Int32Array.from([2, 3, 4]), [3], 'int32')).arraySync()).toEqual([2, 6, 24]);
    });
  });

  it('refuse an axis out of range, and leave nothing behind', () => {
    const before = memory().numTensors;
    tidy(() => {
      expect(() => ops.cumsum(tensor(x, [2, 3, 4]), 3)).toThrow('axis 3 is out of bounds for an array with dimension 3.');
      expect(() => ops.cumprod(tensor([1, 2]), 0, 'int32')).not.toThrow();
    });
    expect(memory().numTensors).toBe(before);
  });

  it('give Keras shapes on KerasTensors', () => {
    const input = Input({ shape: [3, 4] });
    expect(ops.cumsum(input, 1).shape).toEqual([null, 3, 4]);
    expect(ops.cumsum(input).shape).toEqual([null]);
    expect(ops.cumprod(input, -1, 'int32').dtype).toBe('int32');
    expect(() => ops.cumsum(input, -4)).toThrow('axis -4 is out of bounds for an array with dimension 3.');
  });

  it('have gradients that agree with finite differences, zeros included', () => {
    for (const axis of [0, 1, -1, null]) {
      gradcheck((t) => ops.cumsum(t!, axis), [{ values: seededValues(24, 41), shape: [2, 3, 4] }]);
      gradcheck((t) => ops.cumprod(t!, axis), [{ values: seededValues(24, 42, -1.5, 1.5), shape: [2, 3, 4] }]);
    }
    gradcheck((t) => ops.cumprod(t!, 0), [{ values: [0.5, 0, -1.5, 0, 2], shape: [5] }]);
  });
});
