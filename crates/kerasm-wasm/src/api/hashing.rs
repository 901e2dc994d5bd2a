//! Hashing exports over `kerasm_core::ops::hashing`: strings cross as one UTF-8 buffer plus
//! `n + 1` offsets; 64-bit hashes as BigUint64Arrays; bins come back as int32 tensors.
use kerasm_core::ops::hashing as ops;
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime;

fn dims(shape: &[u32]) -> Vec<usize> {
    shape.iter().map(|&d| d as usize).collect()
}

/// The bins of the strings: FarmHash `Fingerprint64 % num_bins`, or with a two-word `key`, `SipHash-2-4 % num_bins`;
/// with `masked` (a flag per string), flagged strings in bin 0 and the others in bins 1 and up.
#[wasm_bindgen]
pub fn hash_to_bins(bytes: &[u8], offsets: &[u32], shape: &[u32], num_bins: i32, key: Option<Vec<u64>>, masked: Option<Vec<u8>>) -> Result<Handle, JsError> {
    let key = match key.as_deref() {
        None => None,
        Some(&[k0, k1]) => Some([k0, k1]),
        Some(other) => return Err(JsError::new(&format!("hash_to_bins: key must hold two words, received {}", other.len()))),
    };
    runtime::with(|rt| {
        Ok(rt.store.insert(ops::hash_to_bins(bytes, offsets, &dims(shape), num_bins.into(), key, masked.as_deref())?))
    })
}

/// The `Fingerprint64` of each string.
#[wasm_bindgen]
pub fn fingerprints(bytes: &[u8], offsets: &[u32]) -> Result<Vec<u64>, JsError> {
    Ok(ops::fingerprints(bytes, offsets)?)
}

/// The bins of `num_features` crossed features given by their hashes (feature after feature), as `tf.sparse.cross_hashed`.
#[wasm_bindgen]
pub fn cross_hashed(hashes: &[u64], num_features: u32, shape: &[u32], num_bins: i32) -> Result<Handle, JsError> {
    runtime::with(|rt| Ok(rt.store.insert(ops::cross_hashed(hashes, num_features as usize, &dims(shape), num_bins.into())?)))
}
