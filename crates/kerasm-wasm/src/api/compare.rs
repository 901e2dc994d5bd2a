//! Comparison and selection exports over `kerasm_core::ops::compare`.
use kerasm_core::ops::compare::{self as cmp, Comparison};
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

macro_rules! export_comparison {
    ($($name:ident => $variant:ident),* $(,)?) => {$(
        #[wasm_bindgen]
        pub fn $name(a: Handle, b: Handle) -> Result<Handle, JsError> {
            apply([a, b], |_, [a, b]| cmp::compare(Comparison::$variant, a, b))
        }
    )*};
}

export_comparison!(equal => Equal, not_equal => NotEqual, greater => Greater, greater_equal => GreaterEqual,
    less => Less, less_equal => LessEqual);

/// Keras's `where(condition, x1, x2)`.
#[wasm_bindgen]
pub fn select(condition: Handle, x1: Handle, x2: Handle) -> Result<Handle, JsError> {
    apply([condition, x1, x2], |tape, [c, a, b]| cmp::select(tape, c, a, b))
}

#[wasm_bindgen]
pub fn clip(x: Handle, min_value: f32, max_value: f32) -> Result<Handle, JsError> {
    apply([x], |tape, [x]| cmp::clip(tape, x, min_value, max_value))
}
