//! `affine_transform`: each output pixel of an image sampled from the input at the position its
//! transform maps it to, as Keras's JAX backend computes it (`jax.scipy.ndimage.map_coordinates`
//! of order 0 or 1). A transform is 8 numbers `[a0, a1, a2, b0, b1, b2, c0, c1]`: output pixel
//! (x, y) reads input column `a0·x + a1·y + a2` and row `b0·x + b1·y + b2`. Keras's JAX backend
//! puts `c0` and `c1` in its coordinate matrix's channel row, so that they add `c0·channel` to the
//! row and `c1·channel` to the column instead of dividing (they are 0 for every affine
//! transform); this kernel does the same, so that it matches Keras for any input.
//!
//! Positions outside the image follow the fill mode: `constant` reads `fill_value` for every
//! out-of-range neighbour, the others fold the index back in (clamp, wrap, mirror about the edge
//! pixel, reflect about the edge). Backward (to the images): each output gradient goes back to
//! the pixels it read with the same weights, one image per task.
use ndarray::{ArrayD, IxDyn};

use super::{check_grad, Images};
use crate::error::{fail, shape_str, Result};
use crate::parallel::for_each_block;
use crate::tape::Tape;
use crate::tensor::Tensor;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interpolation {
    Nearest,
    Bilinear,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FillMode {
    Constant,
    Nearest,
    Wrap,
    Mirror,
    Reflect,
}

impl Interpolation {
    /// # Errors
    /// For a name other than `nearest` or `bilinear`.
    pub fn parse(op: &'static str, name: &str) -> Result<Interpolation> {
        match name {
            "nearest" => Ok(Interpolation::Nearest),
            "bilinear" => Ok(Interpolation::Bilinear),
            _ => fail(op, format!("unknown interpolation {name:?}: expected one of nearest, bilinear")),
        }
    }
}

impl FillMode {
    /// # Errors
    /// For a name other than Keras's five.
    pub fn parse(op: &'static str, name: &str) -> Result<FillMode> {
        Ok(match name {
            "constant" => FillMode::Constant,
            "nearest" => FillMode::Nearest,
            "wrap" => FillMode::Wrap,
            "mirror" => FillMode::Mirror,
            "reflect" => FillMode::Reflect,
            _ => return fail(op, format!("unknown fill mode {name:?}: expected one of constant, nearest, wrap, mirror, reflect")),
        })
    }

    /// `index` folded into `[0, size)`, as JAX's index fixers (`constant` keeps it: the caller
    /// reads the fill value when it is out of range).
    fn fix(self, index: i64, size: i64) -> i64 {
        match self {
            FillMode::Constant => index,
            FillMode::Nearest => index.clamp(0, size - 1),
            FillMode::Wrap => index.rem_euclid(size),
            FillMode::Mirror => mirror(index, size),
            // Reflection about the edge is mirroring on the doubled grid of cell edges and centres.
            FillMode::Reflect => (mirror(2 * index + 1, 2 * size + 1) - 1).div_euclid(2),
        }
    }
}

/// A triangular wave of half-period `size - 1`: ..., 1, 0, 1, ..., size - 1, size - 2, ...
fn mirror(index: i64, size: i64) -> i64 {
    let s = size - 1;
    if s == 0 {
        return 0;
    }
    ((index + s).rem_euclid(2 * s) - s).abs()
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AffineArgs {
    pub interpolation: Interpolation,
    pub fill_mode: FillMode,
    pub fill_value: f32,
}

/// `images` (batch, height, width, channels) transformed by `transforms` (batch, 8), or (1, 8)
/// for one transform for every image.
///
/// # Errors
/// When either is not float32, `images` is not rank 4, or `transforms` has the wrong shape.
pub fn affine_transform(tape: &mut Tape, images: &Tensor, transforms: &Tensor, args: AffineArgs) -> Result<Tensor> {
    const OP: &str = "affine_transform";
    let dims = Images::of(OP, images.shape())?;
    if !matches!(transforms.shape(), [n, 8] if *n == dims.batch || *n == 1) {
        return fail(OP, format!("expected transforms of shape ({}, 8) or (1, 8), received {}", dims.batch, shape_str(transforms.shape())));
    }
    let matrices = transforms.to_f32_vec();
    let src = images.as_f32(OP)?.clone();
    let mut values = vec![0.0f32; images.len()];
    let work = values.len() * 4;
    for_each_block(&mut values, dims.image_len(), work, |n, out| {
        let image = &src.as_slice().expect("tensors are kept in standard layout")[n * dims.image_len()..(n + 1) * dims.image_len()];
        for_each_tap(dims, transform_of(&matrices, n), args, |at, weight, from| {
            out[at] += weight * from.map_or(args.fill_value, |i| image[i]);
        });
    });
    let out = Tensor::f32(ArrayD::from_shape_vec(IxDyn(images.shape()), values).expect("one value per element"));
    tape.record(&[images], &out, move |g| {
        check_grad(OP, g, &dims.shape())?;
        let dy = g.as_slice().expect("gradients are kept in standard layout");
        let mut dx = vec![0.0f32; dy.len()];
        for_each_block(&mut dx, dims.image_len(), dy.len() * 4, |n, grad| {
            let dy = &dy[n * dims.image_len()..(n + 1) * dims.image_len()];
            for_each_tap(dims, transform_of(&matrices, n), args, |at, weight, from| {
                if let Some(i) = from {
                    grad[i] += weight * dy[at];
                }
            });
        });
        Ok(vec![Some(ArrayD::from_shape_vec(IxDyn(&dims.shape()), dx).expect("one value per element").into_shared())])
    });
    Ok(out)
}

/// Image `n`'s transform: its own row, or the only one.
fn transform_of(matrices: &[f32], n: usize) -> [f32; 8] {
    let row = if matrices.len() == 8 { 0 } else { n };
    std::array::from_fn(|k| matrices[row * 8 + k])
}

/// Calls `visit(output offset, weight, input offset)` for every input value each output value of
/// one image reads (`None`: the fill value, outside the image in `constant` mode).
fn for_each_tap(dims: Images, m: [f32; 8], args: AffineArgs, mut visit: impl FnMut(usize, f32, Option<usize>)) {
    let [a0, a1, a2, b0, b1, b2, c0, c1] = m;
    let (h, w) = (dims.height as i64, dims.width as i64);
    for y in 0..dims.height {
        for x in 0..dims.width {
            for ch in 0..dims.channels {
                let (xf, yf, cf) = (x as f32, y as f32, ch as f32);
                // Summed in JAX's order (its einsum, then the offset).
                let row = yf * b1 + xf * b0 + cf * c0 + b2;
                let col = yf * a1 + xf * a0 + cf * c1 + a2;
                let at = (y * dims.width + x) * dims.channels + ch;
                for (ri, rw) in nodes(row, args.interpolation) {
                    for (ci, cw) in nodes(col, args.interpolation) {
                        let inside = (0..h).contains(&ri) && (0..w).contains(&ci);
                        let from = (inside || args.fill_mode != FillMode::Constant).then(|| {
                            let (r, c) = (args.fill_mode.fix(ri, h), args.fill_mode.fix(ci, w));
                            (r as usize * dims.width + c as usize) * dims.channels + ch
                        });
                        visit(at, rw * cw, from);
                    }
                }
            }
        }
    }
}

/// The input indices a coordinate reads and their weights: the nearest (halves away from zero),
/// or the two neighbours with linear weights.
fn nodes(coordinate: f32, interpolation: Interpolation) -> impl Iterator<Item = (i64, f32)> {
    let lower = coordinate.floor();
    let upper_weight = coordinate - lower;
    let two = match interpolation {
        Interpolation::Nearest => [(coordinate.round() as i64, 1.0), (0, 0.0)],
        Interpolation::Bilinear => [(lower as i64, 1.0 - upper_weight), (lower as i64 + 1, upper_weight)],
    };
    let count = if interpolation == Interpolation::Nearest { 1 } else { 2 };
    two.into_iter().take(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t};

    const IDENTITY: [f32; 8] = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0];

    fn args(interpolation: Interpolation, fill_mode: FillMode) -> AffineArgs {
        AffineArgs { interpolation, fill_mode, fill_value: -1.0 }
    }

    #[test]
    fn the_identity_returns_the_images() {
        let mut tape = Tape::default();
        let v = pseudo_random(2 * 3 * 4 * 2, 4);
        let x = t(&[2, 3, 4, 2], &v);
        let y = affine_transform(&mut tape, &x, &t(&[1, 8], &IDENTITY), args(Interpolation::Bilinear, FillMode::Constant)).unwrap();
        assert_close(&y, &v, 0.0);
    }

    #[test]
    fn a_shift_by_two_fills_each_mode_as_jax() {
        // One row 0..5; output x reads input x - 2.
        let mut tape = Tape::default();
        let x = t(&[1, 1, 5, 1], &[0.0, 1.0, 2.0, 3.0, 4.0]);
        let shift = t(&[1, 8], &[1.0, 0.0, -2.0, 0.0, 1.0, 0.0, 0.0, 0.0]);
        let cases = [
            (FillMode::Constant, [-1.0, -1.0, 0.0, 1.0, 2.0]),
            (FillMode::Nearest, [0.0, 0.0, 0.0, 1.0, 2.0]),
            (FillMode::Wrap, [3.0, 4.0, 0.0, 1.0, 2.0]),
            (FillMode::Mirror, [2.0, 1.0, 0.0, 1.0, 2.0]),
            (FillMode::Reflect, [1.0, 0.0, 0.0, 1.0, 2.0]),
        ];
        for (mode, want) in cases {
            let y = affine_transform(&mut tape, &x, &shift, args(Interpolation::Nearest, mode)).unwrap();
            assert_close(&y, &want, 0.0);
        }
    }

    #[test]
    fn bilinear_halfway_averages_neighbours() {
        let mut tape = Tape::default();
        let x = t(&[1, 1, 3, 1], &[0.0, 2.0, 4.0]);
        let half = t(&[1, 8], &[1.0, 0.0, 0.5, 0.0, 1.0, 0.0, 0.0, 0.0]);
        let y = affine_transform(&mut tape, &x, &half, args(Interpolation::Bilinear, FillMode::Nearest)).unwrap();
        assert_close(&y, &[1.0, 3.0, 4.0], 1e-6);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = t(&[2, 4, 5, 2], &pseudo_random(2 * 4 * 5 * 2, 5));
        // A rotation by 0.3 rad about the centre, slightly scaled: every pixel interpolated.
        let (s, c) = (0.3f32.sin() * 0.9, 0.3f32.cos() * 0.9);
        let m = t(&[2, 8], &[c, -s, 1.1, s, c, -0.7, 0.0, 0.0, 1.0, 0.1, 0.3, 0.0, 1.0, 0.45, 0.0, 0.0]);
        for mode in [FillMode::Constant, FillMode::Reflect, FillMode::Wrap] {
            gradcheck(|tape, xs| affine_transform(tape, &xs[0], &m, args(Interpolation::Bilinear, mode)), std::slice::from_ref(&x));
        }
    }
}
