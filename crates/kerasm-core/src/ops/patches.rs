//! `local_patches`: the windows of an unshared (locally-connected) convolution, gathered so
//! that one batched `matmul` with a kernel of shape `(positions, features, filters)` applies a
//! different filter bank at every output position, as tf.keras's `LocallyConnected1D/2D`.
//!
//! For inputs `(batch, spatial…, channels)` (or `(batch, channels, spatial…)` with
//! `channels_first`) the result is `(positions, batch, features)`: `positions` runs over the
//! output positions in row-major order, `features` over one window in the order tf.keras
//! flattens it, `(k…, channels)` for `channels_last` and `(channels, k…)` for `channels_first`.
//! `'valid'` windows start at `position · stride`; `'same'` windows start `floor(k / 2)` cells
//! earlier and their cells outside the input read zero (tf.keras's `conv_connected_inputs`),
//! with `ceil(size / stride)` positions per axis.
//!
//! Forward runs over disjoint positions, backward over disjoint batch rows of the input
//! gradient, so threads never share a cell.
use ndarray::{ArrayD, IxDyn};
use rayon::prelude::*;

use crate::error::{fail, shape_str, Result};
use crate::parallel::runs_inline;
use crate::tape::Tape;
use crate::tensor::{checked_len, Tensor};

/// The window arguments: one entry per spatial axis in `kernel_size` and `strides`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatchArgs {
    pub kernel_size: Vec<usize>,
    pub strides: Vec<usize>,
    /// tf.keras's locally-connected `'same'` (`true`) or `'valid'` (`false`).
    pub same: bool,
    pub channels_first: bool,
}

/// A window cell that falls in the padding.
const OUTSIDE: usize = usize::MAX;

/// Sizes of one extraction and, for every (position, window cell), the input cell it reads.
struct Geometry {
    in_shape: Vec<usize>,
    out_shape: Vec<usize>,
    batch: usize,
    channels: usize,
    /// Cells per channel of one input (product of the spatial sizes).
    volume: usize,
    /// Cells per window (product of `kernel_size`).
    window: usize,
    channels_first: bool,
    /// `taps[p * window + w]`: the flat spatial index read by cell `w` of position `p`, or `OUTSIDE`.
    taps: Vec<usize>,
}

impl Geometry {
    fn new(op: &'static str, in_shape: &[usize], args: &PatchArgs) -> Result<Geometry> {
        let rank = args.kernel_size.len();
        if rank == 0 || args.strides.len() != rank || in_shape.len() != rank + 2 {
            return fail(op, format!(
                "expected inputs of rank {} for {} kernel sizes and {} strides, received shape {}",
                rank + 2, rank, args.strides.len(), shape_str(in_shape),
            ));
        }
        if args.kernel_size.iter().chain(&args.strides).any(|&v| v == 0) {
            return fail(op, format!("kernel sizes {:?} and strides {:?} must be positive", args.kernel_size, args.strides));
        }
        let (batch, channels, spatial) = if args.channels_first {
            (in_shape[0], in_shape[1], &in_shape[2..])
        } else {
            (in_shape[0], in_shape[rank + 1], &in_shape[1..=rank])
        };
        let mut out = Vec::with_capacity(rank);
        for (d, ((&size, &k), &s)) in spatial.iter().zip(&args.kernel_size).zip(&args.strides).enumerate() {
            let positions = if args.same { size.div_ceil(s) } else if size >= k { (size - k) / s + 1 } else { 0 };
            if positions == 0 {
                return fail(op, format!(
                    "inputs of shape {} leave no window position on spatial axis {d} (size {size}, kernel size {k}, stride {s})",
                    shape_str(in_shape),
                ));
            }
            out.push(positions);
        }
        let window: usize = args.kernel_size.iter().product();
        let positions: usize = out.iter().product();
        let features = window * channels;
        let out_shape = vec![positions, batch, features];
        checked_len(op, &out_shape)?;
        let pad: Vec<usize> = args.kernel_size.iter().map(|&k| if args.same { k / 2 } else { 0 }).collect();
        let mut taps = Vec::with_capacity(positions * window);
        for p in 0..positions {
            let at = unravel(p, &out);
            for w in 0..window {
                let cell = unravel(w, &args.kernel_size);
                let mut flat = 0usize;
                for d in 0..rank {
                    // position · stride - pad + cell, kept in unsigned arithmetic.
                    let shifted = at[d] * args.strides[d] + cell[d];
                    if shifted < pad[d] || shifted - pad[d] >= spatial[d] {
                        flat = OUTSIDE;
                        break;
                    }
                    flat = flat * spatial[d] + (shifted - pad[d]);
                }
                taps.push(flat);
            }
        }
        Ok(Geometry {
            in_shape: in_shape.to_vec(), out_shape, batch, channels, volume: spatial.iter().product(), window,
            channels_first: args.channels_first, taps,
        })
    }

    fn features(&self) -> usize {
        self.window * self.channels
    }

    /// Where feature `(w, c)` of one row lands, and where input cell `(tap, c)` of one batch row is.
    fn feature_at(&self, w: usize, c: usize) -> usize {
        if self.channels_first { c * self.window + w } else { w * self.channels + c }
    }

    fn input_at(&self, tap: usize, c: usize) -> usize {
        if self.channels_first { c * self.volume + tap } else { tap * self.channels + c }
    }

    /// Fills the rows `(batch, features)` of position `p` from the input.
    fn gather(&self, p: usize, x: &[f32], rows: &mut [f32]) {
        let (features, per_batch) = (self.features(), self.volume * self.channels);
        for b in 0..self.batch {
            let (src, dst) = (&x[b * per_batch..(b + 1) * per_batch], &mut rows[b * features..(b + 1) * features]);
            for (w, &tap) in self.taps[p * self.window..(p + 1) * self.window].iter().enumerate() {
                for c in 0..self.channels {
                    dst[self.feature_at(w, c)] = if tap == OUTSIDE { 0.0 } else { src[self.input_at(tap, c)] };
                }
            }
        }
    }

    /// Adds to one batch row of the input gradient what every position's window read from it.
    fn scatter_back(&self, b: usize, g: &[f32], dx: &mut [f32]) {
        let features = self.features();
        for p in 0..self.taps.len() / self.window {
            let row = &g[(p * self.batch + b) * features..(p * self.batch + b + 1) * features];
            for (w, &tap) in self.taps[p * self.window..(p + 1) * self.window].iter().enumerate() {
                if tap != OUTSIDE {
                    for c in 0..self.channels {
                        dx[self.input_at(tap, c)] += row[self.feature_at(w, c)];
                    }
                }
            }
        }
    }
}

/// Row-major multi-index of `flat` in `dims`.
fn unravel(mut flat: usize, dims: &[usize]) -> Vec<usize> {
    let mut index = vec![0; dims.len()];
    for d in (0..dims.len()).rev() {
        index[d] = flat % dims[d];
        flat /= dims[d];
    }
    index
}

/// The windows of `x` as `(positions, batch, features)`; records the backward (a scatter-add
/// of the gradient into the cells each window read).
///
/// # Errors
/// When `x` is not float32, its rank is not the number of spatial axes plus 2, a kernel size or
/// stride is zero, an axis has no window position, or the output would exceed `MAX_ELEMENTS`.
pub fn local_patches(tape: &mut Tape, x: &Tensor, args: &PatchArgs) -> Result<Tensor> {
    const OP: &str = "local_patches";
    let xs = x.as_f32(OP)?;
    let geo = Geometry::new(OP, x.shape(), args)?;
    let src = xs.as_slice().expect("tensors are kept in standard layout");
    let row_len = geo.batch * geo.features();
    let mut values = vec![0.0f32; geo.out_shape.iter().product()];
    if row_len > 0 {
        if runs_inline(values.len()) {
            values.chunks_mut(row_len).enumerate().for_each(|(p, rows)| geo.gather(p, src, rows));
        } else {
            values.par_chunks_mut(row_len).enumerate().for_each(|(p, rows)| geo.gather(p, src, rows));
        }
    }
    let out = Tensor::f32(ArrayD::from_shape_vec(IxDyn(&geo.out_shape), values).expect("the geometry sizes the output"));
    tape.record(&[x], &out, move |g| {
        if g.shape() != geo.out_shape.as_slice() {
            return fail(OP, format!("gradient of shape {} differs from the output shape {}", shape_str(g.shape()), shape_str(&geo.out_shape)));
        }
        let g = g.as_standard_layout();
        let g = g.as_slice().expect("standard layout");
        let per_batch = geo.volume * geo.channels;
        let mut dx = vec![0.0f32; geo.batch * per_batch];
        if per_batch > 0 {
            if runs_inline(g.len()) {
                dx.chunks_mut(per_batch).enumerate().for_each(|(b, row)| geo.scatter_back(b, g, row));
            } else {
                dx.par_chunks_mut(per_batch).enumerate().for_each(|(b, row)| geo.scatter_back(b, g, row));
            }
        }
        let dx = ArrayD::from_shape_vec(IxDyn(&geo.in_shape), dx).expect("the geometry sizes dx");
        Ok(vec![Some(dx.into_shared())])
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t};

    fn args(kernel_size: &[usize], strides: &[usize], same: bool, channels_first: bool) -> PatchArgs {
        PatchArgs { kernel_size: kernel_size.to_vec(), strides: strides.to_vec(), same, channels_first }
    }

    #[test]
    fn valid_1d_windows_in_channels_last_order() {
        // x[b, t, c] = 10·t + c for one batch row of 4 steps and 2 channels.
        let x = t(&[1, 4, 2], &[0., 1., 10., 11., 20., 21., 30., 31.]);
        let y = local_patches(&mut Tape::default(), &x, &args(&[2], &[2], false, false)).unwrap();
        assert_eq!(y.shape(), &[2, 1, 4]);
        assert_close(&y, &[0., 1., 10., 11., 20., 21., 30., 31.], 0.0);
    }

    #[test]
    fn channels_first_windows_list_each_channel_then_the_window() {
        // x[b, c, t] = 10·c + t: 2 channels, 3 steps, window 2, stride 1.
        let x = t(&[1, 2, 3], &[0., 1., 2., 10., 11., 12.]);
        let y = local_patches(&mut Tape::default(), &x, &args(&[2], &[1], false, true)).unwrap();
        assert_eq!(y.shape(), &[2, 1, 4]);
        assert_close(&y, &[0., 1., 10., 11., 1., 2., 11., 12.], 0.0);
    }

    #[test]
    fn same_windows_start_half_a_kernel_early_and_read_zero_outside() {
        // 2-D, 2×3 input of one channel, kernel 2×2, stride 1: pads floor(2/2) = 1 before.
        let x = t(&[1, 2, 3, 1], &[1., 2., 3., 4., 5., 6.]);
        let y = local_patches(&mut Tape::default(), &x, &args(&[2, 2], &[1, 1], true, false)).unwrap();
        assert_eq!(y.shape(), &[6, 1, 4]);
        #[rustfmt::skip]
        let want = [
            0., 0., 0., 1.,  0., 0., 1., 2.,  0., 0., 2., 3.,
            0., 1., 0., 4.,  1., 2., 4., 5.,  2., 3., 5., 6.,
        ];
        assert_close(&y, &want, 0.0);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = t(&[2, 5, 4, 3], &pseudo_random(120, 1));
        gradcheck(|tape, xs| local_patches(tape, &xs[0], &args(&[3, 2], &[2, 1], false, false)), std::slice::from_ref(&x));
        gradcheck(|tape, xs| local_patches(tape, &xs[0], &args(&[2, 3], &[2, 2], true, true)), &[x]);
        let x1 = t(&[2, 3, 7], &pseudo_random(42, 2));
        gradcheck(|tape, xs| local_patches(tape, &xs[0], &args(&[3], &[2], true, true)), &[x1]);
    }

    #[test]
    fn rejects_bad_geometry_with_errors() {
        let x = t(&[1, 3, 2], &[0.; 6]);
        let too_big = local_patches(&mut Tape::default(), &x, &args(&[4], &[1], false, false)).unwrap_err().to_string();
        assert!(too_big.contains("leave no window position on spatial axis 0 (size 3, kernel size 4, stride 1)"), "{too_big}");
        let rank = local_patches(&mut Tape::default(), &x, &args(&[2, 2], &[1, 1], false, false)).unwrap_err().to_string();
        assert!(rank.contains("expected inputs of rank 4"), "{rank}");
        let zero = local_patches(&mut Tape::default(), &x, &args(&[0], &[1], false, false)).unwrap_err().to_string();
        assert!(zero.contains("must be positive"), "{zero}");
    }
}
