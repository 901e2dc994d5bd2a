//! The `ctc_loss` export over `kerasm_core::ops::ctc`.
use kerasm_core::ops::ctc;
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

/// The CTC loss of each sequence: int32 `target` and lengths, float32 logits `output`.
#[wasm_bindgen]
pub fn ctc_loss(target: Handle, output: Handle, target_length: Handle, output_length: Handle, mask_index: i32) -> Result<Handle, JsError> {
    apply([target, output, target_length, output_length], |tape, [t, o, tl, ol]| ctc::ctc_loss(tape, t, o, tl, ol, mask_index.into()))
}
