//! Tensor lifetime and data transfer. JavaScript allocates a tensor here, then copies its
//! values straight into wasm memory at `tensor_data_ptr` (one copy, no intermediate buffer).
use kerasm_core::tensor::checked_len;
use kerasm_core::{DType, Handle, Tensor};
use wasm_bindgen::prelude::*;

use crate::runtime;

fn alloc(shape: &[u32], dtype: DType) -> Result<Handle, JsError> {
    runtime::with(|rt| {
        let dims: Vec<usize> = shape.iter().map(|&d| d as usize).collect();
        checked_len("tensor", &dims)?;
        Ok(rt.store.insert(Tensor::zeros(&dims, dtype)))
    })
}

/// A new zero-filled float32 tensor.
#[wasm_bindgen]
pub fn alloc_f32(shape: &[u32]) -> Result<Handle, JsError> {
    alloc(shape, DType::F32)
}

/// A new zero-filled int32 tensor.
#[wasm_bindgen]
pub fn alloc_i32(shape: &[u32]) -> Result<Handle, JsError> {
    alloc(shape, DType::I32)
}

/// The byte offset of the tensor's values in wasm memory. Valid until the next call into wasm.
#[wasm_bindgen]
pub fn tensor_data_ptr(handle: Handle) -> Result<u32, JsError> {
    runtime::with(|rt| {
        let tensor = rt.store.get_mut(handle)?;
        Ok(match &mut tensor.data {
            kerasm_core::tensor::Data::F32(a) => a.as_slice_mut().unwrap().as_mut_ptr() as u32,
            kerasm_core::tensor::Data::I32(a) => a.as_slice_mut().unwrap().as_mut_ptr() as u32,
        })
    })
}

#[wasm_bindgen]
pub fn tensor_shape(handle: Handle) -> Result<Vec<u32>, JsError> {
    runtime::with(|rt| Ok(rt.store.get(handle)?.shape().iter().map(|&d| d as u32).collect()))
}

/// 0 for float32, 1 for int32.
#[wasm_bindgen]
pub fn tensor_dtype(handle: Handle) -> Result<u8, JsError> {
    runtime::with(|rt| Ok(match rt.store.get(handle)?.dtype() {
        DType::F32 => 0,
        DType::I32 => 1,
    }))
}

/// Frees the tensor behind `handle`.
#[wasm_bindgen]
pub fn free(handle: Handle) -> Result<(), JsError> {
    runtime::with(|rt| rt.store.remove(handle).map(drop))
}

#[wasm_bindgen]
pub fn live_tensors() -> usize {
    runtime::with(|rt| Ok(rt.store.live_tensors())).unwrap_or(0)
}

#[wasm_bindgen]
pub fn live_bytes() -> usize {
    runtime::with(|rt| Ok(rt.store.live_bytes())).unwrap_or(0)
}

/// The module's `WebAssembly.Memory`, for copying tensor data in and out.
#[wasm_bindgen]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}
