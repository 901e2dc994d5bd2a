//! The `bincount` export over `kerasm_core::ops::bincount`.
use kerasm_core::ops::bincount::{self as ops, Bins};
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime;

/// The counts of the int32 `x` (rank 1, or per row of rank 2), each occurrence adding its
/// `weights` entry or 1: into exactly `depth` bins when given (ids outside `[0, depth)` count
/// nowhere), else into the largest value + 1 bins, at least `minlength`. `binary_output` gives
/// 1 for a bin hit at least once.
#[wasm_bindgen]
pub fn bincount(x: Handle, weights: Option<Handle>, minlength: u32, depth: Option<u32>, binary_output: bool) -> Result<Handle, JsError> {
    runtime::with(|rt| {
        let x = rt.store.get(x)?.clone();
        let weights = weights.map(|w| rt.store.get(w).cloned()).transpose()?;
        let bins = depth.map_or(Bins::AtLeast(minlength as usize), |d| Bins::Exactly(d as usize));
        let out = ops::bincount(&mut rt.tape, &x, weights.as_ref(), bins, binary_output)?;
        Ok(rt.store.insert(out))
    })
}
