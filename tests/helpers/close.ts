import { expect } from 'vitest';
import type { Tensor } from '../../ts/index.js';

/** Asserts element-wise closeness: |got - want| <= tol * max(1, |want|). */
export function expectClose(got: Tensor | ArrayLike<number>, want: ArrayLike<number>, tol = 1e-5): void {
  const values = Array.from('dataSync' in got ? got.dataSync() : got);
  expect(values.length).toBe(want.length);
  values.forEach((g, i) => {
    const w = want[i]!;
    if (Math.abs(g - w) > tol * Math.max(1, Math.abs(w)) || Number.isNaN(g) !== Number.isNaN(w)) {
      throw new Error(`element ${i}: got ${g}, want ${w} (got ${values.slice(0, 12).join(', ')}…)`);
    }
  });
}

/** Deterministic values in [lo, hi), so failures reproduce. */
export function seededValues(n: number, seed = 1, lo = -1, hi = 1): Float32Array {
  let s = seed >>> 0 || 1;
  return Float32Array.from({ length: n }, () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return lo + ((s % 1_000_000) / 1_000_000) * (hi - lo);
  });
}
