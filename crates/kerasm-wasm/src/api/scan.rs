//! Cumulative-op exports: one call each into `kerasm_core::ops::scan`.
use kerasm_core::ops::scan as ops;
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

/// Running sums of `x` along `axis` (None: over the flattened `x`).
#[wasm_bindgen]
pub fn cumsum(x: Handle, axis: Option<i32>) -> Result<Handle, JsError> {
    apply([x], |tape, [x]| ops::cumsum(tape, x, axis.map(i64::from)))
}

/// Running products of `x` along `axis` (None: over the flattened `x`).
#[wasm_bindgen]
pub fn cumprod(x: Handle, axis: Option<i32>) -> Result<Handle, JsError> {
    apply([x], |tape, [x]| ops::cumprod(tape, x, axis.map(i64::from)))
}
