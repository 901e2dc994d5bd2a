//! Gather exports: one call each into `kerasm_core::ops::gather`.
use kerasm_core::ops::gather as ops;
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

/// The slices of `x` at `indices` along `axis` (None: of the flattened `x`).
#[wasm_bindgen]
pub fn take(x: Handle, indices: Handle, axis: Option<i32>) -> Result<Handle, JsError> {
    apply([x, indices], |tape, [x, indices]| ops::take(tape, x, indices, axis.map(i64::from)))
}

/// Float32 one-hot encoding of the integer tensor `x`, the classes along `axis`.
#[wasm_bindgen]
pub fn one_hot(x: Handle, num_classes: i32, axis: i32) -> Result<Handle, JsError> {
    apply([x], |_, [x]| ops::one_hot(x, num_classes.into(), axis.into()))
}
