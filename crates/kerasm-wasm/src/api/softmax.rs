//! `softmax` and `log_softmax` exports over `kerasm_core::ops::softmax`.
use kerasm_core::ops::softmax as sm;
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

#[wasm_bindgen]
pub fn softmax(x: Handle, axis: i32) -> Result<Handle, JsError> {
    apply([x], |tape, [x]| sm::softmax(tape, x, axis as isize))
}

#[wasm_bindgen]
pub fn log_softmax(x: Handle, axis: i32) -> Result<Handle, JsError> {
    apply([x], |tape, [x]| sm::log_softmax(tape, x, axis as isize))
}
