//! Image kernels over batches in `channels_last` layout, `(batch, height, width, channels)`
//! float32 (the TypeScript ops move `channels_first` images and single images into it):
//! `resize` (separable resampling, as `jax.image.resize`) and `affine_transform` (sampling at
//! mapped coordinates, as `jax.scipy.ndimage.map_coordinates`), each with its backward.
pub mod affine;
pub mod resize;
pub mod resize_taps;

use crate::error::{fail, shape_str, Result};
use crate::tape::F32Array;

/// The four dimensions of a batch of `channels_last` images.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Images {
    pub batch: usize,
    pub height: usize,
    pub width: usize,
    pub channels: usize,
}

impl Images {
    /// The dimensions of `shape`, which must be rank 4.
    ///
    /// # Errors
    /// When `shape` is not rank 4.
    pub fn of(op: &'static str, shape: &[usize]) -> Result<Images> {
        match *shape {
            [batch, height, width, channels] => Ok(Images { batch, height, width, channels }),
            _ => fail(op, format!("expected a batch of images (batch, height, width, channels), received shape {}", shape_str(shape))),
        }
    }

    pub fn shape(&self) -> [usize; 4] {
        [self.batch, self.height, self.width, self.channels]
    }

    /// Elements in one image.
    pub fn image_len(&self) -> usize {
        self.height * self.width * self.channels
    }
}

/// A backward's incoming gradient must have the output's shape.
fn check_grad(op: &'static str, g: &F32Array, shape: &[usize]) -> Result<()> {
    if g.shape() != shape {
        return fail(op, format!("gradient of shape {} differs from the output shape {}", shape_str(g.shape()), shape_str(shape)));
    }
    Ok(())
}
