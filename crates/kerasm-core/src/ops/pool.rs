//! `max_pool` and `average_pool` over 1, 2 or 3 spatial dimensions, in `channels_last`
//! (`(batch, *spatial, channels)`) or `channels_first` (`(batch, channels, *spatial)`) layout,
//! with TensorFlow's `'valid'` and `'same'` padding. Fewer than three spatial dimensions are
//! treated as three with leading size-1 dimensions, so one kernel serves all ranks.
//!
//! Forward and backward both run over disjoint chunks of their *output* (the pooled tensor,
//! then the input gradient): backward is written as a gather (every input cell sums the output
//! gradients of the windows that contain it), never as a scatter, so threads never share a cell.
//! Average pooling divides by the number of real (unpadded) cells in each window, and the
//! max-pool gradient goes to the first maximum of each window, both as TensorFlow does.
use std::ops::Range;

use ndarray::{ArrayD, IxDyn};
use rayon::prelude::*;

use crate::error::{fail, shape_str, Result};
use crate::parallel::{runs_inline, CHUNK_LEN};
use crate::tape::{F32Array, Tape};
use crate::tensor::{checked_len, Tensor};

/// The window arguments shared by both pools (one entry per spatial dimension).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolArgs {
    pub pool_size: Vec<usize>,
    pub strides: Vec<usize>,
    /// TensorFlow's `'same'` padding (`true`) or `'valid'` (`false`).
    pub same: bool,
    /// `(batch, *spatial, channels)` when true, `(batch, channels, *spatial)` otherwise.
    pub channels_last: bool,
}

/// Maximum over each window. Backward: each window's gradient goes to its first maximum.
///
/// # Errors
/// When `x` is not float32, its rank is not the number of spatial dimensions plus 2, a window
/// or stride is not positive, or the output would exceed `MAX_ELEMENTS`.
pub fn max_pool(tape: &mut Tape, x: &Tensor, args: &PoolArgs) -> Result<Tensor> {
    const OP: &str = "max_pool";
    let geo = Geometry::new(OP, x.shape(), args)?;
    let xs = x.as_f32(OP)?;
    let src = xs.as_slice().expect("tensors are kept in standard layout");
    let len = checked_len(OP, &geo.out_shape)?;
    let mut values = vec![0.0f32; len];
    if geo.channels_last {
        max_pool_channels_last(&geo, src, &mut values, None);
    } else {
        max_pool_any(&geo, src, &mut values, &mut vec![0u32; len]);
    }
    let out = Tensor::f32(ArrayD::from_shape_vec(IxDyn(&geo.out_shape), values).expect("one value per element"));
    let xs = xs.clone();
    tape.record(&[x], &out, move |g| {
        check_grad(OP, g, &geo.out_shape)?;
        let dy = g.as_slice().expect("gradients are kept in standard layout");
        // Where each maximum came from, found again here so that inference does not pay for it.
        let src = xs.as_slice().expect("tensors are kept in standard layout");
        let (mut values, mut argmax) = (vec![0.0f32; dy.len()], vec![0u32; dy.len()]);
        if geo.channels_last {
            max_pool_channels_last(&geo, src, &mut values, Some(&mut argmax));
        } else {
            max_pool_any(&geo, src, &mut values, &mut argmax);
        }
        Ok(vec![Some(geo.gather_back(|out_off, _, in_off| if argmax[out_off] as usize == in_off { dy[out_off] } else { 0.0 }))])
    });
    Ok(out)
}

/// Max pooling in any layout, one output element at a time: each value and the input offset of
/// its window's first maximum.
fn max_pool_any(geo: &Geometry, src: &[f32], values: &mut [f32], argmax: &mut [u32]) {
    let work = geo.window_volume();
    par_fill2(values, argmax, work, |start, vals, idxs| {
        let mut it = Cursor::new(&geo.out_dims(), start);
        for (v, ix) in vals.iter_mut().zip(idxs.iter_mut()) {
            let (n, c, o) = geo.logical(&it.idx);
            let base = n * geo.in_n + c * geo.in_c;
            let w = [geo.window(0, o[0]), geo.window(1, o[1]), geo.window(2, o[2])];
            let (mut best, mut at) = (f32::NEG_INFINITY, usize::MAX);
            for d in w[0].clone() {
                for h in w[1].clone() {
                    let row = base + (d * geo.inp[1] + h) * geo.inp[2] * geo.in_sp;
                    for wi in w[2].clone() {
                        let off = row + wi * geo.in_sp;
                        let value = src[off];
                        // `>` keeps the first maximum; NaN wins so that it propagates.
                        if at == usize::MAX || value > best || (value.is_nan() && !best.is_nan()) {
                            best = value;
                            at = off;
                        }
                    }
                }
            }
            *v = best;
            *ix = at as u32;
            it.advance();
        }
    });
}

/// Max pooling in `channels_last` layout: one output pixel at a time, with the channels (adjacent
/// in memory) as the inner loop, which vectorises. Same results as [`max_pool_any`]; the input
/// offsets of the maxima only when `argmax` is given (training).
fn max_pool_channels_last(geo: &Geometry, src: &[f32], values: &mut [f32], argmax: Option<&mut [u32]>) {
    let c = geo.c;
    if c == 0 {
        return;
    }
    let [od, oh, ow] = geo.out;
    let pixels = |start: usize, vals: &mut [f32], mut idxs: Option<&mut [u32]>| {
        for (p, vals) in vals.chunks_exact_mut(c).enumerate() {
            let pixel = start + p;
            let mut idxs = idxs.as_deref_mut().map(|i| &mut i[p * c..(p + 1) * c]);
            let (n, o) = (pixel / (od * oh * ow), [pixel / (oh * ow) % od, pixel / ow % oh, pixel % ow]);
            let mut first = true;
            for d in geo.window(0, o[0]) {
                for h in geo.window(1, o[1]) {
                    for w in geo.window(2, o[2]) {
                        let off = n * geo.in_n + ((d * geo.inp[1] + h) * geo.inp[2] + w) * c;
                        let cell = &src[off..off + c];
                        match (&mut idxs, first) {
                            (_, true) => {
                                vals.copy_from_slice(cell);
                                if let Some(idxs) = &mut idxs {
                                    idxs.iter_mut().enumerate().for_each(|(ch, ix)| *ix = (off + ch) as u32);
                                }
                            }
                            // Selects rather than branches, so that the loops vectorise. As in
                            // `max_pool_any`: NaN propagates, and the first maximum (or NaN) wins.
                            (None, false) => vals.iter_mut().zip(cell).for_each(|(v, &value)| *v = if value > *v || value.is_nan() { value } else { *v }),
                            (Some(idxs), false) => {
                                for (ch, ((v, ix), &value)) in vals.iter_mut().zip(idxs.iter_mut()).zip(cell).enumerate() {
                                    let take = value > *v || (value.is_nan() && !v.is_nan());
                                    *v = if take { value } else { *v };
                                    *ix = if take { (off + ch) as u32 } else { *ix };
                                }
                            }
                        }
                        first = false;
                    }
                }
            }
        }
    };
    let task = (CHUNK_LEN / (c * geo.window_volume())).max(1) * c;
    if runs_inline(values.len() * geo.window_volume()) {
        pixels(0, values, argmax);
    } else if let Some(argmax) = argmax {
        values.par_chunks_mut(task).zip(argmax.par_chunks_mut(task)).enumerate().for_each(|(t, (v, ix))| pixels(t * task / c, v, Some(ix)));
    } else {
        values.par_chunks_mut(task).enumerate().for_each(|(t, v)| pixels(t * task / c, v, None));
    }
}

/// Mean over each window's real cells (padding is not counted). Backward: each window's
/// gradient is shared evenly among its real cells.
///
/// # Errors
/// As `max_pool`.
pub fn average_pool(tape: &mut Tape, x: &Tensor, args: &PoolArgs) -> Result<Tensor> {
    const OP: &str = "average_pool";
    let geo = Geometry::new(OP, x.shape(), args)?;
    let xs = x.as_f32(OP)?;
    let src = xs.as_slice().expect("tensors are kept in standard layout");
    let len = checked_len(OP, &geo.out_shape)?;
    let mut values = vec![0.0f32; len];
    par_fill(&mut values, geo.window_volume(), |start, vals| {
        let mut it = Cursor::new(&geo.out_dims(), start);
        for v in vals.iter_mut() {
            let (n, c, o) = geo.logical(&it.idx);
            let base = n * geo.in_n + c * geo.in_c;
            let w = [geo.window(0, o[0]), geo.window(1, o[1]), geo.window(2, o[2])];
            let mut total = 0.0f32;
            for d in w[0].clone() {
                for h in w[1].clone() {
                    let row = base + (d * geo.inp[1] + h) * geo.inp[2] * geo.in_sp;
                    for wi in w[2].clone() {
                        total += src[row + wi * geo.in_sp];
                    }
                }
            }
            *v = total / (w[0].len() * w[1].len() * w[2].len()) as f32;
            it.advance();
        }
    });
    let out = Tensor::f32(ArrayD::from_shape_vec(IxDyn(&geo.out_shape), values).expect("one value per element"));
    tape.record(&[x], &out, move |g| {
        check_grad(OP, g, &geo.out_shape)?;
        let dy = g.as_slice().expect("gradients are kept in standard layout");
        // 1 / (cells in the window) is a product of one factor per dimension.
        let inv: [Vec<f32>; 3] = std::array::from_fn(|d| (0..geo.out[d]).map(|o| 1.0 / geo.window(d, o).len() as f32).collect());
        Ok(vec![Some(geo.gather_back(|out_off, o, _| dy[out_off] * inv[0][o[0]] * inv[1][o[1]] * inv[2][o[2]]))])
    });
    Ok(out)
}

fn check_grad(op: &'static str, g: &F32Array, shape: &[usize]) -> Result<()> {
    if g.shape() != shape {
        return fail(op, format!("gradient of shape {} differs from the output shape {}", shape_str(g.shape()), shape_str(shape)));
    }
    Ok(())
}

/// Sizes, paddings and memory strides of one pooling, with spatial dimensions padded to three.
#[derive(Clone, Debug)]
struct Geometry {
    n: usize,
    c: usize,
    inp: [usize; 3],
    out: [usize; 3],
    k: [usize; 3],
    s: [usize; 3],
    pad: [usize; 3],
    channels_last: bool,
    out_shape: Vec<usize>,
    /// Input strides (in elements) of the batch, channel and innermost spatial step.
    in_n: usize,
    in_c: usize,
    in_sp: usize,
}

impl Geometry {
    fn new(op: &'static str, shape: &[usize], args: &PoolArgs) -> Result<Geometry> {
        let spatial = args.pool_size.len();
        if !(1..=3).contains(&spatial) {
            return fail(op, format!("expected a pool size for 1, 2 or 3 spatial dimensions, received {:?}", args.pool_size));
        }
        if args.strides.len() != spatial {
            return fail(op, format!("expected {spatial} strides (one per spatial dimension), received {:?}", args.strides));
        }
        if shape.len() != spatial + 2 {
            return fail(op, format!("expected an input of rank {} for a {spatial}-D pooling, received shape {}", spatial + 2, shape_str(shape)));
        }
        if args.pool_size.contains(&0) || args.strides.contains(&0) {
            return fail(op, format!("pool size and strides must be positive, received pool size {:?} and strides {:?}", args.pool_size, args.strides));
        }
        let (n, c, sp) = if args.channels_last {
            (shape[0], shape[spatial + 1], &shape[1..=spatial])
        } else {
            (shape[0], shape[1], &shape[2..])
        };
        let lead = 3 - spatial;
        let pick = |v: &[usize], fill: usize| -> [usize; 3] { std::array::from_fn(|i| if i < lead { fill } else { v[i - lead] }) };
        let (inp, k, s) = (pick(sp, 1), pick(&args.pool_size, 1), pick(&args.strides, 1));
        let mut out = [0; 3];
        let mut pad = [0; 3];
        for i in 0..3 {
            if args.same {
                out[i] = inp[i].div_ceil(s[i]);
                let total = (out[i].saturating_sub(1) * s[i] + k[i]).saturating_sub(inp[i]);
                pad[i] = total / 2;
            } else {
                out[i] = if inp[i] >= k[i] { (inp[i] - k[i]) / s[i] + 1 } else { 0 };
            }
        }
        let out_sp = &out[lead..];
        let out_shape: Vec<usize> =
            if args.channels_last { [&[n], out_sp, &[c]].concat() } else { [&[n, c], out_sp].concat() };
        checked_len(op, &out_shape)?;
        let volume: usize = inp.iter().product();
        let (in_n, in_c, in_sp) = if args.channels_last { (volume * c, 1, c) } else { (volume * c, volume, 1) };
        Ok(Geometry { n, c, inp, out, k, s, pad, channels_last: args.channels_last, out_shape, in_n, in_c, in_sp })
    }

    fn window_volume(&self) -> usize {
        self.k.iter().product()
    }

    /// The output dimensions in memory order.
    fn out_dims(&self) -> [usize; 5] {
        let [d, h, w] = self.out;
        if self.channels_last { [self.n, d, h, w, self.c] } else { [self.n, self.c, d, h, w] }
    }

    /// The input dimensions in memory order.
    fn in_dims(&self) -> [usize; 5] {
        let [d, h, w] = self.inp;
        if self.channels_last { [self.n, d, h, w, self.c] } else { [self.n, self.c, d, h, w] }
    }

    /// (batch, channel, spatial) of a memory-order index.
    fn logical(&self, idx: &[usize; 5]) -> (usize, usize, [usize; 3]) {
        if self.channels_last { (idx[0], idx[4], [idx[1], idx[2], idx[3]]) } else { (idx[0], idx[1], [idx[2], idx[3], idx[4]]) }
    }

    /// The input cells that output position `o` along spatial dimension `dim` reads.
    fn window(&self, dim: usize, o: usize) -> Range<usize> {
        let start = (o * self.s[dim]) as isize - self.pad[dim] as isize;
        let end = start + self.k[dim] as isize;
        (start.max(0) as usize)..(end.min(self.inp[dim] as isize).max(0) as usize)
    }

    /// The output positions along `dim` whose windows contain input cell `x`.
    fn covering(&self, dim: usize, x: usize) -> Range<usize> {
        let p = x + self.pad[dim];
        // o·s ≤ p and o·s + k > p.
        let first = if p + 1 > self.k[dim] { (p + 1 - self.k[dim]).div_ceil(self.s[dim]) } else { 0 };
        let last = (p / self.s[dim] + 1).min(self.out[dim]);
        first.min(last)..last
    }

    /// The input gradient: every input cell sums `term(output offset, input offset)` over the
    /// windows that contain it.
    fn gather_back(&self, term: impl Fn(usize, [usize; 3], usize) -> f32 + Sync) -> F32Array {
        let sp = &self.inp[3 - self.spatial()..];
        let in_shape: Vec<usize> =
            if self.channels_last { [&[self.n], sp, &[self.c]].concat() } else { [&[self.n, self.c], sp].concat() };
        let len: usize = in_shape.iter().product();
        let [od, oh, ow] = self.out;
        let (out_n, out_c, out_sp) = if self.channels_last { (od * oh * ow * self.c, 1, self.c) } else { (od * oh * ow * self.c, od * oh * ow, 1) };
        let mut dx = vec![0.0f32; len];
        let covering_volume = self.k.iter().zip(&self.s).map(|(k, s)| k.div_ceil(*s)).product();
        par_fill(&mut dx, covering_volume, |start, cells| {
            let mut it = Cursor::new(&self.in_dims(), start);
            for (j, cell) in cells.iter_mut().enumerate() {
                let (n, c, x) = self.logical(&it.idx);
                let base = n * out_n + c * out_c;
                let mut total = 0.0;
                for d in self.covering(0, x[0]) {
                    for h in self.covering(1, x[1]) {
                        let row = base + (d * oh + h) * ow * out_sp;
                        for w in self.covering(2, x[2]) {
                            total += term(row + w * out_sp, [d, h, w], start + j);
                        }
                    }
                }
                *cell = total;
                it.advance();
            }
        });
        ArrayD::from_shape_vec(IxDyn(&in_shape), dx).expect("one value per element").into_shared()
    }

    fn spatial(&self) -> usize {
        self.out_shape.len() - 2
    }
}

/// A memory-order multi-index that steps through a tensor one element at a time.
struct Cursor {
    dims: [usize; 5],
    idx: [usize; 5],
}

impl Cursor {
    fn new(dims: &[usize; 5], flat: usize) -> Cursor {
        let mut idx = [0; 5];
        let mut rest = flat;
        for i in (0..5).rev() {
            if dims[i] > 0 {
                idx[i] = rest % dims[i];
                rest /= dims[i];
            }
        }
        Cursor { dims: *dims, idx }
    }

    fn advance(&mut self) {
        for i in (0..5).rev() {
            self.idx[i] += 1;
            if self.idx[i] < self.dims[i] {
                return;
            }
            self.idx[i] = 0;
        }
    }
}

/// Elements per task so that each task does about `CHUNK_LEN` window reads.
fn chunk_for(work_per_element: usize) -> usize {
    (CHUNK_LEN / work_per_element.max(1)).max(64)
}

/// Calls `f(first flat index, chunk)` over disjoint chunks of `dst`, in parallel when large.
fn par_fill(dst: &mut [f32], work_per_element: usize, f: impl Fn(usize, &mut [f32]) + Sync) {
    let chunk = chunk_for(work_per_element);
    if runs_inline(dst.len() * work_per_element.max(1)) {
        f(0, dst);
    } else {
        dst.par_chunks_mut(chunk).enumerate().for_each(|(t, c)| f(t * chunk, c));
    }
}

/// `par_fill` over two outputs of the same length, chunked together.
fn par_fill2(a: &mut [f32], b: &mut [u32], work_per_element: usize, f: impl Fn(usize, &mut [f32], &mut [u32]) + Sync) {
    let chunk = chunk_for(work_per_element);
    if runs_inline(a.len() * work_per_element.max(1)) {
        f(0, a, b);
    } else {
        a.par_chunks_mut(chunk).zip(b.par_chunks_mut(chunk)).enumerate().for_each(|(t, (a, b))| f(t * chunk, a, b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t, ti};

    fn args(pool: &[usize], strides: &[usize], same: bool, channels_last: bool) -> PoolArgs {
        PoolArgs { pool_size: pool.to_vec(), strides: strides.to_vec(), same, channels_last }
    }

    /// Distinct values (a shuffled ramp), so that max-pool windows have no ties.
    fn distinct(len: usize, seed: u64) -> Vec<f32> {
        let r = pseudo_random(len, seed);
        let mut order: Vec<usize> = (0..len).collect();
        order.sort_by(|&a, &b| r[a].total_cmp(&r[b]));
        let mut v = vec![0.0; len];
        for (rank, &i) in order.iter().enumerate() {
            v[i] = rank as f32 / len as f32 * 4.0 - 2.0;
        }
        v
    }

    #[test]
    fn two_d_valid_and_same_match_hand_computed_values() {
        let mut tape = Tape::default();
        // One 3×3 image, one channel: 1..9.
        let x = t(&[1, 3, 3, 1], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]);
        let valid = args(&[2, 2], &[1, 1], false, true);
        let y = max_pool(&mut tape, &x, &valid).unwrap();
        assert_eq!(y.shape(), &[1, 2, 2, 1]);
        assert_close(&y, &[5.0, 6.0, 8.0, 9.0], 0.0);
        assert_close(&average_pool(&mut tape, &x, &valid).unwrap(), &[3.0, 4.0, 6.0, 7.0], 1e-6);
        // 'same' with stride 2: out 2×2, padding total 1 → 0 before, 1 after; the border
        // windows average only their real cells.
        let same = args(&[2, 2], &[2, 2], true, true);
        assert_close(&max_pool(&mut tape, &x, &same).unwrap(), &[5.0, 6.0, 8.0, 9.0], 0.0);
        assert_close(&average_pool(&mut tape, &x, &same).unwrap(), &[3.0, 4.5, 7.5, 9.0], 1e-6);
        // 3×3 'same', stride 1: padding 1 on both sides; the corner averages 4 cells.
        let y = average_pool(&mut tape, &x, &args(&[3, 3], &[1, 1], true, true)).unwrap();
        assert_close(&y, &[3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0], 1e-6);
    }

    #[test]
    fn channels_first_equals_channels_last_transposed() {
        let mut tape = Tape::default();
        let (n, c, h, w) = (2, 3, 5, 4);
        let v = pseudo_random(n * c * h * w, 3);
        let first = t(&[n, c, h, w], &v);
        let last_values: Vec<f32> = {
            let a = first.as_f32("test").unwrap().view().permuted_axes(vec![0, 2, 3, 1]);
            a.iter().copied().collect()
        };
        let last = t(&[n, h, w, c], &last_values);
        for same in [false, true] {
            for pool in [max_pool, average_pool] {
                let yf = pool(&mut tape, &first, &args(&[2, 3], &[2, 1], same, false)).unwrap();
                let yl = pool(&mut tape, &last, &args(&[2, 3], &[2, 1], same, true)).unwrap();
                let back: Vec<f32> = yf.as_f32("test").unwrap().view().permuted_axes(vec![0, 2, 3, 1]).iter().copied().collect();
                assert_close(&yl, &back, 1e-6);
            }
        }
    }

    #[test]
    fn channels_last_max_pool_matches_the_general_path_with_ties_and_nan() {
        // Values from a handful of levels (many ties), a few NaN; 1, 2 and 3 spatial axes, both
        // paddings, strides, one channel, and a size large enough to run in parallel.
        let cases: [(&[usize], &[usize], &[usize], bool); 6] = [
            (&[1, 7, 1], &[3], &[2], true),
            (&[2, 5, 6, 3], &[2, 2], &[2, 2], false),
            (&[2, 5, 6, 3], &[3, 2], &[1, 2], true),
            (&[1, 3, 4, 5, 2], &[2, 2, 2], &[1, 2, 1], true),
            (&[1, 1, 1, 4], &[1, 1], &[1, 1], false),
            (&[16, 26, 26, 32], &[2, 2], &[2, 2], false),
        ];
        for (shape, pool, strides, same) in cases {
            let len: usize = shape.iter().product();
            let values: Vec<f32> =
                pseudo_random(len, 11).iter().enumerate().map(|(i, v)| if i % 97 == 5 { f32::NAN } else { (v * 3.0).round() }).collect();
            let geo = Geometry::new("max_pool", shape, &args(pool, strides, same, true)).unwrap();
            let out_len: usize = geo.out_shape.iter().product();
            let (mut fast, mut fast_at) = (vec![0.0; out_len], vec![0; out_len]);
            let (mut general, mut general_at) = (vec![0.0; out_len], vec![0; out_len]);
            let mut values_only = vec![0.0; out_len];
            max_pool_channels_last(&geo, &values, &mut fast, Some(&mut fast_at));
            max_pool_channels_last(&geo, &values, &mut values_only, None);
            max_pool_any(&geo, &values, &mut general, &mut general_at);
            assert_eq!(fast_at, general_at, "{shape:?}");
            let bits = |v: &[f32]| v.iter().map(|x| if x.is_nan() { u32::MAX } else { x.to_bits() }).collect::<Vec<_>>();
            assert_eq!(bits(&fast), bits(&general), "{shape:?}");
            assert_eq!(bits(&values_only), bits(&general), "{shape:?}");
        }
    }

    #[test]
    fn one_and_three_d_shapes() {
        let mut tape = Tape::default();
        let x = t(&[1, 5, 1], &[1.0, 3.0, 2.0, 5.0, 4.0]);
        let y = max_pool(&mut tape, &x, &args(&[2], &[2], true, true)).unwrap();
        assert_eq!(y.shape(), &[1, 3, 1]);
        assert_close(&y, &[3.0, 5.0, 4.0], 0.0);
        assert_close(&average_pool(&mut tape, &x, &args(&[2], &[2], true, true)).unwrap(), &[2.0, 3.5, 4.0], 1e-6);
        let x3 = t(&[2, 4, 4, 4, 3], &pseudo_random(2 * 64 * 3, 5));
        assert_eq!(max_pool(&mut tape, &x3, &args(&[2, 2, 2], &[2, 2, 2], false, true)).unwrap().shape(), &[2, 2, 2, 2, 3]);
        assert_eq!(average_pool(&mut tape, &x3, &args(&[3, 3, 3], &[2, 2, 2], true, false)).unwrap().shape(), &[2, 4, 2, 2, 2]);
        // A window larger than the input gives an empty 'valid' output.
        assert_eq!(max_pool(&mut tape, &x, &args(&[6], &[1], false, true)).unwrap().shape(), &[1, 0, 1]);
    }

    #[test]
    fn large_inputs_run_in_parallel_and_agree_with_the_serial_path() {
        let mut tape = Tape::default();
        let x = t(&[4, 32, 32, 16], &pseudo_random(4 * 32 * 32 * 16, 8));
        let a = args(&[3, 3], &[2, 2], true, true);
        let y = max_pool(&mut tape, &x, &a).unwrap().to_f32_vec();
        let v = x.to_f32_vec();
        // Spot-check against a direct computation.
        for &(b, i, j, ch) in &[(0, 0, 0, 0), (3, 15, 15, 15), (2, 7, 9, 4)] {
            let mut best = f32::NEG_INFINITY;
            for di in 0..3 {
                for dj in 0..3 {
                    let (r, c) = ((2 * i + di) as isize - 0, (2 * j + dj) as isize - 0);
                    if r < 32 && c < 32 {
                        best = best.max(v[((b * 32 + r as usize) * 32 + c as usize) * 16 + ch]);
                    }
                }
            }
            assert_eq!(y[((b * 16 + i) * 16 + j) * 16 + ch], best);
        }
    }

    #[test]
    fn gradients_agree_with_finite_differences() {
        for (shape, pool, strides, same, last) in [
            (vec![2, 5, 3], vec![2], vec![2], true, true),
            (vec![1, 2, 7], vec![3], vec![2], false, false),
            (vec![2, 5, 4, 2], vec![2, 2], vec![2, 2], true, true),
            (vec![1, 2, 5, 5], vec![3, 2], vec![1, 2], false, false),
            (vec![1, 5, 5, 1], vec![3, 3], vec![2, 1], true, true),
            (vec![1, 3, 4, 3, 2], vec![2, 2, 2], vec![1, 2, 2], true, true),
        ] {
            let len = shape.iter().product();
            let x = t(&shape, &distinct(len, 4));
            let a = args(&pool, &strides, same, last);
            gradcheck(|tape, x| max_pool(tape, &x[0], &a), &[x.clone()]);
            gradcheck(|tape, x| average_pool(tape, &x[0], &a), &[x.clone()]);
        }
    }

    #[test]
    fn max_gradient_goes_to_the_first_maximum() {
        let mut tape = Tape::default();
        tape.start();
        let x = t(&[1, 4, 1], &[1.0, 1.0, 2.0, 2.0]);
        let y = max_pool(&mut tape, &x, &args(&[2], &[2], false, true)).unwrap();
        let g = tape.gradients(&y, Some(ndarray::ArrayD::ones(IxDyn(&[1, 2, 1])).into_shared()), &[x.id]).unwrap();
        assert_eq!(g[0].as_ref().unwrap().iter().copied().collect::<Vec<_>>(), vec![1.0, 0.0, 1.0, 0.0]);
    }

    #[test]
    fn errors_name_the_op_and_shapes() {
        let mut tape = Tape::default();
        let x = t(&[1, 4, 4, 1], &[0.0; 16]);
        let e = max_pool(&mut tape, &x, &args(&[2], &[2], false, true)).unwrap_err().to_string();
        assert_eq!(e, "max_pool: expected an input of rank 3 for a 1-D pooling, received shape (1, 4, 4, 1)");
        let e = average_pool(&mut tape, &x, &args(&[2, 0], &[2, 2], false, true)).unwrap_err().to_string();
        assert_eq!(e, "average_pool: pool size and strides must be positive, received pool size [2, 0] and strides [2, 2]");
        let e = max_pool(&mut tape, &x, &args(&[2, 2], &[2], false, true)).unwrap_err().to_string();
        assert!(e.contains("expected 2 strides"), "{e}");
        let e = max_pool(&mut tape, &x, &args(&[2, 2, 2, 2], &[1, 1, 1, 1], false, true)).unwrap_err().to_string();
        assert!(e.contains("1, 2 or 3 spatial dimensions"), "{e}");
        assert_eq!(max_pool(&mut tape, &ti(&[1, 2, 1], &[1, 2]), &args(&[1], &[1], false, true)).unwrap_err().to_string(), "max_pool: expected a float32 tensor, received int32");
    }
}
