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
pub mod base_steps;
pub mod finite;
pub mod ftrl;
pub mod lamb;
pub mod rmsprop;
pub mod sgd;
pub mod adadelta;
pub mod adagrad;
pub mod adamax;
pub mod lion;
pub mod nadam;

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

/// The data of a slot the optimizer always keeps (`why` says so in the error when it is missing),
/// checked to be float32 and of the variable's shape.
pub(crate) fn slot_data<'a>(op: &'static str, name: &str, why: &str, variable: &Tensor, slot: Option<&'a mut Tensor>) -> Result<&'a mut [f32]> {
    let slot = required(op, name, why, slot)?;
    check_like_variable(op, variable, &format!("'{name}' slot"), slot)?;
    slot.f32_slice_mut(op)
}

/// Runs `step` on the variable, its gradient and `N` slots (all of one length): whole when small,
/// otherwise on matching chunks in parallel.
pub(crate) fn update_in_chunks<const N: usize>(
    var: &mut [f32],
    g: &[f32],
    slots: [&mut [f32]; N],
    step: impl Fn(&mut [f32], &[f32], [&mut [f32]; N]) + Sync,
) {
    if runs_inline(var.len()) {
        return step(var, g, slots);
    }
    let mut slot_chunks = slots.map(|s| s.chunks_mut(CHUNK_LEN));
    let tasks: Vec<_> = var
        .chunks_mut(CHUNK_LEN)
        .zip(g.chunks(CHUNK_LEN))
        .map(|(var, g)| (var, g, std::array::from_fn(|i| slot_chunks[i].next().expect("slots are as long as the variable"))))
        .collect();
    tasks.into_par_iter().for_each(|(var, g, slots)| step(var, g, slots));
}
