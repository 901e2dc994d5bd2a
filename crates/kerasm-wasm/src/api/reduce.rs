//! Reduction exports over `kerasm_core::ops::reduce`. An axis list crosses as `axes` plus
//! `all_axes` (true: reduce every axis, Keras's `axis=None`), so `[]` keeps its own meaning.
use kerasm_core::ops::reduce;
use kerasm_core::{Handle, Tape, Tensor};
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

type Reduction = fn(&mut Tape, &Tensor, Option<&[isize]>, bool) -> kerasm_core::Result<Tensor>;

fn reduction(op: Reduction, x: Handle, axes: &[i32], all_axes: bool, keepdims: bool) -> Result<Handle, JsError> {
    let axes: Vec<isize> = axes.iter().map(|&a| a as isize).collect();
    apply([x], |tape, [x]| op(tape, x, if all_axes { None } else { Some(&axes) }, keepdims))
}

macro_rules! export_reduction {
    ($($name:ident),* $(,)?) => {$(
        #[wasm_bindgen]
        pub fn $name(x: Handle, axes: &[i32], all_axes: bool, keepdims: bool) -> Result<Handle, JsError> {
            reduction(reduce::$name, x, axes, all_axes, keepdims)
        }
    )*};
}

export_reduction!(sum, mean, max, min);

/// Index of the maximum along `axis`, or over the flattened tensor when `flatten`.
#[wasm_bindgen]
pub fn argmax(x: Handle, axis: i32, flatten: bool, keepdims: bool) -> Result<Handle, JsError> {
    apply([x], |_, [x]| reduce::argmax(x, (!flatten).then_some(axis as isize), keepdims))
}

/// Index of the minimum along `axis`, or over the flattened tensor when `flatten`.
#[wasm_bindgen]
pub fn argmin(x: Handle, axis: i32, flatten: bool, keepdims: bool) -> Result<Handle, JsError> {
    apply([x], |_, [x]| reduce::argmin(x, (!flatten).then_some(axis as isize), keepdims))
}
