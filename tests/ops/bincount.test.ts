/**
 * `ops.bincount` against Keras 3.15.1 (tests/fixtures/ops/bincount.json, written by
 * scripts/keras/bincount_fixtures.py): counts, weighted counts and the weights' gradient; the
 * encoder's fixed-depth and binary counting; symbolic calls; refusals.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Input, memory, ops, tensor, tidy } from '../../ts/index.js';
import { countIntoBins } from '../../ts/ops/bincount.js';
import { valueAndGrads } from '../../ts/tensor/gradients.js';
import { expectClose } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

interface Case {
  x: number[] | number[][];
  shape: number[];
  weights: number[] | number[][] | null;
  minlength: number;
  output: number[] | number[][];
  output_shape: number[];
  dtype: 'int32' | 'float32';
  upstream?: number[] | number[][];
  weights_grad?: number[] | number[][];
}

const FIXTURE = fileURLToPath(new URL('../fixtures/ops/bincount.json', import.meta.url));
const cases = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: Record<string, Case> }).cases;
const flat = (v: number[] | number[][]): number[] => v.flat();

describe('bincount', () => {
  it.each(Object.entries(cases))('matches Keras: %s', (_, c) => {
    tidy(() => {
      const x = tensor(flat(c.x), c.shape, 'int32');
      if (c.weights === null) {
        const out = ops.bincount(x, { minlength: c.minlength });
        expect([out.shape, out.dtype]).toEqual([c.output_shape, c.dtype]);
        expect(Array.from(out.dataSync())).toEqual(flat(c.output));
        return;
      }
      const weights = tensor(flat(c.weights), c.shape);
      const { grads } = valueAndGrads(() => {
        const out = ops.bincount(x, { weights, minlength: c.minlength });
        expect([out.shape, out.dtype]).toEqual([c.output_shape, c.dtype]);
        expectClose(out, flat(c.output), 1e-6);
        return ops.sum(ops.multiply(out, tensor(flat(c.upstream!), c.output_shape)));
      }, [weights]);
      expectClose(grads[0]!, flat(c.weights_grad!), 1e-6);
    });
  });

  it('gives int32 weights an int32 sum, and frees what it makes', () => {
    tidy(() => {
      const x = tensor([[0, 2], [2, 2]], [2, 2], 'int32');
      const before = memory().numTensors;
      const out = ops.bincount(x, { weights: tensor([[1, 2], [3, 4]], [2, 2], 'int32') });
      expect(memory().numTensors).toBe(before + 2);
      expect([out.dtype, Array.from(out.dataSync())]).toEqual(['int32', [1, 0, 2, 0, 0, 7]]);
    });
  });

  it('weights gradient agrees with finite differences', () => {
    const x = tensor([[0, 1, 1, 4, 2], [3, 3, 3, 0, 0]], [2, 5], 'int32');
    gradcheck((w) => ops.bincount(x, { weights: w, minlength: 6 }), [{ values: [0.5, 1, 2, 1, 1, -1, 1, 0.25, 3, -2], shape: [2, 5] }]);
    gradcheck((w) => countIntoBins(x, 3, { weights: w }), [{ values: [0.5, 1, 2, 1, 1, -1, 1, 0.25, 3, -2], shape: [2, 5] }]);
    x.dispose();
  });

  it('counts into a fixed depth, ids outside it counting nowhere, or marks presence', () => {
    tidy(() => {
      const ids = tensor([[0, 1, 1, 3], [2, 2, 5, -1]], [2, 4], 'int32');
      expect(Array.from(countIntoBins(ids, 4).dataSync())).toEqual([1, 2, 0, 1, 0, 0, 2, 0]);
      expect(Array.from(countIntoBins(ids, 4, { binaryOutput: true }).dataSync())).toEqual([1, 1, 0, 1, 0, 0, 1, 0]);
      expect(countIntoBins(ids, 0).shape).toEqual([2, 0]);
    });
  });

  it('counts a large batch fast, rows in parallel', () => {
    tidy(() => {
      const values = Int32Array.from({ length: 2000 * 10 }, (_, i) => (i * 7919) % 5001);
      const start = performance.now();
      const out = countIntoBins(tensor(values, [2000, 10], 'int32'), 5001);
      const sums = ops.sum(out, 1).dataSync();
      expect(performance.now() - start).toBeLessThan(2000);
      expect(out.shape).toEqual([2000, 5001]);
      expect(Array.from(sums).every((s) => s === 10)).toBe(true);
      expect(out.dataSync()[values[0]!]).toBeGreaterThan(0);
    });
  });

  it("records Keras's Bincount node on KerasTensors, its last axis unknown", () => {
    const x = Input({ shape: [5], dtype: 'int32' });
    const counts = ops.bincount(x);
    expect([counts.shape, counts.dtype]).toEqual([[null, null], 'int32']);
    const weighted = ops.bincount(x, { weights: Input({ shape: [5] }) });
    expect([weighted.shape, weighted.dtype]).toEqual([[null, null], 'float32']);
    expect(countIntoBins(x, 7).shape).toEqual([null, 7]);
  });

  it('refuses negative values, floats, ranks other than 1 and 2, mismatched weights, sparse, and outputs beyond memory', () => {
    tidy(() => {
      expect(() => ops.bincount(tensor([0x7fffffff], [1], 'int32'))).toThrow('bincount: the output of shape (2147483648,) would hold more than 268435456 values');
      expect(() => ops.bincount(tensor([1, -1], [2], 'int32'))).toThrow('bincount: x must hold non-negative integers, received -1');
      expect(() => ops.bincount(tensor([1, 2]))).toThrow('bincount: x must have an integer type, received float32');
      expect(() => ops.bincount(tensor([[[1]]], [1, 1, 1], 'int32'))).toThrow('bincount: x must have rank 1 or 2, received rank 3');
      expect(() => ops.bincount(tensor([1, 2], [2], 'int32'), { weights: tensor([1]) })).toThrow('bincount: weights must have the shape of x (2,), received (1,)');
      expect(() => ops.bincount(tensor([1, 2], [2], 'int32'), { minlength: -1 })).toThrow('bincount: `minlength` must be a non-negative integer, received -1');
      expect(() => ops.bincount(tensor([1, 2], [2], 'int32'), { sparse: true })).toThrow('bincount: sparse=True is not supported: kerasm has no sparse tensors. Received: sparse=True');
      expect(() => countIntoBins(tensor([1, 2], [2], 'int32'), 3, { weights: tensor([1, 1]), binaryOutput: true })).toThrow('bincount: binary_output and weights cannot both be given');
    });
  });
});
