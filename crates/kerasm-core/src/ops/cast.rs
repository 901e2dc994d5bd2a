//! `cast` between float32 and int32. float32 → int32 truncates toward zero like TensorFlow,
//! saturating at the int32 range with NaN → 0 (Rust's `as`; TensorFlow leaves these undefined).
//! Only float32 → float32 carries a gradient (the identity); int32 outputs never record.
use crate::error::Result;
use crate::tape::{F32Array, Tape};
use crate::tensor::{DType, Data, Tensor};

/// `x` as `dtype`: always a new tensor (a copy when the dtype is unchanged).
pub fn cast(tape: &mut Tape, x: &Tensor, dtype: DType) -> Result<Tensor> {
    let out = match (&x.data, dtype) {
        (Data::F32(a), DType::F32) => Tensor::f32(a.to_owned()),
        (Data::I32(a), DType::I32) => Tensor::i32(a.to_owned()),
        (Data::F32(a), DType::I32) => Tensor::i32(a.mapv(|v| v as i32)),
        (Data::I32(a), DType::F32) => Tensor::f32(a.mapv(|v| v as f32)),
    };
    // Records only float32 → float32 (the tape skips int outputs and int-only inputs).
    tape.record(&[x], &out, |g| Ok(vec![Some(g.clone())]));
    Ok(out)
}

/// The values of `t` as float32, converting int32: for ops that compare or select across dtypes.
pub fn f32_values(t: &Tensor) -> F32Array {
    match &t.data {
        Data::F32(a) => a.clone(),
        Data::I32(a) => a.mapv(|v| v as f32).into_shared(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, t, ti};

    #[test]
    fn float_to_int_truncates_toward_zero_and_saturates() {
        let mut tape = Tape::default();
        let x = t(&[8], &[1.9, -1.9, 0.5, -0.5, 3e9, -3e9, f32::NAN, 7.0]);
        let y = cast(&mut tape, &x, DType::I32).unwrap();
        assert_eq!(y.dtype(), DType::I32);
        assert_eq!(y.as_i32("test").unwrap().iter().copied().collect::<Vec<_>>(), vec![1, -1, 0, 0, i32::MAX, i32::MIN, 0, 7]);
    }

    #[test]
    fn int_to_float_and_same_dtype() {
        let mut tape = Tape::default();
        let y = cast(&mut tape, &ti(&[2, 2], &[-3, 0, 5, 16_777_217]), DType::F32).unwrap();
        assert_eq!(y.dtype(), DType::F32);
        assert_eq!(y.shape(), &[2, 2]);
        assert_close(&y, &[-3.0, 0.0, 5.0, 16_777_216.0], 0.0);
        let x = t(&[2], &[1.5, -2.5]);
        let same = cast(&mut tape, &x, DType::F32).unwrap();
        assert_ne!(same.id, x.id);
        assert_close(&same, &[1.5, -2.5], 0.0);
        assert_eq!(cast(&mut tape, &ti(&[1], &[4]), DType::I32).unwrap().as_i32("test").unwrap()[[0]], 4);
    }

    #[test]
    fn gradient_flows_only_float_to_float() {
        gradcheck(|tape, x| cast(tape, &x[0], DType::F32), &[t(&[2, 3], &[0.1, -0.2, 0.3, 1.4, -2.5, 3.6])]);
        let mut tape = Tape::default();
        tape.start();
        let x = t(&[2], &[1.5, 2.5]);
        cast(&mut tape, &x, DType::I32).unwrap();
        cast(&mut tape, &ti(&[2], &[1, 2]), DType::F32).unwrap();
        assert!(tape.is_empty(), "casts to or from int32 must not record");
        cast(&mut tape, &x, DType::F32).unwrap();
        assert_eq!(tape.len(), 1);
    }
}
