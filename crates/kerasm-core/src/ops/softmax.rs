//! `softmax` and `log_softmax` along any axis. The axis is swapped last so that each row is
//! contiguous; rows are independent, so large inputs split over rows with rayon. Both shift by
//! the row maximum before `exp`, so large logits neither overflow nor lose precision.
use std::borrow::Cow;

use ndarray::{ArrayD, ArrayViewD, IxDyn};
use rayon::prelude::*;

use super::reduce::normalize_axis;
use crate::error::{fail, shape_str, Result};
use crate::tape::{F32Array, Tape};
use crate::tensor::Tensor;
use crate::parallel::{runs_inline, CHUNK_LEN};

/// `exp(x - max) / Σ exp(x - max)` along `axis`. Backward: `dx = y · (dy − Σ dy·y)`.
pub fn softmax(tape: &mut Tape, x: &Tensor, axis: isize) -> Result<Tensor> {
    let rows = Rows::new("softmax", x, axis)?;
    let xa = x.as_f32("softmax")?;
    let out = Tensor::f32(rows.map(&[xa], |[x], y| softmax_row(x, y)));
    let y = out.as_f32("softmax")?.clone();
    tape.record(&[x], &out, move |g| {
        check_grad("softmax", g, y.shape())?;
        Ok(vec![Some(rows.map(&[&y, g], |[y, g], dx| {
            let dot: f32 = y.iter().zip(g).map(|(y, g)| y * g).sum();
            dx.iter_mut().zip(y.iter().zip(g)).for_each(|(d, (y, g))| *d = y * (g - dot));
        }).into_shared())])
    });
    Ok(out)
}

/// `x - max - log Σ exp(x - max)` along `axis`. Backward: `dx = dy − softmax · Σ dy`.
pub fn log_softmax(tape: &mut Tape, x: &Tensor, axis: isize) -> Result<Tensor> {
    let rows = Rows::new("log_softmax", x, axis)?;
    let xa = x.as_f32("log_softmax")?;
    let out = Tensor::f32(rows.map(&[xa], |[x], y| log_softmax_row(x, y)));
    let y = out.as_f32("log_softmax")?.clone();
    tape.record(&[x], &out, move |g| {
        check_grad("log_softmax", g, y.shape())?;
        Ok(vec![Some(rows.map(&[&y, g], |[y, g], dx| {
            let total: f32 = g.iter().sum();
            dx.iter_mut().zip(y.iter().zip(g)).for_each(|(d, (y, g))| *d = g - y.exp() * total);
        }).into_shared())])
    });
    Ok(out)
}

fn softmax_row(x: &[f32], y: &mut [f32]) {
    let max = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut total = 0.0;
    for (y, &x) in y.iter_mut().zip(x) {
        *y = (x - max).exp();
        total += *y;
    }
    let scale = 1.0 / total;
    y.iter_mut().for_each(|y| *y *= scale);
}

fn log_softmax_row(x: &[f32], y: &mut [f32]) {
    let max = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let log_total = x.iter().map(|&x| (x - max).exp()).sum::<f32>().ln();
    y.iter_mut().zip(x).for_each(|(y, &x)| *y = x - max - log_total);
}

fn check_grad(op: &'static str, g: &F32Array, shape: &[usize]) -> Result<()> {
    if g.shape() != shape {
        return fail(op, format!("gradient of shape {} differs from the output shape {}", shape_str(g.shape()), shape_str(shape)));
    }
    Ok(())
}

/// The rows of a tensor along one axis: moves that axis last and back again.
#[derive(Clone)]
struct Rows {
    shape: Vec<usize>,
    axis: usize,
}

impl Rows {
    fn new(op: &'static str, x: &Tensor, axis: isize) -> Result<Rows> {
        Ok(Rows { shape: x.shape().to_vec(), axis: normalize_axis(op, axis, x.shape())? })
    }

    /// `x` with the axis swapped last, in standard layout (borrowed when it already is last).
    fn rows<'a>(&self, x: &'a F32Array) -> Cow<'a, [f32]> {
        let mut v: ArrayViewD<'a, f32> = x.view();
        v.swap_axes(self.axis, self.shape.len() - 1);
        match v.to_slice() {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(v.iter().copied().collect()),
        }
    }

    /// Calls `f(input rows, output row)` for every row, in parallel over rows when large, and
    /// returns the output in the original axis order.
    fn map<const N: usize>(&self, inputs: &[&F32Array; N], f: impl Fn([&[f32]; N], &mut [f32]) + Sync) -> ArrayD<f32> {
        let n = self.shape[self.axis];
        let sources: Vec<Cow<[f32]>> = inputs.iter().map(|x| self.rows(x)).collect();
        let mut out = vec![0.0f32; self.shape.iter().product()];
        let row = |i: usize, dst: &mut [f32]| f(std::array::from_fn(|k| &sources[k][i * n..(i + 1) * n]), dst);
        if n > 0 && !runs_inline(out.len()) {
            let per_task = (CHUNK_LEN / n).max(1);
            out.par_chunks_mut(per_task * n).enumerate().for_each(|(t, chunk)| {
                chunk.chunks_mut(n).enumerate().for_each(|(j, dst)| row(t * per_task + j, dst));
            });
        } else if n > 0 {
            out.chunks_mut(n).enumerate().for_each(|(i, dst)| row(i, dst));
        }
        let mut swapped = self.shape.clone();
        let last = swapped.len() - 1;
        swapped.swap(self.axis, last);
        let mut result = ArrayD::from_shape_vec(IxDyn(&swapped), out).expect("one value per element");
        result.swap_axes(self.axis, last);
        // Gradients must be in standard layout too: other backward passes read them as slices.
        if result.is_standard_layout() {
            result
        } else {
            result.as_standard_layout().into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t, ti};

    #[test]
    fn softmax_rows_sum_to_one_along_any_axis() {
        let mut tape = Tape::default();
        let x = t(&[2, 3], &[1.0, 2.0, 3.0, 0.0, 0.0, 0.0]);
        // e / (1 + e + e²) and its neighbours; a constant row is uniform.
        let want = [0.09003057, 0.24472847, 0.66524096, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0];
        assert_close(&softmax(&mut tape, &x, -1).unwrap(), &want, 1e-6);
        assert_close(&softmax(&mut tape, &x, 1).unwrap(), &want, 1e-6);
        // Along axis 0 each column [a, b] becomes [σ(a − b), σ(b − a)].
        let cols = softmax(&mut tape, &x, 0).unwrap();
        assert_close(&cols, &[0.7310586, 0.8807971, 0.95257413, 0.26894142, 0.11920292, 0.04742587], 1e-6);
        let log = log_softmax(&mut tape, &x, 0).unwrap().to_f32_vec();
        for (l, s) in log.iter().zip(cols.to_f32_vec()) {
            assert!((l - s.ln()).abs() < 1e-6, "{l} vs ln {s}");
        }
    }

    #[test]
    fn large_logits_stay_finite() {
        let mut tape = Tape::default();
        let x = t(&[3], &[1000.0, 1001.0, -1000.0]);
        assert_close(&softmax(&mut tape, &x, 0).unwrap(), &[0.26894142, 0.7310586, 0.0], 1e-6);
        assert_close(&log_softmax(&mut tape, &x, 0).unwrap(), &[-1.3132616, -0.31326166, -2001.3132], 1e-6);
    }

    #[test]
    fn middle_axis_of_a_large_tensor_runs_in_parallel() {
        let mut tape = Tape::default();
        let (a, n, b) = (40, 30, 50);
        let values = pseudo_random(a * n * b, 9);
        let y = softmax(&mut tape, &t(&[a, n, b], &values), 1).unwrap().to_f32_vec();
        for (i, k) in [(0, 0), (17, 33), (39, 49)] {
            let at = |j: usize| (i * n + j) * b + k;
            let total: f64 = (0..n).map(|j| (values[at(j)] as f64).exp()).sum();
            for j in 0..n {
                let want = (values[at(j)] as f64).exp() / total;
                assert!((y[at(j)] as f64 - want).abs() < 1e-6, "({i}, {j}, {k}): {} vs {want}", y[at(j)]);
            }
        }
    }

    #[test]
    fn gradients_along_every_axis() {
        let x = t(&[2, 3, 4], &pseudo_random(24, 4).iter().map(|v| 2.0 * v).collect::<Vec<_>>());
        for axis in [-1, 0, 1, 2] {
            gradcheck(|tape, x| softmax(tape, &x[0], axis), &[x.clone()]);
            gradcheck(|tape, x| log_softmax(tape, &x[0], axis), &[x.clone()]);
        }
    }

    #[test]
    fn errors_name_the_op() {
        let mut tape = Tape::default();
        let err = softmax(&mut tape, &t(&[2, 3], &[0.0; 6]), 2).unwrap_err();
        assert_eq!(err.to_string(), "softmax: axis 2 is out of bounds for a tensor of rank 2 (shape (2, 3)): expected an axis in [-2, 1]");
        assert!(log_softmax(&mut tape, &Tensor::scalar(1.0), -1).unwrap_err().to_string().contains("a scalar has no axes"));
        assert_eq!(softmax(&mut tape, &ti(&[2], &[1, 2]), -1).unwrap_err().to_string(), "softmax: expected a float32 tensor, received int32");
        // Empty tensors are fine, whichever axis is empty.
        assert_eq!(softmax(&mut tape, &t(&[0, 3], &[]), -1).unwrap().shape(), &[0, 3]);
        assert_eq!(log_softmax(&mut tape, &t(&[2, 0], &[]), -1).unwrap().shape(), &[2, 0]);
    }
}
