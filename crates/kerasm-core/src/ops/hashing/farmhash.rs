//! FarmHash's `Fingerprint64` (the `farmhashna` 64-bit hash, which TensorFlow's
//! `to_hash_bucket_fast` and `sparse.cross_hashed` use) and TensorFlow's `FingerprintCat64`,
//! which folds fingerprints into one. Written from the published algorithm; the tests hold values
//! TensorFlow 2 computes (`tf.fingerprint`, `tf.sparse.cross_hashed`).

const K0: u64 = 0xc3a5_c85c_97cb_3127;
const K1: u64 = 0xb492_b66f_be98_f273;
const K2: u64 = 0x9ae1_6a3b_2f90_404f;

fn fetch64(s: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(s[at..at + 8].try_into().unwrap())
}

fn fetch32(s: &[u8], at: usize) -> u64 {
    u32::from_le_bytes(s[at..at + 4].try_into().unwrap()) as u64
}

fn shift_mix(v: u64) -> u64 {
    v ^ (v >> 47)
}

/// Two words into one (CityHash's `Hash128to64` with a chosen multiplier).
fn hash_len16(u: u64, v: u64, mul: u64) -> u64 {
    let a = shift_mix((u ^ v).wrapping_mul(mul));
    let b = shift_mix((v ^ a).wrapping_mul(mul));
    b.wrapping_mul(mul)
}

fn hash_len0to16(s: &[u8]) -> u64 {
    let len = s.len();
    if len >= 8 {
        let mul = K2.wrapping_add(len as u64 * 2);
        let a = fetch64(s, 0).wrapping_add(K2);
        let b = fetch64(s, len - 8);
        let c = b.rotate_right(37).wrapping_mul(mul).wrapping_add(a);
        let d = a.rotate_right(25).wrapping_add(b).wrapping_mul(mul);
        return hash_len16(c, d, mul);
    }
    if len >= 4 {
        let mul = K2.wrapping_add(len as u64 * 2);
        return hash_len16((len as u64).wrapping_add(fetch32(s, 0) << 3), fetch32(s, len - 4), mul);
    }
    if len > 0 {
        let (a, b, c) = (s[0] as u32, s[len >> 1] as u32, s[len - 1] as u32);
        let y = a.wrapping_add(b << 8) as u64;
        let z = (len as u32).wrapping_add(c << 2) as u64;
        return shift_mix(y.wrapping_mul(K2) ^ z.wrapping_mul(K0)).wrapping_mul(K2);
    }
    K2
}

fn hash_len17to32(s: &[u8]) -> u64 {
    let len = s.len();
    let mul = K2.wrapping_add(len as u64 * 2);
    let a = fetch64(s, 0).wrapping_mul(K1);
    let b = fetch64(s, 8);
    let c = fetch64(s, len - 8).wrapping_mul(mul);
    let d = fetch64(s, len - 16).wrapping_mul(K2);
    hash_len16(
        a.wrapping_add(b).rotate_right(43).wrapping_add(c.rotate_right(30)).wrapping_add(d),
        a.wrapping_add(b.wrapping_add(K2).rotate_right(18)).wrapping_add(c),
        mul,
    )
}

fn hash_len33to64(s: &[u8]) -> u64 {
    let len = s.len();
    let mul = K2.wrapping_add(len as u64 * 2);
    let a = fetch64(s, 0).wrapping_mul(K2);
    let b = fetch64(s, 8);
    let c = fetch64(s, len - 8).wrapping_mul(mul);
    let d = fetch64(s, len - 16).wrapping_mul(K2);
    let y = a.wrapping_add(b).rotate_right(43).wrapping_add(c.rotate_right(30)).wrapping_add(d);
    let z = hash_len16(y, a.wrapping_add(b.wrapping_add(K2).rotate_right(18)).wrapping_add(c), mul);
    let e = fetch64(s, 16).wrapping_mul(mul);
    let f = fetch64(s, 24);
    let g = y.wrapping_add(fetch64(s, len - 32)).wrapping_mul(mul);
    let h = z.wrapping_add(fetch64(s, len - 24)).wrapping_mul(mul);
    hash_len16(
        e.wrapping_add(f).rotate_right(43).wrapping_add(g.rotate_right(30)).wrapping_add(h),
        e.wrapping_add(f.wrapping_add(a).rotate_right(18)).wrapping_add(g),
        mul,
    )
}

/// The 32 bytes at `at` mixed into the seeds `a` and `b`: two words.
fn weak_hash_len32_with_seeds(s: &[u8], at: usize, a: u64, b: u64) -> (u64, u64) {
    let (w, x, y, z) = (fetch64(s, at), fetch64(s, at + 8), fetch64(s, at + 16), fetch64(s, at + 24));
    let a = a.wrapping_add(w);
    let b = b.wrapping_add(a).wrapping_add(z).rotate_right(21);
    let c = a;
    let a = a.wrapping_add(x).wrapping_add(y);
    let b = b.wrapping_add(a.rotate_right(44));
    (a.wrapping_add(z), b.wrapping_add(c))
}

/// FarmHash's `Fingerprint64` of `s`.
pub fn fingerprint64(s: &[u8]) -> u64 {
    match s.len() {
        0..=16 => hash_len0to16(s),
        17..=32 => hash_len17to32(s),
        33..=64 => hash_len33to64(s),
        _ => hash_long(s),
    }
}

/// Over 64 bytes: 64-byte chunks into a 56-byte state, then the last 64 bytes once more.
fn hash_long(s: &[u8]) -> u64 {
    const SEED: u64 = 81;
    let len = s.len();
    let mut x = SEED;
    let mut y = SEED.wrapping_mul(K1).wrapping_add(113);
    let mut z = shift_mix(y.wrapping_mul(K2).wrapping_add(113)).wrapping_mul(K2);
    let (mut v, mut w) = ((0u64, 0u64), (0u64, 0u64));
    x = x.wrapping_mul(K2).wrapping_add(fetch64(s, 0));
    let end = ((len - 1) / 64) * 64;
    let last64 = end + ((len - 1) & 63) - 63;
    let mut at = 0;
    while at != end {
        x = x.wrapping_add(y).wrapping_add(v.0).wrapping_add(fetch64(s, at + 8)).rotate_right(37).wrapping_mul(K1);
        y = y.wrapping_add(v.1).wrapping_add(fetch64(s, at + 48)).rotate_right(42).wrapping_mul(K1);
        x ^= w.1;
        y = y.wrapping_add(v.0).wrapping_add(fetch64(s, at + 40));
        z = z.wrapping_add(w.0).rotate_right(33).wrapping_mul(K1);
        v = weak_hash_len32_with_seeds(s, at, v.1.wrapping_mul(K1), x.wrapping_add(w.0));
        w = weak_hash_len32_with_seeds(s, at + 32, z.wrapping_add(w.1), y.wrapping_add(fetch64(s, at + 16)));
        std::mem::swap(&mut z, &mut x);
        at += 64;
    }
    let mul = K1.wrapping_add((z & 0xff) << 1);
    at = last64;
    w.0 = w.0.wrapping_add(((len - 1) & 63) as u64);
    v.0 = v.0.wrapping_add(w.0);
    w.0 = w.0.wrapping_add(v.0);
    x = x.wrapping_add(y).wrapping_add(v.0).wrapping_add(fetch64(s, at + 8)).rotate_right(37).wrapping_mul(mul);
    y = y.wrapping_add(v.1).wrapping_add(fetch64(s, at + 48)).rotate_right(42).wrapping_mul(mul);
    x ^= w.1.wrapping_mul(9);
    y = y.wrapping_add(v.0.wrapping_mul(9)).wrapping_add(fetch64(s, at + 40));
    z = z.wrapping_add(w.0).rotate_right(33).wrapping_mul(mul);
    v = weak_hash_len32_with_seeds(s, at, v.1.wrapping_mul(mul), x.wrapping_add(w.0));
    w = weak_hash_len32_with_seeds(s, at + 32, z.wrapping_add(w.1), y.wrapping_add(fetch64(s, at + 16)));
    std::mem::swap(&mut z, &mut x);
    hash_len16(
        hash_len16(v.0, w.0, mul).wrapping_add(shift_mix(y).wrapping_mul(K0)).wrapping_add(z),
        hash_len16(v.1, w.1, mul).wrapping_add(x),
        mul,
    )
}

/// TensorFlow's `FingerprintCat64`: the fingerprint `fp2` folded into `fp1` (not symmetric).
pub fn fingerprint_cat64(fp1: u64, fp2: u64) -> u64 {
    const MUL: u64 = 0xc6a4_a793_5bd1_e995;
    let mut result = fp1 ^ MUL;
    result ^= shift_mix(fp2.wrapping_mul(MUL)).wrapping_mul(MUL);
    result = result.wrapping_mul(MUL);
    result = shift_mix(result).wrapping_mul(MUL);
    shift_mix(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint64_matches_tensorflow_for_every_length_class() {
        let long: String = (0..200).map(|i| (65 + i % 50) as u8 as char).collect();
        let alphabet65: String = (0..65).map(|i| (97 + i % 26) as u8 as char).collect();
        let cases: [(&str, u64); 17] = [
            ("", 0x9ae16a3b2f90404f),
            ("a", 0xb3454265b6df75e3),
            ("ab", 0xaa8d6e5242ada51e),
            ("abc", 0x24a5b3a074e7f369),
            ("abcd", 0x1a5502de4a1f8101),
            ("hello", 0xb48be5a931380ce8),
            ("hello wor", 0x07e34721ff5c9b66),
            ("sixteen bytes!!!", 0xac89074515b2b5a6),
            ("seventeen bytes!!", 0x507a9d6592469765),
            (&"x".repeat(32), 0xb30b9baccc74dc05),
            (&"y".repeat(33), 0x777f79e52d060efe),
            ("the quick brown fox jumps over the lazy dog", 0xac6a07c674dc13d3),
            (&"z".repeat(64), 0x041756d0f401a218),
            (&alphabet65, 0x2434d8917886fe2a),
            (&long, 0xbd4457dddcbda1c4),
            ("héllo", 0xed45dbd0299754f7),
            ("-7", 0x8230199e3cd9154e),
        ];
        for (s, expected) in cases {
            assert_eq!(fingerprint64(s.as_bytes()), expected, "Fingerprint64({s:?})");
        }
    }

    #[test]
    fn fingerprint_cat64_matches_tensorflow_cross_hashed() {
        // tf.sparse.cross_hashed([["a"]], [["d"]]) with num_buckets 0: the key 0xDECAFCAFFE, folded, modulo 2^63 - 1.
        let crossed = fingerprint_cat64(fingerprint_cat64(0x00DE_CAFC_AFFE, fingerprint64(b"a")), fingerprint64(b"d"));
        assert_eq!(crossed % (i64::MAX as u64), 1584069791037555375);
    }
}
