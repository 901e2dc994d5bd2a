//! Special-function exports over `kerasm_core::ops::special`.
use kerasm_core::ops::{elementwise, special};
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

/// The error function, element-wise; records its backward when taping.
///
/// # Errors
/// Unknown or freed handle; an int32 input.
#[wasm_bindgen]
pub fn erf(x: Handle) -> Result<Handle, JsError> {
    apply([x], |tape, [x]| elementwise::unary(tape, &special::ERF, x))
}
