//! Hashing strings (and integers, crossed) into bins, as TensorFlow's string ops do for Keras's
//! `Hashing` and `HashedCrossing` layers. Strings arrive as one UTF-8 buffer and `n + 1` offsets
//! (string `i` is `bytes[offsets[i]..offsets[i + 1]]`); bins leave as an int32 tensor. No gradient:
//! the inputs are categories.
pub mod farmhash;
pub mod siphash;

use ndarray::{ArrayD, IxDyn};

use crate::error::{fail, shape_str, Result};
use crate::tensor::{checked_len, Tensor};

/// `tf.sparse.cross_hashed`'s default key, the start of every crossed hash.
const CROSS_HASH_KEY: u64 = 0x00DE_CAFC_AFFE;

/// The strings of `bytes` that `offsets` delimit, checked against the buffer.
fn strings<'a>(op: &'static str, bytes: &'a [u8], offsets: &'a [u32]) -> Result<Vec<&'a [u8]>> {
    if offsets.is_empty() || offsets[0] != 0 || offsets[offsets.len() - 1] as usize != bytes.len() || offsets.windows(2).any(|w| w[0] > w[1]) {
        return fail(op, format!("offsets must rise from 0 to the buffer's length {}; received {} offsets", bytes.len(), offsets.len()));
    }
    Ok(offsets.windows(2).map(|w| &bytes[w[0] as usize..w[1] as usize]).collect())
}

fn check_bins(op: &'static str, num_bins: i64) -> Result<u64> {
    if !(1..=i32::MAX as i64).contains(&num_bins) {
        return fail(op, format!("num_bins must be in [1, 2^31 - 1], received {num_bins}"));
    }
    Ok(num_bins as u64)
}

/// An int32 tensor of `shape` holding `values`, which must number as many as the shape holds.
fn bins_tensor(op: &'static str, shape: &[usize], values: Vec<i32>) -> Result<Tensor> {
    if checked_len(op, shape)? != values.len() {
        return fail(op, format!("shape {} holds {} values, received {}", shape_str(shape), checked_len(op, shape)?, values.len()));
    }
    Ok(Tensor::i32(ArrayD::from_shape_vec(IxDyn(shape), values).expect("length checked")))
}

/// Each string's bin in `[0, num_bins)`: `Fingerprint64 % num_bins` (`to_hash_bucket_fast`), or
/// with a `key`, `SipHash-2-4 % num_bins` (`to_hash_bucket_strong`). With `masked` (one flag per
/// string, Keras's `mask_value`), bin 0 is the mask's: flagged strings go there and the others
/// hash into the remaining `num_bins - 1` bins, shifted up by one.
pub fn hash_to_bins(bytes: &[u8], offsets: &[u32], shape: &[usize], num_bins: i64, key: Option<[u64; 2]>, masked: Option<&[u8]>) -> Result<Tensor> {
    const OP: &str = "hash_to_bins";
    let strings = strings(OP, bytes, offsets)?;
    let (bins, first_bin) = match masked {
        None => (check_bins(OP, num_bins)?, 0),
        Some(flags) if flags.len() != strings.len() => return fail(OP, format!("expected a mask flag per string ({}), received {}", strings.len(), flags.len())),
        Some(_) => (check_bins(OP, num_bins - 1)?, 1),
    };
    let hash = |s: &[u8]| match key {
        Some(key) => siphash::siphash24(key, s),
        None => farmhash::fingerprint64(s),
    };
    let is_masked = |i: usize| masked.is_some_and(|flags| flags[i] != 0);
    let values = strings.into_iter().enumerate().map(|(i, s)| if is_masked(i) { 0 } else { (hash(s) % bins) as i32 + first_bin }).collect();
    bins_tensor(OP, shape, values)
}

/// Each string's `Fingerprint64`: how `cross_hashed` hashes a string feature (an integer one is its own hash).
pub fn fingerprints(bytes: &[u8], offsets: &[u32]) -> Result<Vec<u64>> {
    Ok(strings("fingerprints", bytes, offsets)?.into_iter().map(farmhash::fingerprint64).collect())
}

/// The bins of the crossed features, as `tf.sparse.cross_hashed(features, num_bins)` on dense
/// inputs of one value per row: `hashes` holds `num_features` feature hashes of `shape`'s
/// size each, feature after feature; each row folds its features in order into the key with
/// `FingerprintCat64`, modulo `num_bins`.
pub fn cross_hashed(hashes: &[u64], num_features: usize, shape: &[usize], num_bins: i64) -> Result<Tensor> {
    const OP: &str = "cross_hashed";
    let bins = check_bins(OP, num_bins)?;
    let rows = checked_len(OP, shape)?;
    if num_features == 0 || hashes.len() != num_features * rows {
        return fail(OP, format!("expected {num_features} features of {rows} hashes, received {} hashes", hashes.len()));
    }
    let values = (0..rows)
        .map(|row| {
            let crossed = (0..num_features).fold(CROSS_HASH_KEY, |acc, f| farmhash::fingerprint_cat64(acc, hashes[f * rows + row]));
            (crossed % bins) as i32
        })
        .collect();
    bins_tensor(OP, shape, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8(strings: &[&str]) -> (Vec<u8>, Vec<u32>) {
        let mut offsets = vec![0u32];
        for s in strings {
            offsets.push(offsets[offsets.len() - 1] + s.len() as u32);
        }
        (strings.concat().into_bytes(), offsets)
    }

    #[test]
    fn hashes_strings_into_bins_fast_or_keyed() {
        let (bytes, offsets) = utf8(&["", "a", "hello"]);
        let fast = hash_to_bins(&bytes, &offsets, &[3], 1 << 30, None, None).unwrap();
        assert_eq!(fast.as_i32("t").unwrap().iter().copied().collect::<Vec<_>>(), vec![0x2f90404f & 0x3fffffff, (0xb6df75e3u64 & 0x3fffffff) as i32, (0x31380ce8u64 & 0x3fffffff) as i32]);
        let strong = hash_to_bins(&bytes, &offsets, &[3, 1], 1 << 30, Some([1, 2]), None).unwrap();
        assert_eq!(strong.shape(), &[3, 1]);
        assert_eq!(strong.as_i32("t").unwrap().iter().copied().collect::<Vec<_>>(), vec![(443797209252341627u64 % (1 << 30)) as i32, (546566331822570742u64 % (1 << 30)) as i32, (2957200328589801622u64 % (1 << 30)) as i32]);
    }

    #[test]
    fn keeps_bin_zero_for_masked_strings() {
        let (bytes, offsets) = utf8(&["", "a", "hello"]);
        let masked = hash_to_bins(&bytes, &offsets, &[3], 1 << 30, None, Some(&[1, 0, 0])).unwrap();
        let unmasked = hash_to_bins(&bytes, &offsets, &[3], (1 << 30) - 1, None, None).unwrap();
        let shifted: Vec<i32> = unmasked.as_i32("t").unwrap().iter().map(|b| b + 1).collect();
        assert_eq!(masked.as_i32("t").unwrap().iter().copied().collect::<Vec<_>>(), vec![0, shifted[1], shifted[2]]);
    }

    #[test]
    fn crosses_strings_and_integers_as_tensorflow() {
        // tf.sparse.cross_hashed([[["a"], ["b"], ["hello"]], [["d"], ["e"], [""]]], 10) → [2, 1, 8].
        let (a, a_offsets) = utf8(&["a", "b", "hello"]);
        let (d, d_offsets) = utf8(&["d", "e", ""]);
        let hashes = [fingerprints(&a, &a_offsets).unwrap(), fingerprints(&d, &d_offsets).unwrap()].concat();
        let crossed = cross_hashed(&hashes, 2, &[3], 10).unwrap();
        assert_eq!(crossed.as_i32("t").unwrap().iter().copied().collect::<Vec<_>>(), vec![2, 1, 8]);
        // Integer features are their own hashes: [1, 2, -30] crossed with [4, 5, 6] into 2^31 - 1 bins.
        let ints = [1i64, 2, -30, 4, 5, 6].map(|v| v as u64);
        let crossed = cross_hashed(&ints, 2, &[3], i32::MAX as i64).unwrap();
        assert_eq!(crossed.as_i32("t").unwrap().iter().copied().collect::<Vec<_>>(), vec![333465408, 868971690, 983952040]);
    }

    #[test]
    fn refuses_bad_offsets_and_bin_counts() {
        assert!(hash_to_bins(b"ab", &[0, 3], &[1], 4, None, None).is_err());
        assert!(hash_to_bins(b"ab", &[0, 2], &[1], 0, None, None).is_err());
        assert!(hash_to_bins(b"ab", &[0, 2], &[2], 4, None, None).is_err());
        assert!(hash_to_bins(b"ab", &[0, 2], &[1], 1, None, Some(&[0])).is_err());
        assert!(hash_to_bins(b"ab", &[0, 2], &[1], 4, None, Some(&[0, 1])).is_err());
        assert!(cross_hashed(&[1, 2, 3], 2, &[2], 4).is_err());
    }
}
