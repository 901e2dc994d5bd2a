//! Random tensors: `uniform` and `normal`, as `keras.random`. The generator is counter-based
//! (SplitMix64's finaliser over `key + i·γ`): value `i` depends only on the key and `i`, so
//! chunks fill in parallel and the result is the same for any thread count. The key mixes a
//! seed and a counter, like Keras's two-element `SeedGenerator` state. Draws carry no gradient.
use ndarray::{ArrayD, IxDyn};
use rayon::prelude::*;

use crate::error::{fail, Result};
use crate::parallel::{runs_inline, CHUNK_LEN};
use crate::tensor::{checked_len, Tensor};

/// Weyl increment of SplitMix64 (the odd integer nearest 2^64 / φ).
const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;
/// Seeds and counters come from JavaScript numbers, exact up to 2^53.
const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

/// SplitMix64's finaliser: a bijection on 64 bits in which every input bit affects every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The stream of one `(seed, counter)` pair: nearby seeds and counters give unrelated streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(u64);

impl Key {
    pub fn new(seed: u64, counter: u64) -> Key {
        Key(mix(mix(seed ^ 0x6a09_e667_f3bc_c909).wrapping_add(counter.wrapping_mul(GAMMA))))
    }

    /// A key from JavaScript numbers: integers in `[0, 2^53)`.
    ///
    /// # Errors
    /// `op` and the offending value when a seed or counter is negative, fractional or too large.
    pub fn from_f64(op: &'static str, seed: f64, counter: f64) -> Result<Key> {
        let check = |name: &str, v: f64| -> Result<u64> {
            if v.is_finite() && v.fract() == 0.0 && (0.0..MAX_SAFE).contains(&v) {
                Ok(v as u64)
            } else {
                fail(op, format!("the {name} must be an integer in [0, 2^53), received {v}"))
            }
        };
        Ok(Key::new(check("seed", seed)?, check("seed counter", counter)?))
    }

    /// The 64 random bits of element `i`.
    fn bits(self, i: u64) -> u64 {
        mix(self.0.wrapping_add(i.wrapping_mul(GAMMA)))
    }
}

/// A uniform float in `[0, 1)` with 24 random bits (every float32 step of that interval).
fn unit_f32(bits: u64) -> f32 {
    (bits >> 40) as f32 * (1.0 / (1u64 << 24) as f32)
}

/// A standard normal value by Box-Muller in f64 (32-bit uniforms: tails to about 6.7σ).
fn standard_normal(bits: u64) -> f64 {
    let u1 = ((bits >> 32) as f64 + 1.0) * (1.0 / 4_294_967_296.0); // (0, 1]: ln stays finite
    let u2 = (bits & 0xffff_ffff) as f64 * (1.0 / 4_294_967_296.0);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// The checked output shape: dimensions from JavaScript must be non-negative.
fn output_shape(op: &'static str, shape: &[i64]) -> Result<Vec<usize>> {
    let dims = shape
        .iter()
        .map(|&d| if d >= 0 { Ok(d as usize) } else { fail(op, format!("shape dimensions must be non-negative, received {shape:?}")) })
        .collect::<Result<Vec<_>>>()?;
    checked_len(op, &dims)?;
    Ok(dims)
}

/// Fills `out[i] = draw(key.bits(i))`, in parallel chunks when large.
fn fill(out: &mut [f32], key: Key, draw: impl Fn(u64) -> f32 + Sync) {
    if runs_inline(out.len()) {
        out.iter_mut().enumerate().for_each(|(i, o)| *o = draw(key.bits(i as u64)));
    } else {
        out.par_chunks_mut(CHUNK_LEN).enumerate().for_each(|(c, chunk)| {
            let base = (c * CHUNK_LEN) as u64;
            chunk.iter_mut().enumerate().for_each(|(i, o)| *o = draw(key.bits(base + i as u64)));
        });
    }
}

fn finite(op: &'static str, name: &str, v: f32) -> Result<()> {
    if v.is_finite() {
        Ok(())
    } else {
        fail(op, format!("{name} must be a finite number, received {v}"))
    }
}

/// `keras.random.uniform`: float32 values in `[minval, maxval)` (`maxval` itself only by rounding).
///
/// # Errors
/// A negative dimension, an output beyond the size limit, non-finite bounds or `minval > maxval`.
pub fn uniform(shape: &[i64], minval: f32, maxval: f32, key: Key) -> Result<Tensor> {
    const OP: &str = "random_uniform";
    let dims = output_shape(OP, shape)?;
    finite(OP, "minval", minval)?;
    finite(OP, "maxval", maxval)?;
    if minval > maxval {
        return fail(OP, format!("minval must not exceed maxval, received minval={minval}, maxval={maxval}"));
    }
    let mut out = ArrayD::<f32>::zeros(IxDyn(&dims));
    let width = maxval - minval;
    fill(out.as_slice_mut().expect("new arrays are contiguous"), key, |b| minval + width * unit_f32(b));
    Ok(Tensor::f32(out))
}

/// `keras.random.normal`: float32 values from N(`mean`, `stddev`²).
///
/// # Errors
/// A negative dimension, an output beyond the size limit, a non-finite mean or a negative or
/// non-finite standard deviation.
pub fn normal(shape: &[i64], mean: f32, stddev: f32, key: Key) -> Result<Tensor> {
    const OP: &str = "random_normal";
    let dims = output_shape(OP, shape)?;
    finite(OP, "mean", mean)?;
    finite(OP, "stddev", stddev)?;
    if stddev < 0.0 {
        return fail(OP, format!("stddev must be non-negative, received {stddev}"));
    }
    let mut out = ArrayD::<f32>::zeros(IxDyn(&dims));
    let (m, s) = (mean as f64, stddev as f64);
    fill(out.as_slice_mut().expect("new arrays are contiguous"), key, |b| (m + s * standard_normal(b)) as f32);
    Ok(Tensor::f32(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;

    fn stats(t: &Tensor) -> (f64, f64) {
        let v = t.to_f32_vec();
        let n = v.len() as f64;
        let mean = v.iter().map(|&x| x as f64).sum::<f64>() / n;
        let var = v.iter().map(|&x| (x as f64 - mean).powi(2)).sum::<f64>() / n;
        (mean, var.sqrt())
    }

    #[test]
    fn same_key_same_values_other_keys_differ() {
        let a = uniform(&[3, 4], 0.0, 1.0, Key::new(42, 0)).unwrap();
        let b = uniform(&[3, 4], 0.0, 1.0, Key::new(42, 0)).unwrap();
        assert_eq!(a.shape(), &[3, 4]);
        assert_eq!(a.to_f32_vec(), b.to_f32_vec());
        for other in [Key::new(43, 0), Key::new(42, 1), Key::new(0, 0)] {
            let c = uniform(&[3, 4], 0.0, 1.0, other).unwrap().to_f32_vec();
            assert!(c.iter().zip(a.to_f32_vec()).filter(|(x, y)| *x == y).count() < 2, "{other:?} repeats key 42's stream");
        }
    }

    #[test]
    fn parallel_chunks_match_the_serial_formula() {
        let n = 3 * PARALLEL_MIN_LEN + 17;
        let key = Key::new(7, 3);
        let got = normal(&[n as i64], 0.5, 2.0, key).unwrap().to_f32_vec();
        for i in [0, 1, CHUNK_LEN - 1, CHUNK_LEN, n / 2, n - 1] {
            assert_eq!(got[i], (0.5 + 2.0 * standard_normal(key.bits(i as u64))) as f32, "element {i}");
        }
    }

    #[test]
    fn uniform_statistics_and_range() {
        let t = uniform(&[200_000], -2.0, 3.0, Key::new(1, 0)).unwrap();
        let v = t.to_f32_vec();
        assert!(v.iter().all(|&x| (-2.0..3.0).contains(&x)));
        let (mean, std) = stats(&t);
        assert!((mean - 0.5).abs() < 0.02, "mean {mean}");
        assert!((std - 5.0 / 12f64.sqrt()).abs() < 0.01, "std {std}");
        // Ten equal bins each hold about a tenth of the draws.
        let mut bins = [0usize; 10];
        v.iter().for_each(|&x| bins[((x + 2.0) * 2.0) as usize] += 1);
        assert!(bins.iter().all(|&c| (c as f64 - 20_000.0).abs() < 800.0), "{bins:?}");
    }

    #[test]
    fn normal_statistics() {
        let t = normal(&[400, 500], 1.0, 0.25, Key::new(9, 0)).unwrap();
        let (mean, std) = stats(&t);
        assert!((mean - 1.0).abs() < 0.003, "mean {mean}");
        assert!((std - 0.25).abs() < 0.003, "std {std}");
        let within_one_sigma = t.to_f32_vec().iter().filter(|&&x| (x - 1.0).abs() < 0.25).count() as f64 / 200_000.0;
        assert!((within_one_sigma - 0.6827).abs() < 0.005, "{within_one_sigma}");
        let point = normal(&[5], 3.0, 0.0, Key::new(1, 1)).unwrap();
        assert_eq!(point.to_f32_vec(), vec![3.0; 5]);
    }

    #[test]
    fn empty_and_scalar_shapes() {
        assert_eq!(uniform(&[0, 3], 0.0, 1.0, Key::new(1, 0)).unwrap().len(), 0);
        let s = normal(&[], 0.0, 1.0, Key::new(1, 0)).unwrap();
        assert_eq!((s.rank(), s.len()), (0, 1));
    }

    #[test]
    fn bad_arguments_are_errors() {
        let k = Key::new(1, 0);
        let msg = |r: Result<Tensor>| r.unwrap_err().to_string();
        assert_eq!(msg(uniform(&[2, -1], 0.0, 1.0, k)), "random_uniform: shape dimensions must be non-negative, received [2, -1]");
        assert_eq!(msg(uniform(&[2], 1.0, 0.0, k)), "random_uniform: minval must not exceed maxval, received minval=1, maxval=0");
        assert_eq!(msg(uniform(&[2], f32::NAN, 0.0, k)), "random_uniform: minval must be a finite number, received NaN");
        assert_eq!(msg(normal(&[2], 0.0, -1.0, k)), "random_normal: stddev must be non-negative, received -1");
        assert!(msg(normal(&[1 << 20, 1 << 20], 0.0, 1.0, k)).starts_with("random_normal: the output of shape (1048576, 1048576) would hold more than"));
        assert_eq!(Key::from_f64("random_normal", 1.5, 0.0).unwrap_err().to_string(), "random_normal: the seed must be an integer in [0, 2^53), received 1.5");
        assert_eq!(Key::from_f64("random_normal", 1.0, -1.0).unwrap_err().to_string(), "random_normal: the seed counter must be an integer in [0, 2^53), received -1");
        assert_eq!(Key::from_f64("random_normal", 12.0, 3.0).unwrap(), Key::new(12, 3));
    }
}
