//! The `cast` export over `kerasm_core::ops::cast`.
use kerasm_core::error::fail;
use kerasm_core::ops::cast;
use kerasm_core::{DType, Handle};
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

/// `x` as `dtype`: 0 for float32, 1 for int32 (the codes of `tensor_dtype`).
#[wasm_bindgen]
pub fn cast(x: Handle, dtype: u8) -> Result<Handle, JsError> {
    apply([x], |tape, [x]| match dtype {
        0 => cast::cast(tape, x, DType::F32),
        1 => cast::cast(tape, x, DType::I32),
        other => fail("cast", format!("unknown dtype code {other}, expected 0 (float32) or 1 (int32)")),
    })
}
