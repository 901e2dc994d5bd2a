//! `resize`: a batch of images resampled to a new height and width, one axis at a time (height,
//! then width), each output row a weighted sum of input rows (see `resize_taps`). An axis whose
//! size does not change is left as is, as JAX does. Backward: the same sums transposed, written
//! as a gather over input rows so that threads never share a row.
use ndarray::{ArrayD, IxDyn};

use super::resize_taps::{readers, taps, ResizeMethod, Taps};
use super::{check_grad, Images};
use crate::error::Result;
use crate::parallel::for_each_block;
use crate::tape::Tape;
use crate::tensor::{checked_len, Tensor};

/// One resized axis of a row-major buffer viewed as `(outer, len, inner)`.
#[derive(Clone, Copy)]
struct Axis {
    outer: usize,
    in_len: usize,
    out_len: usize,
    inner: usize,
}

/// `x` (batch, height, width, channels) resized to `size` = [height, width] with `method`;
/// `antialias` widens the kernel when downscaling (ignored by nearest).
///
/// # Errors
/// When `x` is not a float32 batch of images, a size is zero, or the output is too large.
pub fn resize(tape: &mut Tape, x: &Tensor, size: [usize; 2], method: ResizeMethod, antialias: bool) -> Result<Tensor> {
    const OP: &str = "resize";
    let images = Images::of(OP, x.shape())?;
    if size.contains(&0) || images.height == 0 || images.width == 0 {
        return crate::error::fail(OP, format!("cannot resize images of shape {:?} to size {size:?}: sizes must be positive", x.shape()));
    }
    let out_shape = [images.batch, size[0], size[1], images.channels];
    checked_len(OP, &out_shape)?;
    let rows = Axis { outer: images.batch, in_len: images.height, out_len: size[0], inner: images.width * images.channels };
    let cols = Axis { outer: images.batch * size[0], in_len: images.width, out_len: size[1], inner: images.channels };
    let row_taps = taps(method, rows.in_len, rows.out_len, antialias);
    let col_taps = taps(method, cols.in_len, cols.out_len, antialias);
    let src = x.as_f32(OP)?;
    let src = src.as_slice().expect("tensors are kept in standard layout");
    let values = resample(&resample(src, rows, &row_taps), cols, &col_taps);
    let out = Tensor::f32(ArrayD::from_shape_vec(IxDyn(&out_shape), values).expect("one value per element"));
    let (row_readers, col_readers) = (readers(&row_taps, rows.in_len), readers(&col_taps, cols.in_len));
    tape.record(&[x], &out, move |g| {
        check_grad(OP, g, &out_shape)?;
        let dy = g.as_slice().expect("gradients are kept in standard layout");
        let dx = gather_back(&gather_back(dy, cols, &col_readers), rows, &row_readers);
        Ok(vec![Some(ArrayD::from_shape_vec(IxDyn(&images.shape()), dx).expect("one value per element").into_shared())])
    });
    Ok(out)
}

/// `src` (outer, in_len, inner) resampled along its middle axis to (outer, out_len, inner).
fn resample(src: &[f32], axis: Axis, taps: &[Taps]) -> Vec<f32> {
    if axis.in_len == axis.out_len {
        return src.to_vec();
    }
    let Axis { in_len, out_len, inner, .. } = axis;
    let mut dst = vec![0.0f32; axis.outer * out_len * inner];
    let work = dst.len() * taps.first().map_or(1, |t| t.weights.len());
    // One block per output row: row `b` is output position `b % out_len` of outer slice `b / out_len`.
    for_each_block(&mut dst, inner, work, |b, row| {
        let (outer, t) = (b / out_len, &taps[b % out_len]);
        for (k, &w) in t.weights.iter().enumerate() {
            let from = (outer * in_len + t.start + k) * inner;
            row.iter_mut().zip(&src[from..from + inner]).for_each(|(d, &s)| *d += w * s);
        }
    });
    dst
}

/// The gradient of [`resample`]: `dy` (outer, out_len, inner) back to (outer, in_len, inner),
/// each input row summing the output rows that read it.
fn gather_back(dy: &[f32], axis: Axis, readers: &[Vec<(usize, f32)>]) -> Vec<f32> {
    if axis.in_len == axis.out_len {
        return dy.to_vec();
    }
    let Axis { in_len, out_len, inner, .. } = axis;
    let mut dx = vec![0.0f32; axis.outer * in_len * inner];
    let work = dy.len() * 4;
    for_each_block(&mut dx, inner, work, |b, row| {
        let outer = b / in_len;
        for &(i, w) in &readers[b % in_len] {
            let from = (outer * out_len + i) * inner;
            row.iter_mut().zip(&dy[from..from + inner]).for_each(|(d, &g)| *d += w * g);
        }
    });
    dx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t};

    #[test]
    fn bilinear_doubles_a_two_by_two_image() {
        let mut tape = Tape::default();
        let x = t(&[1, 2, 2, 1], &[0.0, 1.0, 2.0, 3.0]);
        let y = resize(&mut tape, &x, [4, 4], ResizeMethod::Bilinear, false).unwrap();
        // Output rows and columns weigh the inputs 1, (.75, .25), (.25, .75), 1.
        #[rustfmt::skip]
        let want = [0.0, 0.25, 0.75, 1.0, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2.0, 2.25, 2.75, 3.0];
        assert_close(&y, &want, 1e-6);
    }

    #[test]
    fn same_size_is_the_identity_for_every_method() {
        let mut tape = Tape::default();
        let v = pseudo_random(2 * 3 * 4 * 2, 1);
        let x = t(&[2, 3, 4, 2], &v);
        for method in [ResizeMethod::Nearest, ResizeMethod::Bilinear, ResizeMethod::Bicubic, ResizeMethod::Lanczos3, ResizeMethod::Lanczos5] {
            assert_close(&resize(&mut tape, &x, [3, 4], method, true).unwrap(), &v, 0.0);
        }
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = t(&[2, 5, 4, 3], &pseudo_random(2 * 5 * 4 * 3, 2));
        for (method, size) in [(ResizeMethod::Bilinear, [3, 7]), (ResizeMethod::Nearest, [8, 3]), (ResizeMethod::Bicubic, [9, 2]), (ResizeMethod::Lanczos3, [2, 6])] {
            gradcheck(|tape, xs| resize(tape, &xs[0], size, method, true), std::slice::from_ref(&x));
        }
    }
}
