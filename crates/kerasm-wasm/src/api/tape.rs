//! The autodiff tape as seen from JavaScript: start recording, take gradients, clear.
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime;

/// Returned in place of a gradient handle when no path connects the target to a source.
pub const NO_GRADIENT: Handle = u32::MAX;

/// Starts recording ops (dropping any earlier recording).
#[wasm_bindgen]
pub fn tape_start() {
    let _ = runtime::with(|rt| Ok(rt.tape.start()));
}

/// Stops recording and frees what the tape saved.
#[wasm_bindgen]
pub fn tape_clear() {
    let _ = runtime::with(|rt| Ok(rt.tape.clear()));
}

/// Gradients of the scalar `target` with respect to `sources`: one new handle per source, or
/// `NO_GRADIENT` (u32::MAX) where the target does not depend on it.
#[wasm_bindgen]
pub fn tape_gradients(target: Handle, sources: &[Handle]) -> Result<Vec<Handle>, JsError> {
    runtime::with(|rt| {
        let target = rt.store.get(target)?.clone();
        let ids = sources.iter().map(|&h| rt.store.get(h).map(|t| t.id)).collect::<Result<Vec<_>, _>>()?;
        let grads = rt.tape.gradients(&target, None, &ids)?;
        Ok(grads
            .into_iter()
            .map(|g| g.map_or(NO_GRADIENT, |g| rt.store.insert(kerasm_core::Tensor::f32(g.into_owned()))))
            .collect())
    })
}
