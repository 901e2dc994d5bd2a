//! Shape ops: reshape, transpose, concatenate and slice. They move values without changing
//! them, so they take both dtypes, and each backward moves the gradient back the same way.
//! Also the checks the gather ops share with them: axis normalisation and the output size limit.
use ndarray::{concatenate as concat_views, ArrayD, ArrayViewD, Axis, IxDyn, Slice};

use crate::error::{fail, shape_str, Result};
use crate::tape::{F32Array, Tape};
use crate::tensor::{checked_len, Data, Tensor};

/// Runs `$body` with `$a` bound to the tensor's array whatever its dtype, and wraps the result
/// (an `ArrayD`) in a tensor of the same dtype.
macro_rules! same_dtype {
    ($x:expr, |$a:ident| $body:expr) => {
        match &$x.data {
            Data::F32($a) => Tensor::f32($body),
            Data::I32($a) => Tensor::i32($body),
        }
    };
}
pub(crate) use same_dtype;

/// `axis` (negative counts from the end) as an index below `rank`, or NumPy's error.
pub fn normalize_axis(op: &'static str, axis: i64, rank: usize) -> Result<usize> {
    let r = rank as i64;
    if axis < -r || axis >= r {
        return fail(op, format!("axis {axis} is out of bounds for array of dimension {rank}"));
    }
    Ok(if axis < 0 { (axis + r) as usize } else { axis as usize })
}

/// Formats requested dimensions (which may hold `-1`) the way `shape_str` formats shapes.
fn dims_str(dims: &[i64]) -> String {
    match dims {
        [one] => format!("({one},)"),
        _ => format!("({})", dims.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// A row-major copy of `a` with the shape `dims` (sizes agree).
fn reshaped<T: Clone>(a: ArrayViewD<'_, T>, dims: &[usize]) -> ArrayD<T> {
    a.to_shape(IxDyn(dims)).expect("reshape: sizes were checked").into_owned()
}

/// The gradient `g` given the shape `dims` again.
fn reshape_grad(g: &F32Array, dims: &[usize]) -> F32Array {
    reshaped(g.view(), dims).into_shared()
}

/// `keras.ops.reshape`: the same values in row-major order under `new_shape`, where one `-1`
/// stands for whatever size makes the element counts agree.
pub fn reshape(tape: &mut Tape, x: &Tensor, new_shape: &[i64]) -> Result<Tensor> {
    let size = x.len();
    let err = || fail(
        "reshape",
        format!("cannot reshape array of size {size} into shape {}", dims_str(new_shape)),
    );
    if new_shape.iter().any(|&d| d < -1) || new_shape.iter().filter(|&&d| d == -1).count() > 1 {
        return err();
    }
    // Checked: on wasm32 a product of large requested dimensions could wrap around to `size`.
    let Some(known) = new_shape.iter().filter(|&&d| d >= 0).try_fold(1usize, |acc, &d| acc.checked_mul(d as usize)) else {
        return err();
    };
    let inferred = if new_shape.contains(&-1) {
        if known == 0 || !size.is_multiple_of(known) {
            return err();
        }
        size / known
    } else if known != size {
        return err();
    } else {
        0
    };
    let dims: Vec<usize> = new_shape.iter().map(|&d| if d == -1 { inferred } else { d as usize }).collect();
    let out = same_dtype!(x, |a| reshaped(a.view(), &dims));
    let x_shape = x.shape().to_vec();
    tape.record(&[x], &out, move |g| Ok(vec![Some(reshape_grad(g, &x_shape))]));
    Ok(out)
}

/// `keras.ops.transpose`: output axis `i` is input axis `axes[i]` (default: reversed axes).
pub fn transpose(tape: &mut Tape, x: &Tensor, axes: Option<&[i64]>) -> Result<Tensor> {
    let rank = x.rank();
    let perm: Vec<usize> = match axes {
        None => (0..rank).rev().collect(),
        Some(axes) => {
            let bad = || fail(
                "transpose",
                format!("axes {axes:?} are not a permutation of the {rank} axes of an input of shape {}", shape_str(x.shape())),
            );
            if axes.len() != rank {
                return bad();
            }
            let perm = axes.iter().map(|&a| normalize_axis("transpose", a, rank)).collect::<Result<Vec<_>>>()?;
            let mut seen = vec![false; rank];
            for &p in &perm {
                if std::mem::replace(&mut seen[p], true) {
                    return bad();
                }
            }
            perm
        }
    };
    let out = same_dtype!(x, |a| permuted(a.view(), &perm));
    let mut inverse = vec![0; rank];
    for (i, &p) in perm.iter().enumerate() {
        inverse[p] = i;
    }
    tape.record(&[x], &out, move |g| Ok(vec![Some(permuted(g.view(), &inverse).into_shared())]));
    Ok(out)
}

/// A standard-layout copy of `a` with its axes permuted.
fn permuted<T: Clone>(a: ArrayViewD<'_, T>, perm: &[usize]) -> ArrayD<T> {
    a.permuted_axes(perm.to_vec()).as_standard_layout().into_owned()
}

/// `keras.ops.concatenate`: joins tensors of one dtype along `axis`; every other dimension must
/// agree.
pub fn concatenate(tape: &mut Tape, xs: &[&Tensor], axis: i64) -> Result<Tensor> {
    let Some(first) = xs.first() else {
        return fail("concatenate", "need at least one tensor to concatenate, received none");
    };
    if first.rank() == 0 {
        return fail("concatenate", "zero-dimensional tensors cannot be concatenated, received shape ()");
    }
    let ax = normalize_axis("concatenate", axis, first.rank())?;
    for (i, x) in xs.iter().enumerate().skip(1) {
        if x.dtype() != first.dtype() {
            return fail(
                "concatenate",
                format!("all tensors must have the same dtype, input 0 is {} and input {i} is {}", first.dtype().name(), x.dtype().name()),
            );
        }
        let other_dims_agree =
            x.rank() == first.rank() && x.shape().iter().zip(first.shape()).enumerate().all(|(d, (a, b))| d == ax || a == b);
        if !other_dims_agree {
            return fail(
                "concatenate",
                format!(
                    "all input dimensions except axis {ax} must match, but input 0 has shape {} and input {i} has shape {}",
                    shape_str(first.shape()),
                    shape_str(x.shape())
                ),
            );
        }
    }
    let mut out_shape = first.shape().to_vec();
    out_shape[ax] = xs.iter().try_fold(0usize, |acc, x| acc.checked_add(x.shape()[ax])).unwrap_or(usize::MAX);
    checked_len("concatenate", &out_shape)?;
    let out = match &first.data {
        Data::F32(_) => {
            let views = xs.iter().map(|x| x.as_f32("concatenate").map(|a| a.view())).collect::<Result<Vec<_>>>()?;
            Tensor::f32(concat_views(Axis(ax), &views).expect("concatenate: shapes were checked"))
        }
        Data::I32(_) => {
            let views = xs.iter().map(|x| x.as_i32("concatenate").map(|a| a.view())).collect::<Result<Vec<_>>>()?;
            Tensor::i32(concat_views(Axis(ax), &views).expect("concatenate: shapes were checked"))
        }
    };
    let sizes: Vec<usize> = xs.iter().map(|x| x.shape()[ax]).collect();
    tape.record(xs, &out, move |g| {
        let mut start = 0;
        Ok(sizes
            .iter()
            .map(|&n| {
                let part = g.slice_axis(Axis(ax), Slice::from(start..start + n)).to_owned().into_shared();
                start += n;
                Some(part)
            })
            .collect())
    });
    Ok(out)
}

/// `keras.ops.slice`: the block of shape `shape` starting at `start_indices`. A size of `-1`
/// takes the rest of that axis, as in `tf.slice`.
pub fn slice(tape: &mut Tape, x: &Tensor, start_indices: &[i64], shape: &[i64]) -> Result<Tensor> {
    let in_shape = x.shape().to_vec();
    let rank = in_shape.len();
    if start_indices.len() != rank || shape.len() != rank {
        return fail(
            "slice",
            format!(
                "start_indices {start_indices:?} and shape {shape:?} must each have one entry per axis of the input of shape {}",
                shape_str(&in_shape)
            ),
        );
    }
    let mut ranges = Vec::with_capacity(rank);
    for (axis, ((&start, &size), &dim)) in start_indices.iter().zip(shape).zip(&in_shape).enumerate() {
        let dim = dim as i64;
        let size = if size == -1 { dim - start } else { size };
        if start < 0 || size < 0 || start + size > dim {
            return fail(
                "slice",
                format!(
                    "start_indices {start_indices:?} with shape {shape:?} are out of bounds on axis {axis} for an input of shape {}",
                    shape_str(&in_shape)
                ),
            );
        }
        ranges.push(start as usize..(start + size) as usize);
    }
    let block = |axis: usize| Slice::from(ranges[axis].clone());
    let out = same_dtype!(x, |a| a.slice_each_axis(|d| block(d.axis.index())).to_owned());
    tape.record(&[x], &out, move |g| {
        let mut dx = ArrayD::<f32>::zeros(IxDyn(&in_shape));
        dx.slice_each_axis_mut(|d| Slice::from(ranges[d.axis.index()].clone())).assign(g);
        Ok(vec![Some(dx.into_shared())])
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t, ti};

    fn ints(x: &Tensor) -> Vec<i32> {
        x.as_i32("test").unwrap().iter().copied().collect()
    }

    #[test]
    fn reshape_infers_one_dimension_and_keeps_dtype() {
        let mut tape = Tape::default();
        let x = t(&[2, 3], &[1., 2., 3., 4., 5., 6.]);
        let y = reshape(&mut tape, &x, &[3, -1]).unwrap();
        assert_eq!(y.shape(), &[3, 2]);
        assert_close(&y, &[1., 2., 3., 4., 5., 6.], 0.0);
        assert_eq!(reshape(&mut tape, &x, &[-1]).unwrap().shape(), &[6]);
        let s = reshape(&mut tape, &t(&[1, 1], &[7.0]), &[]).unwrap();
        assert_eq!(s.shape(), &[] as &[usize]);
        let i = reshape(&mut tape, &ti(&[4], &[1, 2, 3, 4]), &[2, 1, 2]).unwrap();
        assert_eq!((i.shape(), ints(&i)), (&[2usize, 1, 2][..], vec![1, 2, 3, 4]));
        assert_eq!(reshape(&mut tape, &t(&[0, 3], &[]), &[3, 0]).unwrap().shape(), &[3, 0]);
    }

    #[test]
    fn a_detached_tensor_carries_no_gradient_back() {
        use crate::ops::elementwise::{binary, MULTIPLY};
        let mut tape = Tape::default();
        tape.start();
        let x = t(&[2], &[3., 4.]);
        let y = binary(&mut tape, &MULTIPLY, &x, &x.detached()).unwrap();
        assert_close(&y, &[9., 16.], 0.0);
        let g = tape.gradients(&y, Some(ndarray::ArrayD::ones(ndarray::IxDyn(&[2])).into_shared()), &[x.id]).unwrap();
        // d(x * stop_gradient(x))/dx = stop_gradient(x), not 2x.
        assert_eq!(g[0].clone().unwrap().iter().copied().collect::<Vec<_>>(), vec![3., 4.]);
    }

    #[test]
    fn reshape_errors_name_both_shapes() {
        let mut tape = Tape::default();
        let x = t(&[2, 3], &[0.0; 6]);
        for (dims, want) in [
            (&[4, -1][..], "reshape: cannot reshape array of size 6 into shape (4, -1)"),
            (&[4][..], "reshape: cannot reshape array of size 6 into shape (4,)"),
            (&[-1, -1][..], "reshape: cannot reshape array of size 6 into shape (-1, -1)"),
            (&[-2, -3][..], "reshape: cannot reshape array of size 6 into shape (-2, -3)"),
            (&[0, -1][..], "reshape: cannot reshape array of size 6 into shape (0, -1)"),
        ] {
            assert_eq!(reshape(&mut tape, &x, dims).unwrap_err().to_string(), want);
        }
        // A product of dimensions that overflows usize is an error, not a wrapped-around size.
        let empty = t(&[0], &[]);
        let huge = [1i64 << 32, 1 << 32, 1 << 32];
        assert!(reshape(&mut tape, &empty, &huge).unwrap_err().to_string().starts_with("reshape: cannot reshape array of size 0"));
    }

    #[test]
    fn transpose_permutes_into_standard_layout() {
        let mut tape = Tape::default();
        let x = t(&[2, 3], &[1., 2., 3., 4., 5., 6.]);
        let y = transpose(&mut tape, &x, None).unwrap();
        assert_eq!(y.shape(), &[3, 2]);
        assert_close(&y, &[1., 4., 2., 5., 3., 6.], 0.0);
        assert!(y.as_f32("test").unwrap().is_standard_layout());
        let z = t(&[2, 3, 4], &(0..24).map(|v| v as f32).collect::<Vec<_>>());
        let p = transpose(&mut tape, &z, Some(&[1, -1, 0])).unwrap();
        assert_eq!(p.shape(), &[3, 4, 2]);
        // p[i, j, k] = z[k, i, j] = 12k + 4i + j
        let want: Vec<f32> = (0..3).flat_map(|i| (0..4).flat_map(move |j| (0..2).map(move |k| (12 * k + 4 * i + j) as f32))).collect();
        assert_close(&p, &want, 0.0);
        let i = transpose(&mut tape, &ti(&[2, 2], &[1, 2, 3, 4]), None).unwrap();
        assert_eq!(ints(&i), vec![1, 3, 2, 4]);
    }

    #[test]
    fn transpose_rejects_bad_permutations() {
        let mut tape = Tape::default();
        let x = t(&[2, 3], &[0.0; 6]);
        assert_eq!(
            transpose(&mut tape, &x, Some(&[0, 0])).unwrap_err().to_string(),
            "transpose: axes [0, 0] are not a permutation of the 2 axes of an input of shape (2, 3)"
        );
        assert_eq!(
            transpose(&mut tape, &x, Some(&[0])).unwrap_err().to_string(),
            "transpose: axes [0] are not a permutation of the 2 axes of an input of shape (2, 3)"
        );
        assert_eq!(
            transpose(&mut tape, &x, Some(&[0, 2])).unwrap_err().to_string(),
            "transpose: axis 2 is out of bounds for array of dimension 2"
        );
    }

    #[test]
    fn concatenate_joins_along_an_axis() {
        let mut tape = Tape::default();
        let a = t(&[2, 2], &[1., 2., 3., 4.]);
        let b = t(&[2, 1], &[5., 6.]);
        let y = concatenate(&mut tape, &[&a, &b], -1).unwrap();
        assert_eq!(y.shape(), &[2, 3]);
        assert_close(&y, &[1., 2., 5., 3., 4., 6.], 0.0);
        let c = t(&[1, 2], &[7., 8.]);
        assert_close(&concatenate(&mut tape, &[&a, &c], 0).unwrap(), &[1., 2., 3., 4., 7., 8.], 0.0);
        let i = concatenate(&mut tape, &[&ti(&[2], &[1, 2]), &ti(&[1], &[3])], 0).unwrap();
        assert_eq!(ints(&i), vec![1, 2, 3]);
    }

    #[test]
    fn concatenate_errors() {
        let mut tape = Tape::default();
        let a = t(&[2, 3], &[0.0; 6]);
        let b = t(&[3, 2], &[0.0; 6]);
        let msg = |r: Result<Tensor>| r.unwrap_err().to_string();
        assert_eq!(
            msg(concatenate(&mut tape, &[&a, &b], 1)),
            "concatenate: all input dimensions except axis 1 must match, but input 0 has shape (2, 3) and input 1 has shape (3, 2)"
        );
        assert_eq!(
            msg(concatenate(&mut tape, &[&a, &t(&[6], &[0.0; 6])], 0)),
            "concatenate: all input dimensions except axis 0 must match, but input 0 has shape (2, 3) and input 1 has shape (6,)"
        );
        assert_eq!(msg(concatenate(&mut tape, &[&a, &a], 2)), "concatenate: axis 2 is out of bounds for array of dimension 2");
        assert_eq!(
            msg(concatenate(&mut tape, &[&a, &ti(&[2, 3], &[0; 6])], 0)),
            "concatenate: all tensors must have the same dtype, input 0 is float32 and input 1 is int32"
        );
        assert!(msg(concatenate(&mut tape, &[], 0)).contains("at least one tensor"));
    }

    #[test]
    fn slice_takes_a_block() {
        let mut tape = Tape::default();
        let x = t(&[3, 4], &(0..12).map(|v| v as f32).collect::<Vec<_>>());
        let y = slice(&mut tape, &x, &[1, 1], &[2, 2]).unwrap();
        assert_eq!(y.shape(), &[2, 2]);
        assert_close(&y, &[5., 6., 9., 10.], 0.0);
        assert_close(&slice(&mut tape, &x, &[2, 1], &[-1, -1]).unwrap(), &[9., 10., 11.], 0.0);
        assert_eq!(slice(&mut tape, &x, &[3, 0], &[0, 4]).unwrap().shape(), &[0, 4]);
        assert_eq!(ints(&slice(&mut tape, &ti(&[3], &[4, 5, 6]), &[1], &[2]).unwrap()), vec![5, 6]);
        assert_eq!(
            slice(&mut tape, &x, &[2, 0], &[2, 4]).unwrap_err().to_string(),
            "slice: start_indices [2, 0] with shape [2, 4] are out of bounds on axis 0 for an input of shape (3, 4)"
        );
        assert!(slice(&mut tape, &x, &[-1, 0], &[1, 1]).is_err());
        assert_eq!(
            slice(&mut tape, &x, &[0], &[1]).unwrap_err().to_string(),
            "slice: start_indices [0] and shape [1] must each have one entry per axis of the input of shape (3, 4)"
        );
    }

    #[test]
    fn gradients() {
        let x = t(&[2, 3, 2], &pseudo_random(12, 1));
        gradcheck(|tape, x| reshape(tape, &x[0], &[3, -1]), std::slice::from_ref(&x));
        gradcheck(|tape, x| transpose(tape, &x[0], None), std::slice::from_ref(&x));
        gradcheck(|tape, x| transpose(tape, &x[0], Some(&[1, 2, 0])), std::slice::from_ref(&x));
        let y = t(&[2, 1, 2], &pseudo_random(4, 2));
        gradcheck(|tape, x| concatenate(tape, &[&x[0], &x[1], &x[0]], 1), &[x.clone(), y]);
        gradcheck(|tape, x| slice(tape, &x[0], &[1, 1, 0], &[1, 2, -1]), std::slice::from_ref(&x));
    }
}
