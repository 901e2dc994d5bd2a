//! Random exports over `kerasm_core::ops::random`. The key is a seed and a counter (Keras's
//! `SeedGenerator` state), both JavaScript integers below 2^53.
use kerasm_core::ops::random::{self, Key};
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime;

fn widen(values: &[i32]) -> Vec<i64> {
    values.iter().map(|&v| v as i64).collect()
}

/// A float32 tensor of `shape` drawn uniformly from `[minval, maxval)`.
#[wasm_bindgen]
pub fn random_uniform(shape: &[i32], minval: f32, maxval: f32, seed: f64, counter: f64) -> Result<Handle, JsError> {
    runtime::with(|rt| {
        let key = Key::from_f64("random_uniform", seed, counter)?;
        let out = random::uniform(&widen(shape), minval, maxval, key)?;
        Ok(rt.store.insert(out))
    })
}

/// A float32 tensor of `shape` drawn from N(`mean`, `stddev`²).
#[wasm_bindgen]
pub fn random_normal(shape: &[i32], mean: f32, stddev: f32, seed: f64, counter: f64) -> Result<Handle, JsError> {
    runtime::with(|rt| {
        let key = Key::from_f64("random_normal", seed, counter)?;
        let out = random::normal(&widen(shape), mean, stddev, key)?;
        Ok(rt.store.insert(out))
    })
}
