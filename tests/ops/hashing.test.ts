import { describe, expect, it } from 'vitest';
import { tidy } from '../../ts/index.js';
import { fingerprints, hashToBins } from '../../ts/ops/hashing.js';

describe('hashing kernels', () => {
  it('delimits every string right in the one UTF-8 buffer: 1- to 4-byte characters and lone surrogates', () => {
    const strings = ['a', 'é', '€uro', '😀', 'x\ud800y', '\udc00', '', 'mixed é€😀 text'];
    const alone = strings.map((s) => fingerprints([s])[0]);
    expect(Array.from(fingerprints(strings))).toEqual(alone);
    // FarmHash Fingerprint64 of "a" and "" (tf.fingerprint)
    expect([alone[0], alone[6]]).toEqual([0xb3454265b6df75e3n, 0x9ae16a3b2f90404fn]);
  });

  it('hashes into bins, keyed by a salt when given', () => {
    tidy(() => {
      // tf.strings.to_hash_bucket_fast / _strong(["", "a", "hello"], 2**30, key=[1, 2])
      expect(Array.from(hashToBins(['', 'a', 'hello'], [3], 2 ** 30).dataSync())).toEqual([0x2f90404f & 0x3fffffff, 0x36df75e3, 0x31380ce8]);
      const strong = hashToBins(['', 'a', 'hello'], [3, 1], 2 ** 30, [1n, 2n]);
      expect(strong.shape).toEqual([3, 1]);
      expect(Array.from(strong.dataSync())).toEqual([443797209252341627n, 546566331822570742n, 2957200328589801622n].map((h) => Number(h % 2n ** 30n)));
    });
  });
});
