/** Seeded inputs, so every library and every run sees the same numbers. */

/** `length` floats uniform in [lo, hi), from a small deterministic generator (mulberry32). */
export function uniform(length: number, seed: number, lo = -1, hi = 1): Float32Array {
  const next = mulberry32(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = lo + (hi - lo) * next();
  return out;
}

/** `length` integers uniform in [0, classes). */
export function labels(length: number, classes: number, seed: number): Int32Array {
  const next = mulberry32(seed);
  return Int32Array.from({ length }, () => Math.floor(next() * classes));
}

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
