//! `conv_transpose`, as `keras.ops.conv_transpose`: the transposed convolution of `inputs`
//! `(batch, spatial…, in_channels)` (or channels first) with a kernel shaped
//! `(k…, out_channels, in_channels)`, as Keras (and TensorFlow) lay it out.
//!
//! It is the input gradient of the convolution whose input has the transposed output's shape
//! and whose kernel is this kernel, so the forward pass is [`kernels::backward_input`]; its own
//! backward passes are that convolution's forward pass (for `inputs`) and its filter gradient
//! (for `kernel`). Output sizes follow Keras's `compute_conv_transpose_output_shape`; the
//! padding is TensorFlow's for that output size (`conv2d_transpose` with `'SAME'`/`'VALID'`).
use ndarray::{ArrayD, IxDyn};

use super::geometry::Geometry;
use super::{kernels, ConvArgs, Padding};
use crate::error::{fail, shape_str, Result};
use crate::tape::Tape;
use crate::tensor::{checked_len, Tensor};

/// The arguments of [`conv_transpose`] besides the two tensors. `strides`, `dilation_rate` and
/// `output_padding` hold one value per spatial axis (or a single value for all of them).
#[derive(Clone, Debug)]
pub struct ConvTransposeArgs {
    pub strides: Vec<usize>,
    /// `Padding::Valid` or `Padding::Same`.
    pub padding: Padding,
    /// Extra output rows per axis (each below its stride), or None for Keras's default.
    pub output_padding: Option<Vec<usize>>,
    pub channels_first: bool,
    pub dilation_rate: Vec<usize>,
}

/// Keras's `_get_output_shape_given_tf_padding` for one axis, and the zeros TensorFlow puts
/// before and after that axis in the matching convolution. None when it overflows.
fn axis_size(input: usize, kernel: usize, stride: usize, dilation: usize, same: bool, output_padding: Option<usize>) -> Option<(usize, usize, usize)> {
    let effective = (kernel - 1).checked_mul(dilation)?.checked_add(1)?;
    let base = input.checked_sub(1)?.checked_mul(stride)?;
    let out = match (same, output_padding) {
        (false, None) => base.checked_add(effective.max(stride))?,
        (false, Some(p)) => base.checked_add(effective)?.checked_add(p)?,
        (true, None) => input.checked_mul(stride)?,
        (true, Some(p)) => base.checked_add(effective % 2)?.checked_add(p)?,
    };
    if !same {
        return Some((out, 0, 0));
    }
    // The convolution of `out` positions with 'SAME' padding has `input` outputs.
    let total = base.checked_add(effective)?.saturating_sub(out);
    Some((out, total / 2, total - total / 2))
}

/// The convolution this op transposes: its input has the shape of this op's output.
fn geometry(in_shape: &[usize], kernel_shape: &[usize], args: &ConvTransposeArgs) -> Result<(Geometry, Vec<usize>)> {
    let shapes = || format!("inputs of shape {} and kernel of shape {}", shape_str(in_shape), shape_str(kernel_shape));
    let rank = in_shape.len();
    if !(3..=5).contains(&rank) {
        return fail("conv_transpose", format!("inputs must have rank 3, 4 or 5 (batch, spatial axes, channels), received {}", shapes()));
    }
    if kernel_shape.len() != rank {
        return fail("conv_transpose", format!("the kernel must have the same rank as the inputs, received {}", shapes()));
    }
    let n_sp = rank - 2;
    let (sp, cin) = if args.channels_first { (&in_shape[2..], in_shape[1]) } else { (&in_shape[1..rank - 1], in_shape[rank - 1]) };
    let (k_sp, cout, k_in) = (&kernel_shape[..n_sp], kernel_shape[n_sp], kernel_shape[n_sp + 1]);
    if cin != k_in {
        return fail("conv_transpose", format!("the inputs' channels ({cin}) must equal the kernel's last axis ({k_in}), received {}", shapes()));
    }
    let per_axis = |values: &[usize], name: &str| -> Result<Vec<usize>> {
        match values.len() {
            1 => Ok(vec![values[0]; n_sp]),
            l if l == n_sp => Ok(values.to_vec()),
            _ => fail("conv_transpose", format!("`{name}` must hold 1 or {n_sp} values, received {values:?} for {}", shapes())),
        }
    };
    let strides = per_axis(&args.strides, "strides")?;
    let dilation = per_axis(&args.dilation_rate, "dilation_rate")?;
    let output_padding = args.output_padding.as_deref().map(|p| per_axis(p, "output_padding")).transpose()?;
    if strides.contains(&0) || dilation.contains(&0) || k_sp.contains(&0) {
        return fail("conv_transpose", format!("strides, dilation_rate and the kernel's spatial sizes must be positive, received strides={strides:?} and dilation_rate={dilation:?} for {}", shapes()));
    }
    if sp.contains(&0) {
        return fail("conv_transpose", format!("the inputs' spatial sizes must be positive, received {}", shapes()));
    }
    let same = match args.padding {
        Padding::Valid => false,
        Padding::Same => true,
        Padding::Explicit(_) => return fail("conv_transpose", "padding must be 'valid' or 'same'"),
    };
    let mut out_sp = Vec::with_capacity(n_sp);
    let mut pads = Vec::with_capacity(n_sp);
    for i in 0..n_sp {
        let p = output_padding.as_ref().map(|p| p[i]);
        if let Some(all) = &output_padding {
            if all[i] >= strides[i] {
                return fail("conv_transpose", format!("`output_padding` must be strictly less than `strides` for all dimensions, received output_padding={all:?} and strides={strides:?}"));
            }
        }
        let Some((out, before, after)) = axis_size(sp[i], k_sp[i], strides[i], dilation[i], same, p) else {
            return fail("conv_transpose", format!("the output would be too large, received {}", shapes()));
        };
        out_sp.push(out);
        pads.push((before, after));
    }
    let batch = in_shape[0];
    let conv_in: Vec<usize> = if args.channels_first { [&[batch, cout][..], &out_sp].concat() } else { [&[batch][..], &out_sp, &[cout][..]].concat() };
    checked_len("conv_transpose", &conv_in)?;
    let conv_args = ConvArgs { strides, padding: Padding::Explicit(pads), channels_first: args.channels_first, dilation_rate: dilation };
    let geo = Geometry::new(&conv_in, kernel_shape, &conv_args)?;
    if geo.out_shape != in_shape {
        return fail(
            "conv_transpose",
            format!("with 'same' padding, output_padding={:?} gives outputs of shape {} that a convolution maps to {}, not to the inputs' shape, received {}", output_padding.unwrap_or_default(), shape_str(&conv_in), shape_str(&geo.out_shape), shapes()),
        );
    }
    Ok((geo, conv_in))
}

/// The transposed convolution of `inputs` with `kernel`; records the backward to both on the tape.
pub fn conv_transpose(tape: &mut Tape, inputs: &Tensor, kernel: &Tensor, args: &ConvTransposeArgs) -> Result<Tensor> {
    let (x, w) = (inputs.as_f32("conv_transpose")?.clone(), kernel.as_f32("conv_transpose")?.clone());
    let (geo, out_shape) = geometry(x.shape(), w.shape(), args)?;
    let x_data = x.as_slice().expect("tensors are kept in standard layout");
    let w_data = w.as_slice().expect("tensors are kept in standard layout");
    let y = geo.in_caller_format(kernels::backward_input(&geo, &geo.to_channels_last_out(x_data), w_data), &out_shape);
    let out = Tensor::f32(ArrayD::from_shape_vec(IxDyn(&out_shape), y).expect("the geometry sizes the output"));
    tape.record(&[inputs, kernel], &out, move |g| {
        if g.shape() != out_shape.as_slice() {
            return fail("conv_transpose", format!("gradient of shape {} differs from the output shape {}", shape_str(g.shape()), shape_str(&out_shape)));
        }
        let g = g.as_standard_layout();
        let g_last = geo.to_channels_last(g.as_slice().expect("standard layout"));
        let w_data = w.as_slice().expect("tensors are kept in standard layout");
        let x_last = geo.to_channels_last_out(x.as_slice().expect("tensors are kept in standard layout"));
        let dx = geo.in_caller_format(kernels::forward(&geo, &g_last, w_data), &geo.out_shape);
        let dw = kernels::backward_filter(&geo, &g_last, &x_last);
        let dx = ArrayD::from_shape_vec(IxDyn(&geo.out_shape), dx).expect("the geometry sizes dx");
        let dw = ArrayD::from_shape_vec(IxDyn(&geo.kernel_shape), dw).expect("the geometry sizes dw");
        Ok(vec![Some(dx.into_shared()), Some(dw.into_shared())])
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::conv::conv;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t};

    fn args(strides: &[usize], same: bool, output_padding: Option<&[usize]>) -> ConvTransposeArgs {
        let padding = if same { Padding::Same } else { Padding::Valid };
        ConvTransposeArgs { strides: strides.to_vec(), padding, output_padding: output_padding.map(|p| p.to_vec()), channels_first: false, dilation_rate: vec![1] }
    }

    #[test]
    fn hand_computed_1d() {
        // Each input value stamps the kernel at stride 2: [1, 2] * [1, 10, 100].
        let y = conv_transpose(&mut Tape::default(), &t(&[1, 2, 1], &[1.0, 2.0]), &t(&[3, 1, 1], &[1.0, 10.0, 100.0]), &args(&[2], false, None)).unwrap();
        assert_eq!(y.shape(), &[1, 5, 1]);
        assert_close(&y, &[1.0, 10.0, 102.0, 20.0, 200.0], 0.0);
        // 'same' with stride 2: 4 outputs; the one padded position goes after, as TensorFlow.
        let y = conv_transpose(&mut Tape::default(), &t(&[1, 2, 1], &[1.0, 2.0]), &t(&[3, 1, 1], &[1.0, 10.0, 100.0]), &args(&[2], true, None)).unwrap();
        assert_eq!(y.shape(), &[1, 4, 1]);
        assert_close(&y, &[1.0, 10.0, 102.0, 20.0], 0.0);
        // output_padding 1 with 'valid': one more (untouched) position.
        let y = conv_transpose(&mut Tape::default(), &t(&[1, 2, 1], &[1.0, 2.0]), &t(&[3, 1, 1], &[1.0, 10.0, 100.0]), &args(&[2], false, Some(&[1]))).unwrap();
        assert_close(&y, &[1.0, 10.0, 102.0, 20.0, 200.0, 0.0], 0.0);
    }

    #[test]
    fn is_the_adjoint_of_conv() {
        // <conv(u, w), x> == <u, conv_transpose(x, w)> for the matching shapes.
        let (w_shape, x_shape) = ([3, 2, 3, 4], [2, 4, 3, 4]);
        let w = t(&w_shape, &pseudo_random(72, 1));
        let x = t(&x_shape, &pseudo_random(96, 2));
        let a = ConvTransposeArgs { strides: vec![2, 2], padding: Padding::Same, output_padding: None, channels_first: false, dilation_rate: vec![1] };
        let y = conv_transpose(&mut Tape::default(), &x, &w, &a).unwrap();
        assert_eq!(y.shape(), &[2, 8, 6, 3]);
        let u = t(y.shape(), &pseudo_random(288, 3));
        let cargs = ConvArgs { strides: vec![2, 2], padding: Padding::Same, channels_first: false, dilation_rate: vec![1] };
        let z = conv(&mut Tape::default(), &u, &w, &cargs).unwrap();
        let dot = |a: &Tensor, b: &Tensor| a.as_f32("t").unwrap().iter().zip(b.as_f32("t").unwrap().iter()).map(|(a, b)| a * b).sum::<f32>();
        assert!((dot(&z, &x) - dot(&u, &y)).abs() < 1e-3, "{} vs {}", dot(&z, &x), dot(&u, &y));
    }

    #[test]
    fn gradients_agree_with_finite_differences() {
        for (xs, ws, a) in [
            (vec![1, 3, 2], vec![3, 2, 2], args(&[2], false, Some(&[1]))),
            (vec![2, 2, 3, 2], vec![2, 3, 3, 2], ConvTransposeArgs { strides: vec![2, 1], padding: Padding::Same, output_padding: None, channels_first: true, dilation_rate: vec![1] }),
            (vec![1, 2, 2, 2, 1], vec![2, 2, 2, 2, 1], ConvTransposeArgs { strides: vec![1], padding: Padding::Valid, output_padding: None, channels_first: false, dilation_rate: vec![2] }),
        ] {
            let x = t(&xs, &pseudo_random(xs.iter().product(), 4));
            let w = t(&ws, &pseudo_random(ws.iter().product(), 5));
            gradcheck(|tape, v| conv_transpose(tape, &v[0], &v[1], &a), &[x, w]);
        }
    }

    #[test]
    fn errors_name_the_op_and_the_shapes() {
        let run = |xs: &[usize], ws: &[usize], a: &ConvTransposeArgs| {
            conv_transpose(&mut Tape::default(), &t(xs, &vec![0.0; xs.iter().product()]), &t(ws, &vec![0.0; ws.iter().product()]), a).unwrap_err().to_string()
        };
        assert_eq!(
            run(&[1, 4, 3], &[3, 2, 2], &args(&[1], false, None)),
            "conv_transpose: the inputs' channels (3) must equal the kernel's last axis (2), received inputs of shape (1, 4, 3) and kernel of shape (3, 2, 2)"
        );
        assert!(run(&[1, 4, 2], &[3, 2, 2], &args(&[2], false, Some(&[2]))).starts_with("conv_transpose: `output_padding` must be strictly less than `strides`"));
        assert!(run(&[1, 20000, 1], &[1, 1, 1], &args(&[20000], false, None)).contains("would hold more than"));
    }
}
