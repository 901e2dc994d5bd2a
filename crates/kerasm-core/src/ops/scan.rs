//! Cumulative ops along an axis: `cumsum` and `cumprod`, as `keras.ops` (no axis: over the
//! flattened tensor). A tensor is seen as `[outer, n, inner]` around the scanned axis, so each
//! step of a scan combines two contiguous rows of `inner` values. Both backward passes are
//! reverse scans, written beside their forward.
use ndarray::{ArrayD, IxDyn};
use rayon::prelude::*;

use super::shape::normalize_axis;
use crate::error::Result;
use crate::parallel::runs_inline;
use crate::tape::Tape;
use crate::tensor::{Data, Tensor};

/// Which running combination a scan keeps.
#[derive(Clone, Copy)]
enum Scan {
    Sum,
    Product,
}

/// `keras.ops.cumsum`: running sums along `axis` (None: over the flattened tensor, a 1-D result).
/// int32 sums wrap around on overflow, as NumPy's do.
pub fn cumsum(tape: &mut Tape, x: &Tensor, axis: Option<i64>) -> Result<Tensor> {
    scan(tape, x, axis, Scan::Sum)
}

/// `keras.ops.cumprod`: running products along `axis` (None: over the flattened tensor).
pub fn cumprod(tape: &mut Tape, x: &Tensor, axis: Option<i64>) -> Result<Tensor> {
    scan(tape, x, axis, Scan::Product)
}

/// The `[outer, n, inner]` sizes around `axis`, and the output shape (1-D when flattened).
fn scan_layout(op: &'static str, x: &Tensor, axis: Option<i64>) -> Result<((usize, usize, usize), Vec<usize>)> {
    let Some(axis) = axis else { return Ok(((1, x.len(), 1), vec![x.len()])) };
    let shape = x.shape();
    let ax = normalize_axis(op, axis, x.rank())?;
    Ok(((shape[..ax].iter().product(), shape[ax], shape[ax + 1..].iter().product()), shape.to_vec()))
}

fn scan(tape: &mut Tape, x: &Tensor, axis: Option<i64>, kind: Scan) -> Result<Tensor> {
    let op = match kind {
        Scan::Sum => "cumsum",
        Scan::Product => "cumprod",
    };
    let ((_, n, inner), out_shape) = scan_layout(op, x, axis)?;
    // One call per combination, each with its own closure, so that the loop inlines it.
    let out = match (&x.data, kind) {
        (Data::F32(a), Scan::Sum) => Tensor::f32(scanned(values(a), &out_shape, n, inner, |p, v| p + v)),
        (Data::F32(a), Scan::Product) => Tensor::f32(scanned(values(a), &out_shape, n, inner, |p, v| p * v)),
        (Data::I32(a), Scan::Sum) => Tensor::i32(scanned(values(a), &out_shape, n, inner, i32::wrapping_add)),
        (Data::I32(a), Scan::Product) => Tensor::i32(scanned(values(a), &out_shape, n, inner, i32::wrapping_mul)),
    };
    if let Data::F32(inputs) = &x.data {
        let (inputs, x_shape) = (inputs.clone(), x.shape().to_vec());
        tape.record(&[x], &out, move |g| {
            let g = g.as_standard_layout().as_slice().expect("a standard-layout array").to_vec();
            let dx = match kind {
                Scan::Sum => reverse_cumsum(g, n, inner),
                Scan::Product => cumprod_grad(inputs.as_slice().expect("tensors are kept in standard layout"), &g, n, inner),
            };
            Ok(vec![Some(ArrayD::from_shape_vec(IxDyn(&x_shape), dx).expect("the gradient has x's size").into_shared())])
        });
    }
    Ok(out)
}

/// A copy of the tensor's values in row-major order.
fn values<T: Copy>(a: &ndarray::ArcArray<T, IxDyn>) -> Vec<T> {
    a.as_slice().expect("tensors are kept in standard layout").to_vec()
}

/// `values` (row-major) scanned along the axis of size `n`, in the shape `shape`.
fn scanned<T: Copy + Send>(mut values: Vec<T>, shape: &[usize], n: usize, inner: usize, combine: impl Fn(T, T) -> T + Sync) -> ArrayD<T> {
    for_each_block(&mut values, n * inner, |_, block| {
        for i in 1..n {
            let (done, rest) = block.split_at_mut(i * inner);
            for (v, &p) in rest[..inner].iter_mut().zip(&done[(i - 1) * inner..]) {
                *v = combine(p, *v);
            }
        }
    });
    ArrayD::from_shape_vec(IxDyn(shape), values).expect("a scan keeps the size")
}

/// Runs `scan(b, block)` on each `[n, inner]` block `b` of `values` (one per index before the
/// axis): blocks are independent, so large inputs scan them in parallel.
fn for_each_block<T: Send>(values: &mut [T], block_len: usize, scan: impl Fn(usize, &mut [T]) + Sync) {
    if block_len == 0 {
        return;
    }
    if runs_inline(values.len()) {
        values.chunks_mut(block_len).enumerate().for_each(|(b, block)| scan(b, block));
    } else {
        values.par_chunks_mut(block_len).enumerate().for_each(|(b, block)| scan(b, block));
    }
}

/// The gradient of a cumulative sum: the output gradient summed from each position to the end.
fn reverse_cumsum(mut g: Vec<f32>, n: usize, inner: usize) -> Vec<f32> {
    for_each_block(&mut g, n * inner, |_, block| {
        for i in (0..n.saturating_sub(1)).rev() {
            let (head, later) = block.split_at_mut((i + 1) * inner);
            for (v, &s) in head[i * inner..].iter_mut().zip(&later[..inner]) {
                *v += s;
            }
        }
    });
    g
}

/// The gradient of a cumulative product without dividing by `x` (exact where `x` holds zeros):
/// `dx[i] = prod(x[..i]) * s[i]`, where `s[i] = sum_{j >= i} g[j] * prod(x[i+1..=j])` is the
/// reverse scan `s[i] = g[i] + x[i+1] * s[i+1]`.
fn cumprod_grad(x: &[f32], g: &[f32], n: usize, inner: usize) -> Vec<f32> {
    let mut dx = g.to_vec();
    let block_len = n * inner;
    for_each_block(&mut dx, block_len, |b, s| {
        let xb = &x[b * block_len..(b + 1) * block_len];
        for i in (0..n.saturating_sub(1)).rev() {
            let (head, later) = s.split_at_mut((i + 1) * inner);
            let next_x = &xb[(i + 1) * inner..(i + 2) * inner];
            for ((v, &s_next), &xv) in head[i * inner..].iter_mut().zip(&later[..inner]).zip(next_x) {
                *v += xv * s_next;
            }
        }
        let mut prefix = vec![1.0f32; inner];
        for i in 0..n {
            let row = i * inner..(i + 1) * inner;
            for ((v, p), &xv) in s[row.clone()].iter_mut().zip(prefix.iter_mut()).zip(&xb[row]) {
                *v *= *p;
                *p *= xv;
            }
        }
    });
    dx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t, ti};

    #[test]
    fn cumsum_along_each_axis_and_flattened() {
        let mut tape = Tape::default();
        let x = t(&[2, 3], &[1., 2., 3., 4., 5., 6.]);
        assert_close(&cumsum(&mut tape, &x, Some(0)).unwrap(), &[1., 2., 3., 5., 7., 9.], 0.0);
        assert_close(&cumsum(&mut tape, &x, Some(-1)).unwrap(), &[1., 3., 6., 4., 9., 15.], 0.0);
        let flat = cumsum(&mut tape, &x, None).unwrap();
        assert_eq!(flat.shape(), &[6]);
        assert_close(&flat, &[1., 3., 6., 10., 15., 21.], 0.0);
        let ints = cumsum(&mut tape, &ti(&[3], &[i32::MAX, 1, 2]), Some(0)).unwrap();
        assert_eq!(ints.as_i32("test").unwrap().iter().copied().collect::<Vec<_>>(), vec![i32::MAX, i32::MIN, i32::MIN + 2]);
        assert_eq!(cumsum(&mut tape, &x, Some(2)).unwrap_err().to_string(), "cumsum: axis 2 is out of bounds for array of dimension 2");
        assert_eq!(cumsum(&mut tape, &t(&[0, 3], &[]), Some(0)).unwrap().shape(), &[0, 3]);
    }

    #[test]
    fn cumprod_keeps_zeros_and_wraps_ints() {
        let mut tape = Tape::default();
        let x = t(&[2, 4], &[1., 2., 0., 3., 2., 2., 2., 2.]);
        assert_close(&cumprod(&mut tape, &x, Some(1)).unwrap(), &[1., 2., 0., 0., 2., 4., 8., 16.], 0.0);
        assert_close(&cumprod(&mut tape, &x, Some(0)).unwrap(), &[1., 2., 0., 3., 2., 4., 0., 6.], 0.0);
        let ints = cumprod(&mut tape, &ti(&[2], &[1 << 20, 1 << 12]), None).unwrap();
        assert_eq!(ints.as_i32("test").unwrap().iter().copied().collect::<Vec<_>>(), vec![1 << 20, 0]);
    }

    #[test]
    fn large_inputs_scan_their_blocks_in_parallel_alike() {
        let (outer, n, inner) = (4, 300, 128);
        let values = pseudo_random(outer * n * inner, 5);
        let mut tape = Tape::default();
        tape.start();
        let x = t(&[outer, n, inner], &values);
        let y = cumsum(&mut tape, &x, Some(1)).unwrap();
        let mut want = values.clone();
        for o in 0..outer {
            for i in 1..n {
                for c in 0..inner {
                    want[(o * n + i) * inner + c] += want[(o * n + i - 1) * inner + c];
                }
            }
        }
        assert_close(&y, &want, 1e-5);
        // The backward of a sum of every output: element i counts in n - i running sums.
        let seed = ArrayD::<f32>::ones(IxDyn(y.shape())).into_shared();
        let g = tape.gradients(&y, Some(seed), &[x.id]).unwrap()[0].clone().unwrap();
        let want_grad: Vec<f32> = (0..outer * n * inner).map(|j| (n - (j / inner) % n) as f32).collect();
        assert_close(&Tensor::f32(g.into_owned()), &want_grad, 0.0);
    }

    #[test]
    fn gradients_agree_with_finite_differences() {
        let x = t(&[2, 3, 4], &pseudo_random(24, 11));
        for axis in [Some(0), Some(1), Some(-1), None] {
            gradcheck(|tape, x| cumsum(tape, &x[0], axis), std::slice::from_ref(&x));
            gradcheck(|tape, x| cumprod(tape, &x[0], axis), std::slice::from_ref(&x));
        }
        // Zeros in the input: the gradient needs no division.
        let zeros = t(&[5], &[0.5, 0.0, -1.5, 0.0, 2.0]);
        gradcheck(|tape, x| cumprod(tape, &x[0], Some(0)), std::slice::from_ref(&zeros));
    }
}
