/**
 * Deterministic values that Python and TypeScript compute bit for bit, so that a fixture can name
 * a model's weights and inputs by formula instead of storing them: the twin of `hash_uniform` and
 * `formula_values` in scripts/keras/applications_fixtures.py.
 */

/**
 * The i-th value in [0, 1) of stream `seed`: lowbias32 (Chris Wellons's 32-bit integer hash) of
 * seed · 0x9E3779B9 + i, keeping its top 24 bits, so the value is exact in float32 and float64.
 */
export function hashUniform(seed: number, i: number): number {
  let x = (i + Math.imul(seed, 0x9e3779b9)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 8) / 16777216;
}

/** `count` values low + (high - low) · u, computed in float64 and rounded once to float32 (or int32). */
export function formulaValues(seed: number, count: number, low: number, high: number, dtype: 'float32' | 'int32' = 'float32'): Float32Array | Int32Array {
  const values = dtype === 'int32' ? new Int32Array(count) : new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = low + (high - low) * hashUniform(seed, i);
  return values;
}
