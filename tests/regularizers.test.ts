import { describe, expect, it } from 'vitest';
import { regularizers, tensor, tidy } from '../ts/index.js';
import { expectClose } from './helpers/close.js';
import { gradcheck } from './helpers/gradcheck.js';

const w = [[1, -2], [3, -4]];
const value = (r: { call(x: never): { dataSync(): ArrayLike<number> } }, x: number[][]) =>
  tidy(() => Array.from(r.call(tensor(x) as never).dataSync()));

describe('regularizers', () => {
  it('compute Keras\'s formulas (l1 * sum|x|, l2 * sum x^2)', () => {
    expectClose(value(new regularizers.L1(0.1), w), [1]);
    expectClose(value(new regularizers.L2({ l2: 0.1 }), w), [3]);
    expectClose(value(new regularizers.L1L2({ l1: 0.1, l2: 0.2 }), w), [1 + 6]);
    expectClose(value(new regularizers.L1L2({ l2: 0.5 }), w), [15]);
    expectClose(value(new regularizers.L1L2(), w), [0]);
    // Keras docstring: L2(2.) on ones((5, 5)) is 50.
    expectClose(value(new regularizers.L2(2), Array.from({ length: 5 }, () => [1, 1, 1, 1, 1])), [50]);
    // Defaults: 0.01.
    expectClose(value(regularizers.get('l1')!, w), [0.1]);
    expectClose(value(regularizers.get('l2')!, w), [0.3]);
    expectClose(value(regularizers.get('l1_l2')!, w), [0.1 + 0.3]);
  });

  it('OrthogonalRegularizer is factor/2 times the mean |cosine| between rows (or columns)', () => {
    // Float64 evaluation of Keras's formula for this matrix, factor 0.05.
    const x = [[1, 2], [3, -4], [5, 6]];
    expectClose(value(new regularizers.OrthogonalRegularizer({ factor: 0.05 }), x), [0.027518285795212444], 1e-6);
    expectClose(value(new regularizers.OrthogonalRegularizer({ factor: 0.05, mode: 'columns' }), x), [0.022587697572631283], 1e-6);
    // Orthogonal rows cost nothing; parallel ones cost the factor (both off-diagonal entries are 1, one pair).
    expectClose(value(new regularizers.OrthogonalRegularizer(), [[3, 0], [0, -2]]), [0]);
    expectClose(value(new regularizers.OrthogonalRegularizer({ factor: 1 }), [[1, 1], [2, 2]]), [1], 1e-6);
  });

  it('have gradients that agree with finite differences', () => {
    const x = { values: [0.7, -1.3, 0.4, 2.1, -0.6, 1.8], shape: [3, 2] };
    gradcheck((t) => new regularizers.L1(0.3).call(t), [x]);
    gradcheck((t) => new regularizers.L2(0.3).call(t), [x]);
    gradcheck((t) => new regularizers.L1L2({ l1: 0.2, l2: 0.4 }).call(t), [x]);
    gradcheck((t) => new regularizers.OrthogonalRegularizer({ factor: 1 }).call(t), [x]);
    gradcheck((t) => new regularizers.OrthogonalRegularizer({ factor: 1, mode: 'columns' }).call(t), [x]);
  });

  it('resolve Keras\'s ids, configs and functions, and serialise in Keras\'s form', () => {
    expect(regularizers.get('l1')).toBeInstanceOf(regularizers.L1);
    expect(regularizers.get('L2')).toBeInstanceOf(regularizers.L2);
    expect(regularizers.get('l1l2')).toBeInstanceOf(regularizers.L1L2);
    expect(regularizers.get('L1L2')!.getConfig()).toEqual({ l1: 0, l2: 0 });
    expect(regularizers.get('l1_l2')!.getConfig()).toEqual({ l1: 0.01, l2: 0.01 });
    expect(regularizers.get('orthogonal_regularizer')).toBeInstanceOf(regularizers.OrthogonalRegularizer);
    expect(regularizers.get(null)).toBeNull();
    expect(regularizers.get(undefined)).toBeNull();
    const r = new regularizers.L1L2({ l1: 0.01, l2: 0.02 });
    expect(regularizers.get(r)).toBe(r);
    const serialized = regularizers.serialize(r);
    expect(serialized).toEqual({ module: 'keras.regularizers', class_name: 'L1L2', config: { l1: 0.01, l2: 0.02 }, registered_name: null });
    expect(regularizers.get(serialized)!.getConfig()).toEqual({ l1: 0.01, l2: 0.02 });
    expect(regularizers.serialize(new regularizers.OrthogonalRegularizer({ mode: 'columns' }))).toEqual({
      module: 'keras.regularizers', class_name: 'OrthogonalRegularizer', config: { factor: 0.01, mode: 'columns' }, registered_name: null,
    });
    expect(regularizers.serialize(null)).toBeNull();
    const custom = regularizers.get(function myPenalty(t) { return new regularizers.L1(2).call(t); })!;
    expectClose(value(custom, w), [20]);
    expect(regularizers.serialize(custom)).toMatchObject({ class_name: 'function', config: 'myPenalty' });
  });

  it('reject bad arguments with Keras\'s messages', () => {
    expect(() => regularizers.get('typo')).toThrow('Could not interpret regularizer identifier: typo');
    expect(() => new regularizers.L1(-1)).toThrow('Invalid value for argument l1: expected a non-negative float.Received: l1=-1');
    expect(() => new regularizers.L2(Number.NaN)).toThrow('Invalid value for argument l2: expected a non-negative float.Received: l2=NaN');
    expect(() => new regularizers.L1L2({ l2: Infinity })).toThrow('Invalid value for argument l2');
    expect(() => new regularizers.OrthogonalRegularizer({ mode: 'invalid_mode' as never })).toThrow(
      'Invalid value for argument `mode`. Expected one of {"rows", "columns"}. Received: mode=invalid_mode');
    expect(() => tidy(() => new regularizers.OrthogonalRegularizer({ factor: 0.1 }).call(tensor(new Float32Array(8), [2, 2, 2])))).toThrow(
      'Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=(2, 2, 2)');
  });
});
