/**
 * Hashing strings into bins, as TensorFlow's string ops that Keras's `Hashing` and
 * `HashedCrossing` layers call: FarmHash `Fingerprint64` (`to_hash_bucket_fast`), SipHash-2-4
 * keyed by a salt (`to_hash_bucket_strong`) and `cross_hashed`'s `FingerprintCat64` folding. The
 * kernels are Rust's; strings cross to WebAssembly as one UTF-8 buffer plus offsets. These are
 * kerasm's own helpers for those layers, not `keras.ops`.
 */
import { call } from '../runtime/binding.js';
import { wrap } from '../tensor/create.js';
import type { Shape, Tensor } from '../tensor/tensor.js';

const encoder = new TextEncoder();

/**
 * The strings' UTF-8 bytes in one buffer and the `n + 1` offsets that delimit them. One
 * `encode` of the joined strings (encoding each string alone costs far more than its hash).
 */
function utf8(strings: readonly string[]): { bytes: Uint8Array; offsets: Uint32Array } {
  const offsets = new Uint32Array(strings.length + 1);
  strings.forEach((s, i) => (offsets[i + 1] = offsets[i]! + utf8Length(s)));
  return { bytes: encoder.encode(strings.join('')), offsets };
}

/** The length of `s` in UTF-8 as TextEncoder writes it (a lone surrogate becomes U+FFFD, 3 bytes). */
function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * An int32 tensor of `shape` holding each string's bin in `[0, numBins)`: its `Fingerprint64`
 * modulo `numBins`, or with a two-word `key`, its SipHash-2-4 under that key. With `masked` (a
 * flag per string), bin 0 is kept for the flagged strings and the others hash into bins 1 and up.
 */
export function hashToBins(strings: readonly string[], shape: Shape, numBins: number, key: readonly [bigint, bigint] | null = null, masked: Uint8Array | null = null): Tensor {
  const { bytes, offsets } = utf8(strings);
  const words = key === null ? undefined : BigUint64Array.from(key, (k) => BigInt.asUintN(64, k));
  return wrap('hash_to_bins', call('hash_to_bins', (w) => w.hash_to_bins(bytes, offsets, Uint32Array.from(shape), numBins, words, masked ?? undefined)));
}

/** Each string's FarmHash `Fingerprint64`, as `cross_hashed` hashes a string feature. */
export function fingerprints(strings: readonly string[]): BigUint64Array {
  const { bytes, offsets } = utf8(strings);
  return call('fingerprints', (w) => w.fingerprints(bytes, offsets));
}

/**
 * The int32 bins of crossed features, as `tf.sparse.cross_hashed(features, numBins)`: `hashes`
 * holds each feature's hashes (a string's fingerprint, an integer itself) feature after feature,
 * `shape`'s size each.
 */
export function crossHashed(hashes: BigUint64Array, numFeatures: number, shape: Shape, numBins: number): Tensor {
  return wrap('cross_hashed', call('cross_hashed', (w) => w.cross_hashed(hashes, numFeatures, Uint32Array.from(shape), numBins)));
}
