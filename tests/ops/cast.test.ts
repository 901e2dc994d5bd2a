import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

describe('cast', () => {
  it('float32 → int32 truncates toward zero, as tfjs', () => {
    const x = seededValues(16, 71, -10, 10);
    const want = tf.cast(tf.tensor(x), 'int32').dataSync();
    tidy(() => {
      const got = ops.cast(tensor(x), 'int32');
      expect(got.dtype).toBe('int32');
      expect(Array.from(got.dataSync())).toEqual(Array.from(want));
      expect(Array.from(ops.cast(tensor([1.9, -1.9, -0.5, 3e9, NaN]), 'int32').dataSync())).toEqual([1, -1, 0, 2147483647, 0]);
    });
  });

  it('int32 → float32 and same-dtype casts keep shape and values', () => {
    tidy(() => {
      const i = tensor(Int32Array.from([-3, 0, 5, 7]), [2, 2]);
      const f = ops.cast(i, 'float32');
      expect([f.dtype, f.shape]).toEqual(['float32', [2, 2]]);
      expectClose(f, [-3, 0, 5, 7], 0);
      const same = ops.cast(f, 'float32');
      expect(same).not.toBe(f);
      expectClose(same, [-3, 0, 5, 7], 0);
      expect(ops.cast(i, 'int32').dtype).toBe('int32');
      expect(ops.cast(2.5, 'int32').arraySync()).toBe(2);
    });
  });

  it('rejects unknown dtypes', () => {
    tidy(() => {
      expect(() => ops.cast(tensor([1]), 'bool' as never)).toThrow("cast: unknown dtype 'bool', expected 'float32' or 'int32'");
    });
  });

  it('passes gradients float → float only', () => {
    gradcheck((t) => ops.cast(t, 'float32'), [{ values: [0.5, -1.5, 2.25], shape: [3] }]);
    tidy(() => {
      const x = tensor([0.5, 1.5]);
      const { grads } = valueAndGrads(() => ops.sum(ops.cast(ops.cast(x, 'int32'), 'float32')), [x]);
      expect(grads[0]).toBeNull();
    });
  });

  it('frees everything inside tidy', () => {
    const before = memory().numTensors;
    tidy(() => {
      ops.cast(ops.cast(tensor([1.5, 2.5]), 'int32'), 'float32');
    });
    expect(memory().numTensors).toBe(before);
  });
});
