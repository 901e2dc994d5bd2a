//! Gathering by index: `take` (rows picked along an axis; its backward scatter-adds) and
//! `one_hot`. A tensor is seen as `[outer, n, inner]` around the indexed axis, so `take` copies
//! whole contiguous `inner` rows: a batch gather `take(x, idx, 0)` is one memcpy per row.
use std::borrow::Cow;

use ndarray::{ArrayD, IxDyn};
use rayon::prelude::*;

use super::shape::{normalize_axis, same_dtype};
use crate::error::{fail, Result};
use crate::tape::Tape;
use crate::tensor::{checked_len, Data, Tensor};
use crate::parallel::{runs_inline, CHUNK_LEN};

/// The index values: int32 as is, float32 only when every value is a whole number.
fn index_values<'a>(op: &'static str, indices: &'a Tensor) -> Result<Cow<'a, [i32]>> {
    match &indices.data {
        Data::I32(a) => Ok(Cow::Borrowed(a.as_slice().expect("tensors are kept in standard layout"))),
        Data::F32(a) => a
            .iter()
            .map(|&v| {
                if v.fract() == 0.0 && v.abs() <= i32::MAX as f32 {
                    Ok(v as i32)
                } else {
                    fail(op, format!("indices must be integers, received {v}"))
                }
            })
            .collect::<Result<Vec<_>>>()
            .map(Cow::Owned),
    }
}

/// Runs `fill(row, chunk)` for every `row_len`-element row of `out`, in parallel when large.
fn for_each_row<T: Send>(out: &mut [T], row_len: usize, fill: impl Fn(usize, &mut [T]) + Sync + Send) {
    if out.is_empty() || row_len == 0 {
        return;
    }
    if runs_inline(out.len()) {
        out.chunks_mut(row_len).enumerate().for_each(|(r, chunk)| fill(r, chunk));
    } else {
        let rows_per_task = (CHUNK_LEN / row_len).max(1);
        out.par_chunks_mut(row_len).enumerate().with_min_len(rows_per_task).for_each(|(r, chunk)| fill(r, chunk));
    }
}

/// The `[outer, n, inner]` view of `shape` around `axis`.
fn split_at_axis(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    (shape[..axis].iter().product(), shape[axis], shape[axis + 1..].iter().product())
}

/// Output row `(o, j)` of `[outer, k, inner]` is input row `(o, idx[j])` of `[outer, n, inner]`.
fn gather_rows<T: Copy + Send + Sync>(src: &[T], dst: &mut [T], idx: &[i32], n: usize, inner: usize) {
    let k = idx.len();
    for_each_row(dst, inner, |r, row| {
        let start = ((r / k) * n + idx[r % k] as usize) * inner;
        row.copy_from_slice(&src[start..start + inner]);
    });
}

/// `keras.ops.take`: the slices of `x` at `indices` along `axis` (None: of the flattened `x`).
/// The output shape is `x.shape[:axis] + indices.shape + x.shape[axis+1:]`.
pub fn take(tape: &mut Tape, x: &Tensor, indices: &Tensor, axis: Option<i64>) -> Result<Tensor> {
    let (x_shape, axis) = match axis {
        None => (vec![x.len()], 0),
        Some(a) => (x.shape().to_vec(), normalize_axis("take", a, x.rank())?),
    };
    let idx = index_values("take", indices)?;
    let (outer, n, inner) = split_at_axis(&x_shape, axis);
    if let Some(&bad) = idx.iter().find(|&&i| i < 0 || i as usize >= n) {
        let which = if x_shape.len() == x.rank() { format!("axis {axis}") } else { "the flattened input".to_string() };
        return fail("take", format!("index {bad} is out of bounds for {which} with size {n}"));
    }
    let mut out_shape = x_shape[..axis].to_vec();
    out_shape.extend_from_slice(indices.shape());
    out_shape.extend_from_slice(&x_shape[axis + 1..]);
    checked_len("take", &out_shape)?;

    let out = same_dtype!(x, |a| {
        let mut out = ArrayD::zeros(IxDyn(&out_shape));
        let src = a.as_slice().expect("tensors are kept in standard layout");
        gather_rows(src, out.as_slice_mut().unwrap(), &idx, n, inner);
        out
    });

    let (in_shape, k) = (x.shape().to_vec(), idx.len());
    let idx = idx.into_owned();
    tape.record(&[x], &out, move |g| {
        let g = g.as_standard_layout();
        let g = g.as_slice().unwrap();
        // Sources of each destination row, grouped (counting sort) so that each task owns whole
        // destination rows: repeated indices accumulate without two tasks writing one row.
        let mut starts = vec![0usize; outer * n + 1];
        for o in 0..outer {
            for &i in idx.iter() {
                starts[o * n + i as usize + 1] += 1;
            }
        }
        for d in 0..outer * n {
            starts[d + 1] += starts[d];
        }
        let mut next = starts.clone();
        let mut sources = vec![0usize; outer * k];
        for o in 0..outer {
            for (j, &i) in idx.iter().enumerate() {
                let d = o * n + i as usize;
                sources[next[d]] = o * k + j;
                next[d] += 1;
            }
        }
        let mut dx = ArrayD::<f32>::zeros(IxDyn(&in_shape));
        for_each_row(dx.as_slice_mut().unwrap(), inner, |d, row| {
            for &s in &sources[starts[d]..starts[d + 1]] {
                row.iter_mut().zip(&g[s * inner..(s + 1) * inner]).for_each(|(a, &b)| *a += b);
            }
        });
        Ok(vec![Some(dx.into_shared())])
    });
    Ok(out)
}

/// `keras.ops.one_hot`: float32 with a new axis of `num_classes` at `axis`; index `c` gives 1 at
/// position `c`, and an out-of-range index gives all zeros, as TensorFlow does. No gradient.
pub fn one_hot(x: &Tensor, num_classes: i64, axis: i64) -> Result<Tensor> {
    if num_classes < 0 {
        return fail("one_hot", format!("num_classes must be non-negative, received {num_classes}"));
    }
    let classes = num_classes as usize;
    let axis = normalize_axis("one_hot", axis, x.rank() + 1)?;
    let idx = index_values("one_hot", x)?;
    let mut out_shape = x.shape().to_vec();
    out_shape.insert(axis, classes);
    checked_len("one_hot", &out_shape)?;
    let (_, _, inner) = split_at_axis(&out_shape, axis);
    let mut out = ArrayD::<f32>::zeros(IxDyn(&out_shape));
    // Output row (o, c) holds a 1 at i where index (o, i) equals c.
    for_each_row(out.as_slice_mut().unwrap(), inner, |r, row| {
        let (o, c) = (r / classes, (r % classes) as i32);
        for (v, &i) in row.iter_mut().zip(&idx[o * inner..(o + 1) * inner]) {
            if i == c {
                *v = 1.0;
            }
        }
    });
    Ok(Tensor::f32(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t, ti};

    #[test]
    fn take_along_each_axis() {
        let mut tape = Tape::default();
        let x = t(&[3, 2], &[1., 2., 3., 4., 5., 6.]);
        let rows = take(&mut tape, &x, &ti(&[4], &[2, 0, 2, 1]), Some(0)).unwrap();
        assert_eq!(rows.shape(), &[4, 2]);
        assert_close(&rows, &[5., 6., 1., 2., 5., 6., 3., 4.], 0.0);
        let cols = take(&mut tape, &x, &ti(&[2, 2], &[1, 0, 1, 1]), Some(-1)).unwrap();
        assert_eq!(cols.shape(), &[3, 2, 2]);
        assert_close(&cols, &[2., 1., 2., 2., 4., 3., 4., 4., 6., 5., 6., 6.], 0.0);
        let flat = take(&mut tape, &x, &ti(&[2], &[5, 1]), None).unwrap();
        assert_eq!(flat.shape(), &[2]);
        assert_close(&flat, &[6., 2.], 0.0);
        let scalar = take(&mut tape, &x, &ti(&[], &[1]), Some(0)).unwrap();
        assert_eq!(scalar.shape(), &[2]);
        let labels = take(&mut tape, &ti(&[3], &[7, 8, 9]), &t(&[2], &[2.0, 0.0]), Some(0)).unwrap();
        assert_eq!(labels.as_i32("test").unwrap().iter().copied().collect::<Vec<_>>(), vec![9, 7]);
    }

    #[test]
    fn take_errors_name_the_index_and_size() {
        let mut tape = Tape::default();
        let x = t(&[3, 2], &[0.0; 6]);
        let msg = |r: Result<Tensor>| r.unwrap_err().to_string();
        assert_eq!(msg(take(&mut tape, &x, &ti(&[2], &[0, -1]), Some(0))), "take: index -1 is out of bounds for axis 0 with size 3");
        assert_eq!(msg(take(&mut tape, &x, &ti(&[1], &[2]), Some(1))), "take: index 2 is out of bounds for axis 1 with size 2");
        assert_eq!(msg(take(&mut tape, &x, &ti(&[1], &[6]), None)), "take: index 6 is out of bounds for the flattened input with size 6");
        assert_eq!(msg(take(&mut tape, &x, &ti(&[1], &[0]), Some(2))), "take: axis 2 is out of bounds for array of dimension 2");
        assert_eq!(msg(take(&mut tape, &x, &t(&[1], &[0.5]), Some(0))), "take: indices must be integers, received 0.5");
        let wide = Tensor::zeros(&[1, 1 << 16], crate::tensor::DType::F32);
        assert_eq!(
            msg(take(&mut tape, &wide, &Tensor::zeros(&[1 << 13], crate::tensor::DType::I32), Some(0))),
            "take: the output of shape (8192, 65536) would hold more than 268435456 values"
        );
    }

    #[test]
    fn take_large_matches_a_direct_gather_and_scatter() {
        // Large enough for the parallel paths of both forward and backward.
        let (n, d, k) = (300, 70, 900);
        let xv = pseudo_random(n * d, 3);
        let idx: Vec<i32> = (0..k).map(|j| ((j * 7919) % n) as i32).collect();
        let mut tape = Tape::default();
        tape.start();
        let x = t(&[n, d], &xv);
        let y = take(&mut tape, &x, &ti(&[k], &idx), Some(0)).unwrap();
        let want: Vec<f32> = idx.iter().flat_map(|&i| xv[i as usize * d..(i as usize + 1) * d].to_vec()).collect();
        assert_close(&y, &want, 0.0);
        let seed = ArrayD::from_shape_vec(IxDyn(&[k, d]), pseudo_random(k * d, 4)).unwrap().into_shared();
        let grad = tape.gradients(&y, Some(seed.clone()), &[x.id]).unwrap()[0].clone().unwrap();
        let mut want_grad = vec![0.0f32; n * d];
        for (j, &i) in idx.iter().enumerate() {
            for c in 0..d {
                want_grad[i as usize * d + c] += seed.as_slice().unwrap()[j * d + c];
            }
        }
        assert_close(&Tensor::f32(grad.into_owned()), &want_grad, 1e-6);
    }

    #[test]
    fn take_gradients_accumulate_repeated_indices() {
        let x = t(&[3, 2, 2], &pseudo_random(12, 5));
        gradcheck(|tape, x| take(tape, &x[0], &ti(&[5], &[1, 0, 1, 2, 1]), Some(0)), std::slice::from_ref(&x));
        gradcheck(|tape, x| take(tape, &x[0], &ti(&[2, 2], &[1, 1, 0, 1]), Some(1)), std::slice::from_ref(&x));
        gradcheck(|tape, x| take(tape, &x[0], &ti(&[3], &[11, 0, 11]), None), std::slice::from_ref(&x));
        // Hand-computed: rows 1, 0, 1 of a 2x1 input, output gradient 1, 2, 3.
        let mut tape = Tape::default();
        tape.start();
        let x = t(&[2, 1], &[0.0, 0.0]);
        let y = take(&mut tape, &x, &ti(&[3], &[1, 0, 1]), Some(0)).unwrap();
        let seed = ArrayD::from_shape_vec(IxDyn(&[3, 1]), vec![1.0, 2.0, 3.0]).unwrap().into_shared();
        let g = tape.gradients(&y, Some(seed), &[x.id]).unwrap()[0].clone().unwrap();
        assert_eq!(g.iter().copied().collect::<Vec<_>>(), vec![2.0, 4.0]);
    }

    #[test]
    fn one_hot_values() {
        let y = one_hot(&ti(&[3], &[0, 2, 1]), 3, -1).unwrap();
        assert_eq!(y.shape(), &[3, 3]);
        assert_close(&y, &[1., 0., 0., 0., 0., 1., 0., 1., 0.], 0.0);
        // Out-of-range indices (negative or too large) give an all-zero row.
        assert_close(&one_hot(&ti(&[2], &[-1, 3]), 3, -1).unwrap(), &[0.0; 6], 0.0);
        let first = one_hot(&t(&[2], &[1.0, 0.0]), 3, 0).unwrap();
        assert_eq!(first.shape(), &[3, 2]);
        assert_close(&first, &[0., 1., 1., 0., 0., 0.], 0.0);
        let mid = one_hot(&ti(&[2, 2], &[0, 1, 1, 0]), 2, 1).unwrap();
        assert_eq!(mid.shape(), &[2, 2, 2]);
        // mid[a, c, b] = (x[a, b] == c)
        assert_close(&mid, &[1., 0., 0., 1., 0., 1., 1., 0.], 0.0);
        assert_eq!(one_hot(&ti(&[2], &[0, 1]), 2, 2).unwrap_err().to_string(), "one_hot: axis 2 is out of bounds for array of dimension 2");
        assert_eq!(one_hot(&t(&[1], &[1.5]), 2, -1).unwrap_err().to_string(), "one_hot: indices must be integers, received 1.5");
        assert!(one_hot(&ti(&[1], &[0]), -1, -1).is_err());
        assert_eq!(
            one_hot(&ti(&[2], &[0, 1]), 1 << 28, -1).unwrap_err().to_string(),
            "one_hot: the output of shape (2, 268435456) would hold more than 268435456 values"
        );
    }
}
