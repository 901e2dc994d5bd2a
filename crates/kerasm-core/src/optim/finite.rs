//! Whether gradients are all finite: Keras's `LossScaleOptimizer.check_finite`, which decides
//! between applying a step and halving the loss scale.
use rayon::prelude::*;

use super::{runs_inline, CHUNK_LEN};
use crate::error::Result;
use crate::tensor::Tensor;

/// True when no element of any of the float32 `tensors` is NaN or infinite.
pub fn all_finite(tensors: &[&Tensor]) -> Result<bool> {
    for tensor in tensors {
        let values = tensor.as_f32("LossScaleOptimizer")?.as_slice().expect("tensors are kept in standard layout");
        let finite = |chunk: &[f32]| chunk.iter().all(|v| v.is_finite());
        let all = if runs_inline(values.len()) { finite(values) } else { values.par_chunks(CHUNK_LEN).all(finite) };
        if !all {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::testing::{t, ti};

    #[test]
    fn finds_a_nan_or_an_infinity_in_any_tensor() {
        let (a, b) = (t(&[2], &[1.0, -2.0]), t(&[3], &[0.0, 1e30, -1e-30]));
        assert!(all_finite(&[&a, &b]).unwrap());
        for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            assert!(!all_finite(&[&a, &t(&[2], &[0.0, bad])]).unwrap());
        }
        let mut long = vec![0.5; 2 * PARALLEL_MIN_LEN + 3];
        assert!(all_finite(&[&t(&[long.len()], &long)]).unwrap());
        long[PARALLEL_MIN_LEN + 11] = f32::NAN;
        assert!(!all_finite(&[&t(&[long.len()], &long)]).unwrap());
        assert!(all_finite(&[]).unwrap());
    }

    #[test]
    fn refuses_what_is_not_float32() {
        assert_eq!(all_finite(&[&ti(&[1], &[1])]).unwrap_err().to_string(), "LossScaleOptimizer: expected a float32 tensor, received int32");
    }
}
