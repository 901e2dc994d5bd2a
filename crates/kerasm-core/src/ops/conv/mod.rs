//! `conv`, as `keras.ops.conv`: an N-D convolution (N = 1, 2 or 3) of `inputs` shaped
//! `(batch, spatial…, channels)` (or `(batch, channels, spatial…)` with `channels_first`) with a
//! kernel shaped `(k…, in_channels / groups, filters)`. The group count is the inputs' channels
//! over the kernel's input channels, as Keras infers it. `'same'` pads as TensorFlow does (the
//! odd pixel goes after). The forward pass and both backward passes are im2col + the packed GEMM
//! ([`kernels`]); `channels_first` is transposed to `channels_last` around them.
mod depthwise;
mod geometry;
mod kernels;
mod transpose;
#[cfg(test)]
mod tests;

use ndarray::{ArrayD, IxDyn};

pub use depthwise::depthwise_conv;
pub use geometry::Padding;
pub use transpose::{conv_transpose, ConvTransposeArgs};
use geometry::Geometry;

use crate::error::{fail, shape_str, Result};
use crate::tape::Tape;
use crate::tensor::Tensor;

/// The arguments of [`conv`] besides the two tensors. `strides` and `dilation_rate` hold one
/// value per spatial axis (or a single value for all of them).
#[derive(Clone, Debug)]
pub struct ConvArgs {
    pub strides: Vec<usize>,
    pub padding: Padding,
    pub channels_first: bool,
    pub dilation_rate: Vec<usize>,
}

/// The convolution of `inputs` with `kernel`; records the backward to both on the tape.
pub fn conv(tape: &mut Tape, inputs: &Tensor, kernel: &Tensor, args: &ConvArgs) -> Result<Tensor> {
    let (x, w) = (inputs.as_f32("conv")?.clone(), kernel.as_f32("conv")?.clone());
    let geo = Geometry::new(x.shape(), w.shape(), args)?;
    let x_last = geo.to_channels_last(x.as_slice().expect("tensors are kept in standard layout"));
    let w_data = w.as_slice().expect("tensors are kept in standard layout");
    let y = geo.in_caller_format(kernels::forward(&geo, &x_last, w_data), &geo.out_shape);
    let out = Tensor::f32(ArrayD::from_shape_vec(IxDyn(&geo.out_shape), y).expect("the geometry sizes the output"));
    tape.record(&[inputs, kernel], &out, move |g| {
        if g.shape() != geo.out_shape.as_slice() {
            return fail("conv", format!("gradient of shape {} differs from the output shape {}", shape_str(g.shape()), shape_str(&geo.out_shape)));
        }
        let g = g.as_standard_layout();
        let g_last = geo.to_channels_last_out(g.as_slice().expect("standard layout"));
        let w_data = w.as_slice().expect("tensors are kept in standard layout");
        let x_last = geo.to_channels_last(x.as_slice().expect("tensors are kept in standard layout"));
        let dx = geo.in_caller_format(kernels::backward_input(&geo, &g_last, w_data), &geo.in_shape);
        let dw = kernels::backward_filter(&geo, &x_last, &g_last);
        let dx = ArrayD::from_shape_vec(IxDyn(&geo.in_shape), dx).expect("the geometry sizes dx");
        let dw = ArrayD::from_shape_vec(IxDyn(&geo.kernel_shape), dw).expect("the geometry sizes dw");
        Ok(vec![Some(dx.into_shared()), Some(dw.into_shared())])
    });
    Ok(out)
}
