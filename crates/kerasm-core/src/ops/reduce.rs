//! Reductions over axes (`sum`, `mean`, `max`, `min`) and the arg-extrema (`argmax`, `argmin`).
//! The reduced axes are moved last, so every output element reads one contiguous lane of the
//! input; large reductions split over disjoint output lanes with rayon (or, when there are too
//! few lanes to share out, over chunks of each lane, combined afterwards).
use std::borrow::Cow;

use ndarray::{ArrayD, ArrayViewD, IxDyn, Zip};
use rayon::prelude::*;

use crate::error::{fail, shape_str, Result};
use crate::tape::{F32Array, Tape};
use crate::tensor::{Data, Tensor};
use crate::parallel::{runs_inline, CHUNK_LEN};

/// Resolves a possibly negative `axis` of a tensor of `shape`, or an error naming the rank.
pub fn normalize_axis(op: &'static str, axis: isize, shape: &[usize]) -> Result<usize> {
    let rank = shape.len() as isize;
    if axis < -rank || axis >= rank {
        let expected = if rank == 0 { "a scalar has no axes".to_string() } else { format!("expected an axis in [{}, {}]", -rank, rank - 1) };
        return fail(op, format!("axis {axis} is out of bounds for a tensor of rank {rank} (shape {}): {expected}", shape_str(shape)));
    }
    Ok(axis.rem_euclid(rank.max(1)) as usize)
}

/// The reduced axes, resolved and sorted: every axis for `None`, none for an empty list.
pub fn normalize_axes(op: &'static str, axes: Option<&[isize]>, shape: &[usize]) -> Result<Vec<usize>> {
    let Some(axes) = axes else { return Ok((0..shape.len()).collect()) };
    let mut out = Vec::with_capacity(axes.len());
    for &axis in axes {
        let resolved = normalize_axis(op, axis, shape)?;
        if out.contains(&resolved) {
            return fail(op, format!("axis {axis} is repeated in {axes:?} (shape {})", shape_str(shape)));
        }
        out.push(resolved);
    }
    out.sort_unstable();
    Ok(out)
}

/// The output shape: the reduced axes dropped, or kept with size 1.
fn reduced_shape(shape: &[usize], axes: &[usize], keepdims: bool) -> Vec<usize> {
    (0..shape.len()).filter_map(|i| if !axes.contains(&i) { Some(shape[i]) } else if keepdims { Some(1) } else { None }).collect()
}

/// What the reductions need of an element type.
trait Element: Copy + Send + Sync + PartialOrd + 'static {
    const ZERO: Self;
    fn add(self, other: Self) -> Self;
    fn is_nan(self) -> bool;
}

impl Element for f32 {
    const ZERO: f32 = 0.0;
    fn add(self, other: f32) -> f32 {
        self + other
    }
    fn is_nan(self) -> bool {
        f32::is_nan(self)
    }
}

impl Element for i32 {
    const ZERO: i32 = 0;
    // int32 sums wrap on overflow, as TensorFlow's do.
    fn add(self, other: i32) -> i32 {
        self.wrapping_add(other)
    }
    fn is_nan(self) -> bool {
        false
    }
}

/// An associative reduction: how to reduce one lane, and how to combine two partial results.
struct Fold<T> {
    lane: fn(&[T]) -> T,
    combine: fn(T, T) -> T,
}

/// Pairwise summation above this length: rounding error grows with log(n), not n.
const PAIRWISE_BLOCK: usize = 256;

fn sum_lane<T: Element>(v: &[T]) -> T {
    if v.len() > PAIRWISE_BLOCK {
        let (a, b) = v.split_at(v.len() / 2);
        return sum_lane(a).add(sum_lane(b));
    }
    // Eight independent accumulators, so that the loop vectorises.
    let mut acc = [T::ZERO; 8];
    let chunks = v.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for i in 0..8 {
            acc[i] = acc[i].add(c[i]);
        }
    }
    let head = acc.iter().fold(T::ZERO, |s, &a| s.add(a));
    rest.iter().fold(head, |s, &a| s.add(a))
}

/// NaN wins, as in NumPy and TensorFlow: once the running extremum is NaN it stays NaN.
fn max2<T: Element>(m: T, x: T) -> T {
    if x.is_nan() || x > m {
        x
    } else {
        m
    }
}

fn min2<T: Element>(m: T, x: T) -> T {
    if x.is_nan() || x < m {
        x
    } else {
        m
    }
}

fn max_lane<T: Element>(v: &[T]) -> T {
    v.split_first().map_or(T::ZERO, |(&first, rest)| rest.iter().fold(first, |m, &x| max2(m, x)))
}

fn min_lane<T: Element>(v: &[T]) -> T {
    v.split_first().map_or(T::ZERO, |(&first, rest)| rest.iter().fold(first, |m, &x| min2(m, x)))
}

fn sum_fold<T: Element>() -> Fold<T> {
    Fold { lane: sum_lane::<T>, combine: |a, b| a.add(b) }
}

fn max_fold<T: Element>() -> Fold<T> {
    Fold { lane: max_lane::<T>, combine: max2::<T> }
}

fn min_fold<T: Element>() -> Fold<T> {
    Fold { lane: min_lane::<T>, combine: min2::<T> }
}

/// `x` with the `axes` moved last, as one standard-layout buffer in which lane `i` (of length
/// `lane`) is what output element `i` reduces. Borrowed when the axes already trail.
fn lanes<'a, T: Copy>(x: &ArrayViewD<'a, T>, axes: &[usize]) -> (Cow<'a, [T]>, usize) {
    let kept = (0..x.ndim()).filter(|i| !axes.contains(i));
    let order: Vec<usize> = kept.chain(axes.iter().copied()).collect();
    let lane = axes.iter().map(|&a| x.shape()[a]).product();
    let moved = x.clone().permuted_axes(IxDyn(&order));
    match moved.to_slice() {
        Some(data) => (Cow::Borrowed(data), lane),
        None => (Cow::Owned(moved.iter().copied().collect()), lane),
    }
}

/// `out[i] = f(lane i)`, with rayon over disjoint chunks of `out` when the input is large.
fn map_lanes<T: Sync, U: Send>(data: &[T], lane: usize, out: &mut [U], f: impl Fn(&[T]) -> U + Sync) {
    if lane == 0 {
        out.iter_mut().for_each(|o| *o = f(&[]));
    } else if runs_inline(data.len()) {
        out.iter_mut().zip(data.chunks_exact(lane)).for_each(|(o, l)| *o = f(l));
    } else {
        let per_task = (CHUNK_LEN / lane).max(1);
        out.par_chunks_mut(per_task)
            .zip(data.par_chunks(per_task * lane))
            .for_each(|(o, d)| o.iter_mut().zip(d.chunks_exact(lane)).for_each(|(o, l)| *o = f(l)));
    }
}

/// Reduces `x` over `axes` (resolved) with `fold`.
fn reduce<T: Element>(x: ArrayViewD<T>, axes: &[usize], keepdims: bool, fold: Fold<T>) -> ArrayD<T> {
    let shape = reduced_shape(x.shape(), axes, keepdims);
    let (data, lane) = lanes(&x, axes);
    let mut out = vec![T::ZERO; shape.iter().product()];
    if !runs_inline(lane) && out.len() < rayon::current_num_threads() {
        // Too few lanes to keep every thread busy: split each long lane instead.
        for (o, l) in out.iter_mut().zip(data.chunks_exact(lane)) {
            *o = l.par_chunks(CHUNK_LEN).map(fold.lane).reduce_with(fold.combine).unwrap_or(T::ZERO);
        }
    } else {
        map_lanes(&data, lane, &mut out, fold.lane);
    }
    ArrayD::from_shape_vec(IxDyn(&shape), out).expect("the output holds one element per lane")
}

fn check_nonempty(op: &'static str, shape: &[usize], axes: &[usize]) -> Result<()> {
    let lane: usize = axes.iter().map(|&a| shape[a]).product();
    let outputs: usize = reduced_shape(shape, axes, false).iter().product();
    if lane == 0 && outputs > 0 {
        return fail(op, format!("cannot reduce over an empty axis of a tensor of shape {} (there is no identity)", shape_str(shape)));
    }
    Ok(())
}

/// `g` (of the output's shape) reshaped to `keep` and broadcast back to `shape`, times `scale`.
fn broadcast_back(op: &'static str, g: &F32Array, keep: &[usize], shape: &[usize], scale: f32) -> Result<F32Array> {
    let Ok(gk) = g.to_shape(IxDyn(keep)) else { return fail(op, format!("gradient of shape {} does not fit {}", shape_str(g.shape()), shape_str(keep))) };
    let Some(gb) = gk.broadcast(IxDyn(shape)) else { return fail(op, format!("gradient of shape {} cannot broadcast to {}", shape_str(keep), shape_str(shape))) };
    Ok(gb.mapv(|v| v * scale).into_shared())
}

/// Sum over `axes` (None: all). Both dtypes; int32 sums wrap on overflow.
pub fn sum(tape: &mut Tape, x: &Tensor, axes: Option<&[isize]>, keepdims: bool) -> Result<Tensor> {
    let axes = normalize_axes("sum", axes, x.shape())?;
    let out = match &x.data {
        Data::F32(a) => Tensor::f32(reduce(a.view(), &axes, keepdims, sum_fold())),
        Data::I32(a) => Tensor::i32(reduce(a.view(), &axes, keepdims, sum_fold())),
    };
    let (shape, keep) = (x.shape().to_vec(), reduced_shape(x.shape(), &axes, true));
    tape.record(&[x], &out, move |g| Ok(vec![Some(broadcast_back("sum", g, &keep, &shape, 1.0)?)]));
    Ok(out)
}

/// Mean over `axes` (None: all). Always float32 (int32 inputs are converted first, as in Keras);
/// an empty axis gives NaN, as in NumPy.
pub fn mean(tape: &mut Tape, x: &Tensor, axes: Option<&[isize]>, keepdims: bool) -> Result<Tensor> {
    let axes = normalize_axes("mean", axes, x.shape())?;
    let count: usize = axes.iter().map(|&a| x.shape()[a]).product();
    let scale = 1.0 / count as f32;
    let sums = match &x.data {
        Data::F32(a) => reduce(a.view(), &axes, keepdims, sum_fold()),
        Data::I32(a) => reduce(a.mapv(|v| v as f32).view(), &axes, keepdims, sum_fold()),
    };
    let out = Tensor::f32(sums.mapv(|s| s * scale));
    let (shape, keep) = (x.shape().to_vec(), reduced_shape(x.shape(), &axes, true));
    tape.record(&[x], &out, move |g| Ok(vec![Some(broadcast_back("mean", g, &keep, &shape, scale)?)]));
    Ok(out)
}

/// Maximum over `axes` (None: all). The gradient is split evenly among tied maxima, as in
/// TensorFlow's `reduce_max`.
pub fn max(tape: &mut Tape, x: &Tensor, axes: Option<&[isize]>, keepdims: bool) -> Result<Tensor> {
    extremum(tape, "max", x, axes, keepdims, max_fold(), max_fold())
}

/// Minimum over `axes` (None: all). The gradient is split evenly among tied minima.
pub fn min(tape: &mut Tape, x: &Tensor, axes: Option<&[isize]>, keepdims: bool) -> Result<Tensor> {
    extremum(tape, "min", x, axes, keepdims, min_fold(), min_fold())
}

fn extremum(
    tape: &mut Tape,
    op: &'static str,
    x: &Tensor,
    axes: Option<&[isize]>,
    keepdims: bool,
    f32_fold: Fold<f32>,
    i32_fold: Fold<i32>,
) -> Result<Tensor> {
    let axes = normalize_axes(op, axes, x.shape())?;
    check_nonempty(op, x.shape(), &axes)?;
    let xa = match &x.data {
        Data::F32(a) => a.clone(),
        Data::I32(a) => return Ok(Tensor::i32(reduce(a.view(), &axes, keepdims, i32_fold))),
    };
    let out = Tensor::f32(reduce(xa.view(), &axes, keepdims, f32_fold));
    let y = out.as_f32(op)?.clone();
    let keep = reduced_shape(x.shape(), &axes, true);
    tape.record(&[x], &out, move |g| {
        let shape = xa.shape();
        // mask = 1 where x attains the extremum; each lane's gradient is shared among its ties.
        let yb = broadcast_back(op, &y, &keep, shape, 1.0)?;
        let mut mask = ArrayD::<f32>::zeros(IxDyn(shape));
        let len = mask.len();
        crate::zip_for_each!(Zip::from(&mut mask).and(&xa).and(&yb), len, |m, &x, &y| *m = if x == y || (x.is_nan() && y.is_nan()) { 1.0 } else { 0.0 });
        let ties = reduce(mask.view(), &axes, true, sum_fold());
        let Ok(gk) = g.to_shape(IxDyn(&keep)) else { return fail(op, "gradient does not have the output's shape") };
        let share = &gk / &ties;
        let Some(share) = share.broadcast(IxDyn(shape)) else { return fail(op, "gradient does not have the output's shape") };
        crate::zip_for_each!(Zip::from(&mut mask).and(&share), len, |m, &s| *m *= s);
        Ok(vec![Some(mask.into_shared())])
    });
    Ok(out)
}

/// Index of the first maximum along `axis` (None: over the flattened tensor), as int32.
/// Not differentiable; NaN counts as the maximum, as in NumPy.
pub fn argmax(x: &Tensor, axis: Option<isize>, keepdims: bool) -> Result<Tensor> {
    arg_extremum("argmax", x, axis, keepdims, beats_max::<f32>, beats_max::<i32>)
}

/// Index of the first minimum along `axis` (None: over the flattened tensor), as int32.
pub fn argmin(x: &Tensor, axis: Option<isize>, keepdims: bool) -> Result<Tensor> {
    arg_extremum("argmin", x, axis, keepdims, beats_min::<f32>, beats_min::<i32>)
}

/// Whether `x` replaces `best`: strictly greater, or the first NaN (which nothing replaces).
fn beats_max<T: Element>(best: T, x: T) -> bool {
    !best.is_nan() && (x.is_nan() || x > best)
}

fn beats_min<T: Element>(best: T, x: T) -> bool {
    !best.is_nan() && (x.is_nan() || x < best)
}

fn arg_extremum(
    op: &'static str,
    x: &Tensor,
    axis: Option<isize>,
    keepdims: bool,
    f32_beats: fn(f32, f32) -> bool,
    i32_beats: fn(i32, i32) -> bool,
) -> Result<Tensor> {
    let axes = match axis {
        Some(axis) => vec![normalize_axis(op, axis, x.shape())?],
        None => (0..x.rank()).collect(),
    };
    check_nonempty(op, x.shape(), &axes)?;
    let shape = reduced_shape(x.shape(), &axes, keepdims);
    let mut out = vec![0i32; shape.iter().product()];
    match &x.data {
        Data::F32(a) => arg_lanes(a.view(), &axes, &mut out, f32_beats),
        Data::I32(a) => arg_lanes(a.view(), &axes, &mut out, i32_beats),
    }
    Ok(Tensor::i32(ArrayD::from_shape_vec(IxDyn(&shape), out).expect("one index per lane")))
}

fn arg_lanes<T: Element>(x: ArrayViewD<T>, axes: &[usize], out: &mut [i32], beats: fn(T, T) -> bool) {
    let (data, lane) = lanes(&x, axes);
    map_lanes(&data, lane, out, |l| (1..l.len()).fold(0, |best, i| if beats(l[best], l[i]) { i } else { best }) as i32);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t, ti};
    use crate::tensor::DType;

    fn x23() -> Tensor {
        t(&[2, 3], &[1.0, 5.0, 3.0, 4.0, 2.0, 6.0])
    }

    #[test]
    fn sums_and_means_over_any_axes() {
        let mut tape = Tape::default();
        let x = x23();
        let s = sum(&mut tape, &x, None, false).unwrap();
        assert_eq!(s.shape(), &[] as &[usize]);
        assert_close(&s, &[21.0], 0.0);
        assert_close(&sum(&mut tape, &x, Some(&[0]), false).unwrap(), &[5.0, 7.0, 9.0], 0.0);
        let rows = sum(&mut tape, &x, Some(&[-1]), true).unwrap();
        assert_eq!(rows.shape(), &[2, 1]);
        assert_close(&rows, &[9.0, 12.0], 0.0);
        assert_close(&sum(&mut tape, &x, Some(&[]), false).unwrap(), &[1.0, 5.0, 3.0, 4.0, 2.0, 6.0], 0.0);
        assert_close(&mean(&mut tape, &x, Some(&[0]), false).unwrap(), &[2.5, 3.5, 4.5], 1e-7);
        assert_close(&mean(&mut tape, &x, None, true).unwrap(), &[3.5], 1e-7);
        // Non-trailing axes: x[i, j, k] = 6i + 2j + k, summed over i and k.
        let x3 = t(&[2, 3, 2], &(0..12).map(|v| v as f32).collect::<Vec<_>>());
        let s = sum(&mut tape, &x3, Some(&[2, 0]), false).unwrap();
        assert_eq!(s.shape(), &[3]);
        assert_close(&s, &[14.0, 22.0, 30.0], 0.0);
        assert_eq!(sum(&mut tape, &x3, Some(&[0, 2]), true).unwrap().shape(), &[1, 3, 1]);
    }

    #[test]
    fn extrema_and_their_indices() {
        let mut tape = Tape::default();
        let x = x23();
        assert_close(&max(&mut tape, &x, Some(&[1]), false).unwrap(), &[5.0, 6.0], 0.0);
        assert_close(&min(&mut tape, &x, Some(&[0]), false).unwrap(), &[1.0, 2.0, 3.0], 0.0);
        assert_close(&max(&mut tape, &x, None, false).unwrap(), &[6.0], 0.0);
        let am = argmax(&x, Some(-1), false).unwrap();
        assert_eq!(am.dtype(), DType::I32);
        assert_close(&am, &[1.0, 2.0], 0.0);
        assert_close(&argmin(&x, Some(0), false).unwrap(), &[0.0, 1.0, 0.0], 0.0);
        assert_close(&argmax(&x, None, false).unwrap(), &[5.0], 0.0);
        assert_eq!(argmax(&x, Some(0), true).unwrap().shape(), &[1, 3]);
        // Ties pick the first index; NaN wins both the extremum and its index.
        assert_close(&argmax(&t(&[4], &[2.0, 7.0, 7.0, 1.0]), Some(0), false).unwrap(), &[1.0], 0.0);
        let nan = t(&[3], &[1.0, f32::NAN, 3.0]);
        assert!(max(&mut tape, &nan, None, false).unwrap().to_f32_vec()[0].is_nan());
        assert!(min(&mut tape, &nan, None, false).unwrap().to_f32_vec()[0].is_nan());
        assert_close(&argmax(&nan, Some(0), false).unwrap(), &[1.0], 0.0);
        assert_close(&argmin(&nan, Some(0), false).unwrap(), &[1.0], 0.0);
    }

    #[test]
    fn int32_inputs() {
        let mut tape = Tape::default();
        let x = ti(&[2, 2], &[1, -2, 3, 4]);
        let s = sum(&mut tape, &x, Some(&[0]), false).unwrap();
        assert_eq!(s.dtype(), DType::I32);
        assert_close(&s, &[4.0, 2.0], 0.0);
        let m = mean(&mut tape, &x, None, false).unwrap();
        assert_eq!(m.dtype(), DType::F32);
        assert_close(&m, &[1.5], 0.0);
        assert_close(&max(&mut tape, &x, Some(&[1]), false).unwrap(), &[1.0, 4.0], 0.0);
        assert_close(&min(&mut tape, &x, None, false).unwrap(), &[-2.0], 0.0);
        assert_close(&argmin(&x, Some(1), false).unwrap(), &[1.0, 0.0], 0.0);
    }

    #[test]
    fn bad_axes_name_the_rank() {
        let mut tape = Tape::default();
        let x = x23();
        let err = sum(&mut tape, &x, Some(&[2]), false).unwrap_err();
        assert_eq!(err.to_string(), "sum: axis 2 is out of bounds for a tensor of rank 2 (shape (2, 3)): expected an axis in [-2, 1]");
        let err = mean(&mut tape, &x, Some(&[-3]), false).unwrap_err();
        assert!(err.to_string().starts_with("mean: axis -3 is out of bounds for a tensor of rank 2"), "{err}");
        let err = max(&mut tape, &x, Some(&[1, -1]), false).unwrap_err();
        assert_eq!(err.to_string(), "max: axis -1 is repeated in [1, -1] (shape (2, 3))");
        let err = argmax(&Tensor::scalar(1.0), Some(0), false).unwrap_err();
        assert_eq!(err.to_string(), "argmax: axis 0 is out of bounds for a tensor of rank 0 (shape ()): a scalar has no axes");
        let empty = t(&[0, 3], &[]);
        let err = max(&mut tape, &empty, Some(&[0]), false).unwrap_err();
        assert_eq!(err.to_string(), "max: cannot reduce over an empty axis of a tensor of shape (0, 3) (there is no identity)");
        assert!(argmin(&empty, None, false).is_err());
        // Reducing the non-empty axis of an empty tensor is fine: there are no lanes.
        assert_eq!(max(&mut tape, &empty, Some(&[1]), false).unwrap().shape(), &[0]);
        assert_close(&sum(&mut tape, &empty, Some(&[0]), false).unwrap(), &[0.0, 0.0, 0.0], 0.0);
        assert!(mean(&mut tape, &empty, None, false).unwrap().to_f32_vec()[0].is_nan());
    }

    /// Reference: f64 loops over `x` viewed as [outer, lane, inner] (the lane is the middle axis).
    fn reference_sum(x: &[f32], outer: usize, lane: usize, inner: usize) -> Vec<f32> {
        let mut out = vec![0.0f64; outer * inner];
        for o in 0..outer {
            for l in 0..lane {
                for i in 0..inner {
                    out[o * inner + i] += x[(o * lane + l) * inner + i] as f64;
                }
            }
        }
        out.into_iter().map(|v| v as f32).collect()
    }

    #[test]
    fn large_reductions_take_every_parallel_path() {
        let mut tape = Tape::default();
        // Many short lanes; a few long lanes (split within the lane); a leading axis (copied).
        for (shape, axis) in [([40_000, 3], 1), ([2, 40_000], 1), ([300, 200], 0), ([1, 70_000], 1)] {
            let values = pseudo_random(shape[0] * shape[1], 3);
            let x = t(&shape, &values);
            let want = if axis == 1 { reference_sum(&values, shape[0], shape[1], 1) } else { reference_sum(&values, 1, shape[0], shape[1]) };
            assert_close(&sum(&mut tape, &x, Some(&[axis]), false).unwrap(), &want, 1e-4);
            let maxima = max(&mut tape, &x, Some(&[axis]), false).unwrap().to_f32_vec();
            let lanes = if axis == 1 { shape[0] } else { shape[1] };
            for lane in 0..lanes {
                let best = (0..shape[axis as usize])
                    .map(|k| if axis == 1 { values[lane * shape[1] + k] } else { values[k * shape[1] + lane] })
                    .fold(f32::NEG_INFINITY, f32::max);
                assert_eq!(maxima[lane], best, "lane {lane} of {shape:?}");
            }
        }
    }

    #[test]
    fn gradients() {
        let x = t(&[2, 3, 2], &pseudo_random(12, 5));
        for axes in [None, Some(&[0isize][..]), Some(&[-1, 0][..]), Some(&[1][..])] {
            for keepdims in [false, true] {
                gradcheck(|tape, x| sum(tape, &x[0], axes, keepdims), &[x.clone()]);
                gradcheck(|tape, x| mean(tape, &x[0], axes, keepdims), &[x.clone()]);
            }
        }
        // Distinct values, gaps wider than the finite-difference step.
        let spread = t(&[2, 3, 2], &[0.3, -1.2, 2.5, 0.9, -0.4, 1.7, 3.1, -2.2, 0.1, 1.3, -0.8, 2.0]);
        for axes in [None, Some(&[1isize][..]), Some(&[0, 2][..])] {
            gradcheck(|tape, x| max(tape, &x[0], axes, true), &[spread.clone()]);
            gradcheck(|tape, x| min(tape, &x[0], axes, false), &[spread.clone()]);
        }
    }

    #[test]
    fn tied_extrema_share_the_gradient() {
        let mut tape = Tape::default();
        tape.start();
        let x = t(&[2, 3], &[1.0, 3.0, 3.0, 2.0, 2.0, 2.0]);
        let y = max(&mut tape, &x, Some(&[1]), false).unwrap();
        let seed = ArrayD::from_shape_vec(IxDyn(&[2]), vec![1.0, 6.0]).unwrap().into_shared();
        let g = tape.gradients(&y, Some(seed), &[x.id]).unwrap()[0].clone().unwrap();
        assert_eq!(g.iter().copied().collect::<Vec<_>>(), vec![0.0, 0.5, 0.5, 2.0, 2.0, 2.0]);
    }
}
