//! Comparisons and selection: `equal` … `less_equal` (broadcasting, either dtype, float32 0/1
//! results since kerasm has no bool dtype, no gradient), `select` (Keras's `where`) and `clip`.
use ndarray::{ArcArray, ArrayD, IxDyn, Zip};

use super::broadcast::{broadcast_shape, sum_to_shape};
use super::cast::f32_values;
use crate::error::{fail, shape_str, Result};
use crate::parallel;
use crate::tape::Tape;
use crate::tensor::{DType, Data, Tensor};

/// An element-wise comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    Equal,
    NotEqual,
    Greater,
    GreaterEqual,
    Less,
    LessEqual,
}

impl Comparison {
    /// The op's name in errors (Keras's snake_case).
    pub fn name(self) -> &'static str {
        match self {
            Comparison::Equal => "equal",
            Comparison::NotEqual => "not_equal",
            Comparison::Greater => "greater",
            Comparison::GreaterEqual => "greater_equal",
            Comparison::Less => "less",
            Comparison::LessEqual => "less_equal",
        }
    }

    /// IEEE semantics: every comparison with NaN is false, except `NotEqual`.
    fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            Comparison::Equal => a == b,
            Comparison::NotEqual => a != b,
            Comparison::Greater => a > b,
            Comparison::GreaterEqual => a >= b,
            Comparison::Less => a < b,
            Comparison::LessEqual => a <= b,
        }
    }
}

/// `x1 <cmp> x2` with NumPy broadcasting, as float32 1.0 / 0.0. Two int32 tensors compare as
/// int32; otherwise int32 values are converted to float32 first.
pub fn compare(cmp: Comparison, x1: &Tensor, x2: &Tensor) -> Result<Tensor> {
    let shape = broadcast_shape(cmp.name(), x1.shape(), x2.shape())?;
    let out = match (&x1.data, &x2.data) {
        (Data::I32(a), Data::I32(b)) => compare_arrays(cmp, a, b, &shape),
        _ => compare_arrays(cmp, &f32_values(x1), &f32_values(x2), &shape),
    };
    Ok(Tensor::f32(out))
}

fn compare_arrays<T: PartialOrd + Copy + Send + Sync>(cmp: Comparison, a: &ArcArray<T, IxDyn>, b: &ArcArray<T, IxDyn>, shape: &[usize]) -> ArrayD<f32> {
    let mut out = ArrayD::<f32>::zeros(IxDyn(shape));
    let (av, bv) = (a.broadcast(IxDyn(shape)).expect("shape is the broadcast shape"), b.broadcast(IxDyn(shape)).expect("shape is the broadcast shape"));
    let len = out.len();
    crate::zip_for_each!(Zip::from(&mut out).and(&av).and(&bv), len, |o, &x, &y| *o = if cmp.holds(x, y) { 1.0 } else { 0.0 });
    out
}

/// Keras's `where(condition, x1, x2)`: `x1` where `condition` is nonzero (NaN counts as nonzero),
/// else `x2`, broadcasting all three. int32 when `x1` and `x2` both are, else float32. The
/// gradient goes to `x1` where the condition holds and to `x2` elsewhere, summed to their shapes.
pub fn select(tape: &mut Tape, condition: &Tensor, x1: &Tensor, x2: &Tensor) -> Result<Tensor> {
    let shape = broadcast_shape("where", condition.shape(), x1.shape())
        .and_then(|s| broadcast_shape("where", &s, x2.shape()))
        .or_else(|_| {
            let [c, a, b] = [condition, x1, x2].map(|t| shape_str(t.shape()));
            fail("where", format!("cannot broadcast condition, x1 and x2 shapes {c}, {a} and {b}"))
        })?;
    let mask: ArcArray<bool, IxDyn> = match &condition.data {
        Data::F32(c) => c.mapv(|v| v != 0.0).into_shared(),
        Data::I32(c) => c.mapv(|v| v != 0).into_shared(),
    };
    let mask_b = mask.broadcast(IxDyn(&shape)).expect("shape is the broadcast shape");
    if let (Data::I32(a), Data::I32(b)) = (&x1.data, &x2.data) {
        let mut out = ArrayD::<i32>::zeros(IxDyn(&shape));
        let (av, bv) = (a.broadcast(IxDyn(&shape)).expect("broadcast shape"), b.broadcast(IxDyn(&shape)).expect("broadcast shape"));
        let len = out.len();
        crate::zip_for_each!(Zip::from(&mut out).and(&mask_b).and(&av).and(&bv), len, |o, &m, &x, &y| *o = if m { x } else { y });
        return Ok(Tensor::i32(out));
    }
    let (a, b) = (f32_values(x1), f32_values(x2));
    let mut out = ArrayD::<f32>::zeros(IxDyn(&shape));
    let (av, bv) = (a.broadcast(IxDyn(&shape)).expect("broadcast shape"), b.broadcast(IxDyn(&shape)).expect("broadcast shape"));
    let len = out.len();
    crate::zip_for_each!(Zip::from(&mut out).and(&mask_b).and(&av).and(&bv), len, |o, &m, &x, &y| *o = if m { x } else { y });
    let out = Tensor::f32(out);
    let (float1, float2) = (x1.dtype() == DType::F32, x2.dtype() == DType::F32);
    let (shape1, shape2) = (x1.shape().to_vec(), x2.shape().to_vec());
    tape.record(&[x1, x2], &out, move |g| {
        let Some(mask) = mask.broadcast(IxDyn(g.shape())) else { return fail("where", "gradient does not have the output's shape") };
        let masked = |keep: bool| {
            let mut d = ArrayD::<f32>::zeros(IxDyn(g.shape()));
            crate::zip_for_each!(Zip::from(&mut d).and(g).and(&mask), g.len(), |d, &g, &m| *d = if m == keep { g } else { 0.0 });
            d.into_shared()
        };
        Ok(vec![float1.then(|| sum_to_shape(&masked(true), &shape1)), float2.then(|| sum_to_shape(&masked(false), &shape2))])
    });
    Ok(out)
}

/// `x` limited to `[min_value, max_value]`, as `minimum(maximum(x, min_value), max_value)`
/// (so `max_value` wins when the bounds cross, as in NumPy and TensorFlow). The gradient passes
/// where `min_value <= x <= max_value`, as TensorFlow's `clip_by_value`. An int32 `x` needs
/// integer (or infinite) bounds and stays int32.
pub fn clip(tape: &mut Tape, x: &Tensor, min_value: f32, max_value: f32) -> Result<Tensor> {
    if min_value.is_nan() || max_value.is_nan() {
        return fail("clip", format!("the bounds must be numbers, received min_value={min_value} and max_value={max_value}"));
    }
    let xa = match &x.data {
        Data::F32(a) => a.clone(),
        Data::I32(a) => {
            let integral = |v: f32| v.is_infinite() || v.fract() == 0.0;
            if !integral(min_value) || !integral(max_value) {
                return fail("clip", format!("an int32 tensor needs integer bounds, received min_value={min_value} and max_value={max_value}"));
            }
            // `as` saturates, so infinite bounds become the int32 range.
            let (lo, hi) = (min_value as i32, max_value as i32);
            return Ok(Tensor::i32(a.mapv(|v| v.max(lo).min(hi))));
        }
    };
    // Comparisons rather than f32::max/min, so that NaN passes through as in NumPy.
    let mut y = ArrayD::<f32>::zeros(IxDyn(xa.shape()));
    let src = xa.as_slice().expect("tensors are kept in standard layout");
    parallel::map(src, y.as_slice_mut().expect("fresh arrays are standard"), |v| {
        let v = if v < min_value { min_value } else { v };
        if v > max_value { max_value } else { v }
    });
    let out = Tensor::f32(y);
    tape.record(&[x], &out, move |g| {
        let mut dx = ArrayD::<f32>::zeros(IxDyn(g.shape()));
        crate::zip_for_each!(Zip::from(&mut dx).and(g).and(&xa), g.len(), |d, &g, &x| *d = if min_value <= x && x <= max_value { g } else { 0.0 });
        Ok(vec![Some(dx.into_shared())])
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, t, ti};

    #[test]
    fn comparisons_broadcast_and_give_float_ones_and_zeros() {
        let a = t(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, f32::NAN]);
        let b = t(&[3], &[1.0, 5.0, 2.0]);
        let cases = [
            (Comparison::Equal, [1., 0., 0., 0., 1., 0.]),
            (Comparison::NotEqual, [0., 1., 1., 1., 0., 1.]),
            (Comparison::Greater, [0., 0., 1., 1., 0., 0.]),
            (Comparison::GreaterEqual, [1., 0., 1., 1., 1., 0.]),
            (Comparison::Less, [0., 1., 0., 0., 0., 0.]),
            (Comparison::LessEqual, [1., 1., 0., 0., 1., 0.]),
        ];
        for (cmp, want) in cases {
            let got = compare(cmp, &a, &b).unwrap();
            assert_eq!((got.shape(), got.dtype()), (&[2usize, 3][..], DType::F32), "{}", cmp.name());
            assert_close(&got, &want, 0.0);
        }
        let err = compare(Comparison::Less, &a, &t(&[2], &[1.0, 2.0])).unwrap_err();
        assert_eq!(err.to_string(), "less: cannot broadcast shapes (2, 3) and (2,)");
    }

    #[test]
    fn comparisons_of_int32_and_mixed_dtypes() {
        // 16777217 is not a float32: compared as int32 it differs from 16777216.
        let big = ti(&[2], &[16_777_217, -3]);
        assert_close(&compare(Comparison::Equal, &big, &ti(&[2], &[16_777_216, -3])).unwrap(), &[0.0, 1.0], 0.0);
        assert_close(&compare(Comparison::Greater, &ti(&[3], &[1, 2, 3]), &Tensor::scalar(1.5)).unwrap(), &[0.0, 1.0, 1.0], 0.0);
    }

    #[test]
    fn select_broadcasts_condition_and_branches() {
        let mut tape = Tape::default();
        let cond = t(&[2, 1], &[1.0, 0.0]);
        let x1 = t(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        let x2 = Tensor::scalar(-1.0);
        assert_close(&select(&mut tape, &cond, &x1, &x2).unwrap(), &[1., 2., 3., -1., -1., -1.], 0.0);
        let cond = ti(&[3], &[0, 7, 0]);
        assert_close(&select(&mut tape, &cond, &x1, &x2).unwrap(), &[-1., 2., -1., -1., 5., -1.], 0.0);
        // NaN is truthy, as in NumPy.
        assert_close(&select(&mut tape, &t(&[1], &[f32::NAN]), &Tensor::scalar(1.0), &Tensor::scalar(2.0)).unwrap(), &[1.0], 0.0);
        let ints = select(&mut tape, &cond, &ti(&[3], &[1, 2, 3]), &ti(&[], &[9])).unwrap();
        assert_eq!(ints.dtype(), DType::I32);
        assert_close(&ints, &[9.0, 2.0, 9.0], 0.0);
        let mixed = select(&mut tape, &cond, &ti(&[3], &[1, 2, 3]), &Tensor::scalar(0.5)).unwrap();
        assert_eq!(mixed.dtype(), DType::F32);
        assert_close(&mixed, &[0.5, 2.0, 0.5], 0.0);
        let err = select(&mut tape, &t(&[2], &[1.0, 0.0]), &x1, &x2).unwrap_err();
        assert_eq!(err.to_string(), "where: cannot broadcast condition, x1 and x2 shapes (2,), (2, 3) and ()");
    }

    #[test]
    fn select_gradients_are_masked_and_reduced() {
        let cond = t(&[2, 3], &[1.0, 0.0, 1.0, 0.0, 0.0, 1.0]);
        let x1 = t(&[2, 3], &[0.1, -0.2, 0.3, 1.4, -2.5, 3.6]);
        let x2 = t(&[3], &[0.7, -1.1, 2.2]);
        gradcheck(|tape, x| select(tape, &cond, &x[0], &x[1]), &[x1.clone(), x2.clone()]);
        gradcheck(|tape, x| select(tape, &x[0], &x[1], &x[2]), &[t(&[2, 1], &[0.0, 1.0]), x2.clone(), x1.clone()]);
        let mut tape = Tape::default();
        tape.start();
        let y = select(&mut tape, &cond, &x1, &x2).unwrap();
        let grads = tape.gradients(&y, Some(ArrayD::ones(IxDyn(&[2, 3])).into_shared()), &[x1.id, x2.id, cond.id]).unwrap();
        assert_eq!(grads[0].as_ref().unwrap().iter().copied().collect::<Vec<_>>(), vec![1., 0., 1., 0., 0., 1.]);
        assert_eq!(grads[1].as_ref().unwrap().iter().copied().collect::<Vec<_>>(), vec![1., 2., 0.]);
        assert!(grads[2].is_none(), "the condition gets no gradient");
    }

    #[test]
    fn clip_values_and_gradient() {
        let mut tape = Tape::default();
        let x = t(&[6], &[-2.0, -1.0, 0.0, 0.5, 1.0, f32::NAN]);
        let y = clip(&mut tape, &x, -1.0, 0.75).unwrap().to_f32_vec();
        assert_eq!(&y[..5], &[-1.0, -1.0, 0.0, 0.5, 0.75]);
        assert!(y[5].is_nan());
        // Crossed bounds: max_value wins everywhere, as in NumPy.
        assert_close(&clip(&mut tape, &t(&[2], &[-5.0, 5.0]), 1.0, 0.0).unwrap(), &[0.0, 0.0], 0.0);
        let ints = clip(&mut tape, &ti(&[3], &[-5, 2, 9]), 0.0, f32::INFINITY).unwrap();
        assert_eq!(ints.as_i32("test").unwrap().iter().copied().collect::<Vec<_>>(), vec![0, 2, 9]);
        assert_eq!(clip(&mut tape, &ti(&[1], &[1]), 0.5, 2.0).unwrap_err().to_string(), "clip: an int32 tensor needs integer bounds, received min_value=0.5 and max_value=2");
        assert!(clip(&mut tape, &x, f32::NAN, 1.0).unwrap_err().to_string().starts_with("clip: the bounds must be numbers"));

        gradcheck(|tape, x| clip(tape, &x[0], -0.5, 0.8), &[t(&[2, 3], &[-1.3, -0.3, 0.1, 0.6, 1.2, 2.0])]);
        tape.start();
        let x = t(&[5], &[-2.0, -1.0, 0.0, 1.0, 2.0]);
        let y = clip(&mut tape, &x, -1.0, 1.0).unwrap();
        let g = tape.gradients(&y, Some(ArrayD::ones(IxDyn(&[5])).into_shared()), &[x.id]).unwrap()[0].clone().unwrap();
        // Inclusive at both bounds, as clip_by_value.
        assert_eq!(g.iter().copied().collect::<Vec<_>>(), vec![0.0, 1.0, 1.0, 1.0, 0.0]);
    }
}
