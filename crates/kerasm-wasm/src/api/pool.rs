//! `max_pool` and `average_pool` exports over `kerasm_core::ops::pool`. The window crosses as
//! one entry per spatial dimension (1, 2 or 3), the padding as `same` (TensorFlow's `'same'`)
//! or not (`'valid'`).
use kerasm_core::ops::pool::{self, PoolArgs};
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

fn pool_args(pool_size: &[u32], strides: &[u32], same: bool, channels_last: bool) -> PoolArgs {
    let widen = |v: &[u32]| v.iter().map(|&d| d as usize).collect();
    PoolArgs { pool_size: widen(pool_size), strides: widen(strides), same, channels_last }
}

#[wasm_bindgen]
pub fn max_pool(x: Handle, pool_size: &[u32], strides: &[u32], same: bool, channels_last: bool) -> Result<Handle, JsError> {
    let args = pool_args(pool_size, strides, same, channels_last);
    apply([x], |tape, [x]| pool::max_pool(tape, x, &args))
}

#[wasm_bindgen]
pub fn average_pool(x: Handle, pool_size: &[u32], strides: &[u32], same: bool, channels_last: bool) -> Result<Handle, JsError> {
    let args = pool_args(pool_size, strides, same, channels_last);
    apply([x], |tape, [x]| pool::average_pool(tape, x, &args))
}
