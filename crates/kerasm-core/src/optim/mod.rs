//! Optimizer update kernels: in-place updates of a variable and its slots from a gradient,
//! with Keras's formulas, and the pieces they share: argument checks and the split of large
//! tensors into chunks that rayon updates in parallel.
use rayon::iter::Either;
use rayon::prelude::*;

use crate::error::{fail, shape_str, Result};
pub(crate) use crate::parallel::{runs_inline, CHUNK_LEN};
use crate::tensor::Tensor;

pub mod adafactor;
pub mod adam;
pub mod finite;
pub mod ftrl;
pub mod lamb;
pub mod rmsprop;
pub mod sgd;

/// The chunks of an optional slot, or `chunks` Nones, to zip beside the variable's chunks.
pub(crate) fn optional_chunks(
    slot: Option<&mut [f32]>,
    chunks: usize,
) -> impl IndexedParallelIterator<Item = Option<&mut [f32]>> {
    match slot {
        Some(s) => Either::Left(s.par_chunks_mut(CHUNK_LEN).map(Some)),
        None => Either::Right((0..chunks).into_par_iter().map(|_| None)),
    }
}

/// The number of chunks a tensor of `len` elements is cut into.
pub(crate) fn chunk_count(len: usize) -> usize {
    len.div_ceil(CHUNK_LEN)
}

/// Checks that the variable is float32 and that `tensor` (the gradient or a slot, named `what`)
/// is a float32 tensor of the variable's shape.
pub(crate) fn check_like_variable(op: &'static str, variable: &Tensor, what: &str, tensor: &Tensor) -> Result<()> {
    if variable.as_f32(op).is_err() {
        return fail(op, format!("the variable must be float32, received {}", variable.dtype().name()));
    }
    if tensor.shape() != variable.shape() {
        return fail(
            op,
            format!("the {what} has shape {} but the variable has shape {}", shape_str(tensor.shape()), shape_str(variable.shape())),
        );
    }
    if tensor.as_f32(op).is_err() {
        return fail(op, format!("the {what} must be float32, received {}", tensor.dtype().name()));
    }
    Ok(())
}

/// The slot a hyperparameter calls for, or an error naming it.
pub(crate) fn required<'a>(op: &'static str, name: &str, why: &str, slot: Option<&'a mut Tensor>) -> Result<&'a mut Tensor> {
    match slot {
        Some(s) => Ok(s),
        None => fail(op, format!("{why}, so the '{name}' slot is required")),
    }
}
