import { describe, expect, it } from 'vitest';
import { ops, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheck } from '../../helpers/gradcheck.js';

// The op under the LocallyConnected layers; its Rust tests hold more layouts.
describe('ops.localPatches', () => {
  it('lists each position\'s window, row-major, as (positions, batch, features)', () => {
    tidy(() => {
      // x[b, t, c] = 10·t + c: 4 steps, 2 channels, window 2, stride 2.
      const y = ops.localPatches(tensor([[[0, 1], [10, 11], [20, 21], [30, 31]]]), 2, { strides: 2 });
      expect(y.shape).toEqual([2, 1, 4]);
      expectClose(y, [0, 1, 10, 11, 20, 21, 30, 31]);
      // 'same': windows start floor(k / 2) early; cells before the input read zero.
      const same = ops.localPatches(tensor([[[1, 2, 3]]]), 2, { padding: 'same', dataFormat: 'channels_first' });
      expect(same.shape).toEqual([3, 1, 2]);
      expectClose(same, [0, 1, 1, 2, 2, 3]);
    });
  });

  it('has gradients that agree with finite differences', () => {
    gradcheck((x) => ops.localPatches(x, [2, 3], { strides: [2, 1] }), [{ values: seededValues(2 * 4 * 5 * 2, 3), shape: [2, 4, 5, 2] }]);
    gradcheck((x) => ops.localPatches(x, 3, { strides: 2, padding: 'same', dataFormat: 'channels_first' }), [{ values: seededValues(2 * 3 * 6, 4), shape: [2, 3, 6] }]);
  });

  it('rejects bad arguments with errors that name the op', () => {
    tidy(() => {
      const x = tensor(new Float32Array(6), [1, 3, 2]);
      expect(() => ops.localPatches(x, 4)).toThrow('local_patches: inputs of shape (1, 3, 2) leave no window position on spatial axis 0 (size 3, kernel size 4, stride 1)');
      expect(() => ops.localPatches(x, 2, { padding: 'causal' as 'same' })).toThrow("local_patches: `padding` must be either 'valid' or 'same', received \"causal\"");
      expect(() => ops.localPatches(x, [2, 2])).toThrow('The `kernel_size` argument must be a tuple of 1 integers');
      expect(() => ops.localPatches(tensor([1, 2]), 1)).toThrow('local_patches: inputs must have a batch, a channel and at least one spatial axis, received shape (2)');
    });
  });
});
