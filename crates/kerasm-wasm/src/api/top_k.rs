//! The `top_k` export over `kerasm_core::ops::top_k`: two results, so two handles.
use kerasm_core::ops::top_k as ops;
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime;

/// The `k` largest values along the last axis of `x` and their int32 indices: `[values, indices]`.
#[wasm_bindgen]
pub fn top_k(x: Handle, k: i32) -> Result<Vec<Handle>, JsError> {
    runtime::with(|rt| {
        let x = rt.store.get(x)?.clone();
        let (values, indices) = ops::top_k(&mut rt.tape, &x, k.into())?;
        Ok(vec![rt.store.insert(values), rt.store.insert(indices)])
    })
}
