//! Shape exports: one call each into `kerasm_core::ops::shape`.
use kerasm_core::ops::shape as ops;
use kerasm_core::{Handle, Tensor};
use wasm_bindgen::prelude::*;

use crate::runtime::{self, apply};

fn widen(values: &[i32]) -> Vec<i64> {
    values.iter().map(|&v| v as i64).collect()
}

/// `x` with the shape `shape` (one entry may be -1).
#[wasm_bindgen]
pub fn reshape(x: Handle, shape: &[i32]) -> Result<Handle, JsError> {
    apply([x], |tape, [x]| ops::reshape(tape, x, &widen(shape)))
}

/// `x`'s values, cut off from the tape: no gradient flows back through the result.
#[wasm_bindgen]
pub fn stop_gradient(x: Handle) -> Result<Handle, JsError> {
    apply([x], |_, [x]| Ok(x.detached()))
}

/// `x` with its axes permuted by `axes` (None: reversed).
#[wasm_bindgen]
pub fn transpose(x: Handle, axes: Option<Vec<i32>>) -> Result<Handle, JsError> {
    apply([x], |tape, [x]| ops::transpose(tape, x, axes.map(|a| widen(&a)).as_deref()))
}

/// The tensors behind `handles` joined along `axis`.
#[wasm_bindgen]
pub fn concatenate(handles: &[u32], axis: i32) -> Result<Handle, JsError> {
    runtime::with(|rt| {
        let xs = handles.iter().map(|&h| rt.store.get(h).cloned()).collect::<Result<Vec<Tensor>, _>>()?;
        let refs: Vec<&Tensor> = xs.iter().collect();
        let out = ops::concatenate(&mut rt.tape, &refs, axis as i64)?;
        Ok(rt.store.insert(out))
    })
}

/// The block of `x` of shape `shape` (-1: the rest of the axis) starting at `start_indices`.
#[wasm_bindgen]
pub fn slice(x: Handle, start_indices: &[i32], shape: &[i32]) -> Result<Handle, JsError> {
    apply([x], |tape, [x]| ops::slice(tape, x, &widen(start_indices), &widen(shape)))
}
