//! The `local_patches` export over `kerasm_core::ops::patches`: the windows of a
//! locally-connected layer as `(positions, batch, features)`. `padding_same` selects tf.keras's
//! locally-connected `'same'` windows (otherwise `'valid'`).
use kerasm_core::ops::patches::{self, PatchArgs};
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

#[wasm_bindgen]
pub fn local_patches(x: Handle, kernel_size: &[u32], strides: &[u32], padding_same: bool, channels_first: bool) -> Result<Handle, JsError> {
    let widen = |v: &[u32]| v.iter().map(|&d| d as usize).collect();
    let args = PatchArgs { kernel_size: widen(kernel_size), strides: widen(strides), same: padding_same, channels_first };
    apply([x], |tape, [x]| patches::local_patches(tape, x, &args))
}
