//! The shapes of one convolution, checked: every size the kernels need, with 1-D and 2-D
//! convolutions written as 3-D ones (leading spatial axes of size 1), and the padding resolved
//! to the number of zeros before each spatial axis.
use std::borrow::Cow;

use super::ConvArgs;
use crate::error::{fail, shape_str, Result};
use crate::tensor::checked_len;

/// How the spatial axes are padded.
#[derive(Clone, Debug, PartialEq)]
pub enum Padding {
    /// No padding: only windows that fit inside the input.
    Valid,
    /// `ceil(size / stride)` outputs per axis; the zeros split as TensorFlow splits them, the odd
    /// one after.
    Same,
    /// Explicit `(before, after)` zeros per spatial axis (Conv1D's `'causal'` pads `(k - 1)·d, 0`).
    Explicit(Vec<(usize, usize)>),
}

#[derive(Clone, Debug)]
pub struct Geometry {
    /// The shapes as the caller sees them (in their data format).
    pub in_shape: Vec<usize>,
    pub kernel_shape: Vec<usize>,
    pub out_shape: Vec<usize>,
    pub channels_first: bool,
    pub batch: usize,
    /// Spatial sizes as 3-D: input, output, kernel, strides, dilation, zeros before.
    pub input: [usize; 3],
    pub output: [usize; 3],
    pub kernel: [usize; 3],
    pub strides: [usize; 3],
    pub dilation: [usize; 3],
    pub pad: [usize; 3],
    pub in_channels: usize,
    pub out_channels: usize,
    pub groups: usize,
}

impl Geometry {
    pub fn new(in_shape: &[usize], kernel_shape: &[usize], args: &ConvArgs) -> Result<Geometry> {
        let shapes = || format!("inputs of shape {} and kernel of shape {}", shape_str(in_shape), shape_str(kernel_shape));
        let rank = in_shape.len();
        if !(3..=5).contains(&rank) {
            return fail("conv", format!("inputs must have rank 3, 4 or 5 (batch, spatial axes, channels), received {}", shapes()));
        }
        if kernel_shape.len() != rank {
            return fail("conv", format!("the kernel must have the same rank as the inputs, received {}", shapes()));
        }
        let n_sp = rank - 2;
        let (sp, cin) = if args.channels_first { (&in_shape[2..], in_shape[1]) } else { (&in_shape[1..rank - 1], in_shape[rank - 1]) };
        let (k_sp, k_in, cout) = (&kernel_shape[..n_sp], kernel_shape[n_sp], kernel_shape[n_sp + 1]);
        let per_axis = |values: &[usize], name: &str| -> Result<Vec<usize>> {
            match values.len() {
                1 => Ok(vec![values[0]; n_sp]),
                l if l == n_sp => Ok(values.to_vec()),
                _ => fail("conv", format!("`{name}` must hold 1 or {n_sp} values, received {values:?} for {}", shapes())),
            }
        };
        let strides = per_axis(&args.strides, "strides")?;
        let dilation = per_axis(&args.dilation_rate, "dilation_rate")?;
        if strides.contains(&0) || dilation.contains(&0) {
            return fail("conv", format!("strides and dilation_rate must be positive, received strides={strides:?} and dilation_rate={dilation:?} for {}", shapes()));
        }
        if k_sp.contains(&0) {
            return fail("conv", format!("the kernel's spatial sizes must be positive, received {}", shapes()));
        }
        if k_in == 0 || cin % k_in != 0 {
            return fail("conv", format!("the inputs' channels ({cin}) must be a positive multiple of the kernel's input channels ({k_in}), received {}", shapes()));
        }
        let groups = cin / k_in;
        if groups == 0 || cout % groups != 0 {
            return fail("conv", format!("the kernel's output channels ({cout}) must be divisible by the number of groups ({groups}), received {}", shapes()));
        }
        let explicit = match &args.padding {
            Padding::Explicit(p) if p.len() != n_sp => {
                return fail("conv", format!("explicit padding must hold one (before, after) pair per spatial axis, received {} pairs for {}", p.len(), shapes()));
            }
            Padding::Explicit(p) => Some(p.clone()),
            _ => None,
        };
        let (mut input, mut output, mut kernel, mut st, mut dil, mut pad) = ([1; 3], [1; 3], [1; 3], [1; 3], [1; 3], [0; 3]);
        for i in 0..n_sp {
            let j = 3 - n_sp + i;
            let effective = (k_sp[i] - 1).checked_mul(dilation[i]).and_then(|e| e.checked_add(1));
            let Some(effective) = effective else {
                return fail("conv", format!("the dilated kernel is too large, received {}", shapes()));
            };
            let (size, before) = match &explicit {
                Some(p) => (sp[i].saturating_add(p[i].0).saturating_add(p[i].1), p[i].0),
                None => (sp[i], 0),
            };
            let (out, before) = if args.padding == Padding::Same {
                let out = sp[i].div_ceil(strides[i]);
                let total = ((out.max(1) - 1) * strides[i] + effective).saturating_sub(sp[i]);
                (out, total / 2)
            } else if size >= effective {
                ((size - effective) / strides[i] + 1, before)
            } else {
                return fail(
                    "conv",
                    format!(
                        "computed output size would be zero or negative, received {}, strides={strides:?}, dilation_rate={dilation:?}, padding={}",
                        shapes(),
                        if explicit.is_some() { "explicit" } else { "valid" }
                    ),
                );
            };
            (input[j], output[j], kernel[j], st[j], dil[j], pad[j]) = (sp[i], out, k_sp[i], strides[i], dilation[i], before);
        }
        let batch = in_shape[0];
        let out_sp = &output[3 - n_sp..];
        let out_shape: Vec<usize> = if args.channels_first {
            [&[batch, cout][..], out_sp].concat()
        } else {
            [&[batch][..], out_sp, &[cout][..]].concat()
        };
        checked_len("conv", &out_shape)?;
        Ok(Geometry {
            in_shape: in_shape.to_vec(),
            kernel_shape: kernel_shape.to_vec(),
            out_shape,
            channels_first: args.channels_first,
            batch,
            input,
            output,
            kernel,
            strides: st,
            dilation: dil,
            pad,
            in_channels: cin,
            out_channels: cout,
            groups,
        })
    }

    pub fn in_volume(&self) -> usize {
        self.input.iter().product()
    }

    pub fn out_volume(&self) -> usize {
        self.output.iter().product()
    }

    pub fn kernel_volume(&self) -> usize {
        self.kernel.iter().product()
    }

    /// Input channels per group.
    pub fn group_in(&self) -> usize {
        self.in_channels / self.groups
    }

    /// Output channels per group.
    pub fn group_out(&self) -> usize {
        self.out_channels / self.groups
    }

    /// The inputs as `(batch, spatial…, channels)`.
    pub fn to_channels_last<'a>(&self, x: &'a [f32]) -> Cow<'a, [f32]> {
        if self.channels_first {
            Cow::Owned(swap_last_two(x, self.batch, self.in_channels, self.in_volume()))
        } else {
            Cow::Borrowed(x)
        }
    }

    /// A gradient of the output as `(batch, spatial…, channels)`.
    pub fn to_channels_last_out<'a>(&self, g: &'a [f32]) -> Cow<'a, [f32]> {
        if self.channels_first {
            Cow::Owned(swap_last_two(g, self.batch, self.out_channels, self.out_volume()))
        } else {
            Cow::Borrowed(g)
        }
    }

    /// A `(batch, spatial…, channels)` result in the caller's data format (`shape` is the
    /// caller's shape of it).
    pub fn in_caller_format(&self, y: Vec<f32>, shape: &[usize]) -> Vec<f32> {
        if self.channels_first {
            let channels = shape[1];
            let volume = shape[2..].iter().product();
            swap_last_two(&y, self.batch, volume, channels)
        } else {
            y
        }
    }
}

/// `[batch, rows, cols] → [batch, cols, rows]`.
fn swap_last_two(x: &[f32], batch: usize, rows: usize, cols: usize) -> Vec<f32> {
    let mut out = vec![0.0; x.len()];
    if rows == 0 || cols == 0 {
        return out;
    }
    for (src, dst) in x.chunks_exact(rows * cols).zip(out.chunks_exact_mut(rows * cols)).take(batch) {
        for r in 0..rows {
            for c in 0..cols {
                dst[c * rows + r] = src[r * cols + c];
            }
        }
    }
    out
}
