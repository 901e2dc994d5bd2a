//! Element-wise exports: one line each over `kerasm_core::ops::elementwise`.
use kerasm_core::ops::elementwise::{self as ew, Binary, Unary};
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

fn unary(op: &'static Unary, x: Handle) -> Result<Handle, JsError> {
    apply([x], |tape, [x]| ew::unary(tape, op, x))
}

fn binary(op: &'static Binary, a: Handle, b: Handle) -> Result<Handle, JsError> {
    apply([a, b], |tape, [a, b]| ew::binary(tape, op, a, b))
}

macro_rules! export_unary {
    ($($name:ident => $op:ident),* $(,)?) => {$(
        #[wasm_bindgen]
        pub fn $name(x: Handle) -> Result<Handle, JsError> { unary(&ew::$op, x) }
    )*};
}

macro_rules! export_binary {
    ($($name:ident => $op:ident),* $(,)?) => {$(
        #[wasm_bindgen]
        pub fn $name(a: Handle, b: Handle) -> Result<Handle, JsError> { binary(&ew::$op, a, b) }
    )*};
}

export_unary!(negative => NEGATIVE, exp => EXP, log => LOG, sqrt => SQRT, square => SQUARE, abs => ABS,
    relu => RELU, sigmoid => SIGMOID, tanh => TANH);
export_binary!(add => ADD, subtract => SUBTRACT, multiply => MULTIPLY, divide => DIVIDE,
    maximum => MAXIMUM, minimum => MINIMUM);
