//! `depthwise_conv`, as `keras.ops.depthwise_conv`: every input channel convolved with its own
//! `depth_multiplier` filters. The kernel is `(k…, channels, depth_multiplier)`; output channel
//! `c · depth_multiplier + m` is channel `c` with filter `m`, as Keras. In memory that kernel is
//! the grouped-conv kernel `(k…, 1, channels · depth_multiplier)`, so the shapes are checked by
//! [`Geometry`] with one group per channel.
//!
//! The grouped im2col + GEMM path does one tiny GEMM per channel, so these are direct kernels
//! instead: the forward pass and the input gradient are gathers over disjoint output (or input)
//! rows, run over rayon; the filter gradient sums one partial per worker. The innermost loop runs
//! over the channels, which are contiguous in channels-last layout.
use ndarray::{ArrayD, IxDyn};
use rayon::prelude::*;

use super::geometry::Geometry;
use super::ConvArgs;
use crate::error::{fail, shape_str, Result};
use crate::tape::Tape;
use crate::tensor::Tensor;

/// The depthwise convolution of `inputs` with `kernel`; records the backward to both on the tape.
pub fn depthwise_conv(tape: &mut Tape, inputs: &Tensor, kernel: &Tensor, args: &ConvArgs) -> Result<Tensor> {
    let (x, w) = (inputs.as_f32("depthwise_conv")?.clone(), kernel.as_f32("depthwise_conv")?.clone());
    let (in_shape, k_shape) = (x.shape().to_vec(), w.shape().to_vec());
    let shapes = || format!("inputs of shape {} and kernel of shape {}", shape_str(&in_shape), shape_str(&k_shape));
    let rank = in_shape.len();
    if !(3..=5).contains(&rank) || k_shape.len() != rank {
        return fail("depthwise_conv", format!("inputs must have rank 3, 4 or 5 and the kernel the same rank, received {}", shapes()));
    }
    let channels = if args.channels_first { in_shape[1] } else { in_shape[rank - 1] };
    if k_shape[rank - 2] != channels {
        return fail("depthwise_conv", format!("the kernel's input channels ({}) must equal the inputs' channels ({channels}), received {}", k_shape[rank - 2], shapes()));
    }
    let grouped: Vec<usize> = [&k_shape[..rank - 2], &[1, k_shape[rank - 2] * k_shape[rank - 1]][..]].concat();
    let geo = Geometry::new(&in_shape, &grouped, args)?;
    let x_data = x.as_slice().expect("tensors are kept in standard layout");
    let w_data = w.as_slice().expect("tensors are kept in standard layout");
    let y = geo.in_caller_format(forward(&geo, &geo.to_channels_last(x_data), w_data), &geo.out_shape);
    let out = Tensor::f32(ArrayD::from_shape_vec(IxDyn(&geo.out_shape), y).expect("the geometry sizes the output"));
    tape.record(&[inputs, kernel], &out, move |g| {
        if g.shape() != geo.out_shape.as_slice() {
            return fail("depthwise_conv", format!("gradient of shape {} differs from the output shape {}", shape_str(g.shape()), shape_str(&geo.out_shape)));
        }
        let g = g.as_standard_layout();
        let g_last = geo.to_channels_last_out(g.as_slice().expect("standard layout"));
        let w_data = w.as_slice().expect("tensors are kept in standard layout");
        let x_last = geo.to_channels_last(x.as_slice().expect("tensors are kept in standard layout"));
        let dx = geo.in_caller_format(backward_input(&geo, &g_last, w_data), &geo.in_shape);
        let dw = backward_filter(&geo, &x_last, &g_last);
        let dx = ArrayD::from_shape_vec(IxDyn(&geo.in_shape), dx).expect("the geometry sizes dx");
        let dw = ArrayD::from_shape_vec(IxDyn(&k_shape), dw).expect("the geometry sizes dw");
        Ok(vec![Some(dx.into_shared()), Some(dw.into_shared())])
    });
    Ok(out)
}

/// Rows (one per batch item and leading output position) per rayon task.
fn min_rows(row_len: usize) -> usize {
    (4096 / row_len.max(1)).max(1)
}

/// `acc[c·dm + m] += x[c] · w[c·dm + m]` for every channel `c` and multiplier `m`.
#[inline]
fn multiply_add(acc: &mut [f32], x: &[f32], w: &[f32], dm: usize) {
    if dm == 1 {
        acc.iter_mut().zip(x).zip(w).for_each(|((a, x), w)| *a += x * w);
    } else {
        for ((a, w), x) in acc.chunks_exact_mut(dm).zip(w.chunks_exact(dm)).zip(x) {
            a.iter_mut().zip(w).for_each(|(a, w)| *a += x * w);
        }
    }
}

/// The input position read by output `o` on axis `i` through tap `k`, if inside the input.
#[inline]
fn input_at(geo: &Geometry, i: usize, o: usize, k: usize) -> Option<usize> {
    let p = (o * geo.strides[i] + k * geo.dilation[i]).checked_sub(geo.pad[i])?;
    (p < geo.input[i]).then_some(p)
}

/// The output position whose tap `k` reads input `p` on axis `i`, if there is one.
#[inline]
fn output_at(geo: &Geometry, i: usize, p: usize, k: usize) -> Option<usize> {
    let num = (p + geo.pad[i]).checked_sub(k * geo.dilation[i])?;
    (num % geo.strides[i] == 0 && num / geo.strides[i] < geo.output[i]).then_some(num / geo.strides[i])
}

/// The output, `(batch, out spatial…, channels · dm)`.
fn forward(geo: &Geometry, x: &[f32], w: &[f32]) -> Vec<f32> {
    let (c, cout) = (geo.in_channels, geo.out_channels);
    let dm = geo.group_out();
    let [o0, o1, o2] = geo.output;
    let [i0, i1, i2] = geo.input;
    let mut out = vec![0.0; geo.batch * geo.out_volume() * cout];
    let row_len = o2 * cout;
    if out.is_empty() {
        return out;
    }
    out.par_chunks_mut(row_len).with_min_len(min_rows(row_len)).enumerate().for_each(|(r, row)| {
        let (n, d, h) = (r / (o0 * o1), (r / o1) % o0, r % o1);
        let sample = &x[n * i0 * i1 * i2 * c..];
        for kd in 0..geo.kernel[0] {
            let Some(id) = input_at(geo, 0, d, kd) else { continue };
            for kh in 0..geo.kernel[1] {
                let Some(ih) = input_at(geo, 1, h, kh) else { continue };
                for kw in 0..geo.kernel[2] {
                    let tap = (kd * geo.kernel[1] + kh) * geo.kernel[2] + kw;
                    let w_tap = &w[tap * cout..(tap + 1) * cout];
                    for (ow, acc) in row.chunks_exact_mut(cout).enumerate() {
                        if let Some(iw) = input_at(geo, 2, ow, kw) {
                            let p = (id * i1 + ih) * i2 + iw;
                            multiply_add(acc, &sample[p * c..(p + 1) * c], w_tap, dm);
                        }
                    }
                }
            }
        }
    });
    out
}

/// The gradient of the inputs, `(batch, in spatial…, channels)`, gathered per input row.
fn backward_input(geo: &Geometry, dy: &[f32], w: &[f32]) -> Vec<f32> {
    let (c, cout) = (geo.in_channels, geo.out_channels);
    let dm = geo.group_out();
    let [o0, o1, o2] = geo.output;
    let [i0, i1, i2] = geo.input;
    let mut dx = vec![0.0; geo.batch * geo.in_volume() * c];
    let row_len = i2 * c;
    if dx.is_empty() || cout == 0 {
        return dx;
    }
    dx.par_chunks_mut(row_len).with_min_len(min_rows(row_len)).enumerate().for_each(|(r, row)| {
        let (n, id, ih) = (r / (i0 * i1), (r / i1) % i0, r % i1);
        let sample = &dy[n * o0 * o1 * o2 * cout..];
        for kd in 0..geo.kernel[0] {
            let Some(od) = output_at(geo, 0, id, kd) else { continue };
            for kh in 0..geo.kernel[1] {
                let Some(oh) = output_at(geo, 1, ih, kh) else { continue };
                for kw in 0..geo.kernel[2] {
                    let tap = (kd * geo.kernel[1] + kh) * geo.kernel[2] + kw;
                    let w_tap = &w[tap * cout..(tap + 1) * cout];
                    for (iw, acc) in row.chunks_exact_mut(c).enumerate() {
                        let Some(ow) = output_at(geo, 2, iw, kw) else { continue };
                        let g = &sample[((od * o1 + oh) * o2 + ow) * cout..][..cout];
                        if dm == 1 {
                            acc.iter_mut().zip(g).zip(w_tap).for_each(|((a, g), w)| *a += g * w);
                        } else {
                            for ((a, g), w) in acc.iter_mut().zip(g.chunks_exact(dm)).zip(w_tap.chunks_exact(dm)) {
                                *a += g.iter().zip(w).map(|(g, w)| g * w).sum::<f32>();
                            }
                        }
                    }
                }
            }
        }
    });
    dx
}

/// The gradient of the kernel, `(k…, channels, dm)`: one partial per worker over output rows.
fn backward_filter(geo: &Geometry, x: &[f32], dy: &[f32]) -> Vec<f32> {
    let (c, cout) = (geo.in_channels, geo.out_channels);
    let dm = geo.group_out();
    let [o0, o1, o2] = geo.output;
    let [i0, i1, i2] = geo.input;
    let len = geo.kernel_volume() * cout;
    let rows = geo.batch * o0 * o1;
    if len == 0 || rows == 0 || o2 == 0 {
        return vec![0.0; len];
    }
    (0..rows)
        .into_par_iter()
        .with_min_len(min_rows(o2 * cout))
        .fold(
            || vec![0.0; len],
            |mut dw, r| {
                let (n, d, h) = (r / (o0 * o1), (r / o1) % o0, r % o1);
                let sample = &x[n * i0 * i1 * i2 * c..];
                let g_row = &dy[r * o2 * cout..(r + 1) * o2 * cout];
                for kd in 0..geo.kernel[0] {
                    let Some(id) = input_at(geo, 0, d, kd) else { continue };
                    for kh in 0..geo.kernel[1] {
                        let Some(ih) = input_at(geo, 1, h, kh) else { continue };
                        for kw in 0..geo.kernel[2] {
                            let tap = (kd * geo.kernel[1] + kh) * geo.kernel[2] + kw;
                            let dw_tap = &mut dw[tap * cout..(tap + 1) * cout];
                            for (ow, g) in g_row.chunks_exact(cout).enumerate() {
                                if let Some(iw) = input_at(geo, 2, ow, kw) {
                                    let p = (id * i1 + ih) * i2 + iw;
                                    multiply_add(dw_tap, &sample[p * c..(p + 1) * c], g, dm);
                                }
                            }
                        }
                    }
                }
                dw
            },
        )
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(&b).for_each(|(a, b)| *a += b);
            a
        })
        .unwrap_or_else(|| vec![0.0; len])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::conv::{conv, Padding};
    use crate::testing::{assert_close, gradcheck, pseudo_random, t};

    fn args(strides: &[usize], padding: Padding, dilation: &[usize], channels_first: bool) -> ConvArgs {
        ConvArgs { strides: strides.to_vec(), padding, channels_first, dilation_rate: dilation.to_vec() }
    }

    #[test]
    fn equals_conv_with_one_group_per_channel() {
        for (xs, ws, a) in [
            (vec![2, 7, 6, 3], vec![3, 3, 3, 2], args(&[2, 1], Padding::Same, &[1], false)),
            (vec![1, 9, 4], vec![3, 4, 1], args(&[1], Padding::Valid, &[2], false)),
            (vec![2, 3, 5, 4, 3], vec![2, 3, 2, 3, 2], args(&[1, 2, 1], Padding::Same, &[1], false)),
            (vec![2, 3, 6, 5], vec![3, 2, 3, 3], args(&[2], Padding::Same, &[1], true)),
        ] {
            let x = t(&xs, &pseudo_random(xs.iter().product(), 1));
            let w = t(&ws, &pseudo_random(ws.iter().product(), 2));
            let y = depthwise_conv(&mut Tape::default(), &x, &w, &a).unwrap();
            let r = ws.len();
            let grouped: Vec<usize> = [&ws[..r - 2], &[1, ws[r - 2] * ws[r - 1]][..]].concat();
            let want = conv(&mut Tape::default(), &x, &t(&grouped, &pseudo_random(ws.iter().product(), 2)), &a).unwrap();
            assert_eq!(y.shape(), want.shape());
            assert_close(&y, want.as_f32("t").unwrap().as_slice().unwrap(), 1e-5);
        }
    }

    #[test]
    fn gradients_agree_with_finite_differences() {
        for (xs, ws, a) in [
            (vec![2, 5, 2], vec![3, 2, 2], args(&[2], Padding::Same, &[1], false)),
            (vec![1, 4, 3, 2], vec![2, 2, 2, 3], args(&[1], Padding::Same, &[1, 2], false)),
            (vec![1, 2, 4, 3], vec![2, 2, 2, 1], args(&[1], Padding::Valid, &[1], true)),
        ] {
            let x = t(&xs, &pseudo_random(xs.iter().product(), 3));
            let w = t(&ws, &pseudo_random(ws.iter().product(), 4));
            gradcheck(|tape, v| depthwise_conv(tape, &v[0], &v[1], &a), &[x, w]);
        }
    }

    #[test]
    fn errors_name_the_op_and_the_shapes() {
        let err = depthwise_conv(&mut Tape::default(), &t(&[1, 4, 3], &[0.0; 12]), &t(&[3, 2, 1], &[0.0; 6]), &args(&[1], Padding::Valid, &[1], false)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "depthwise_conv: the kernel's input channels (2) must equal the inputs' channels (3), received inputs of shape (1, 4, 3) and kernel of shape (3, 2, 1)"
        );
    }
}
