//! The `matmul` export over `kerasm_core::ops::matmul`.
use kerasm_core::ops::matmul as mm;
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

#[wasm_bindgen]
pub fn matmul(a: Handle, b: Handle) -> Result<Handle, JsError> {
    apply([a, b], |tape, [a, b]| mm::matmul(tape, a, b))
}
