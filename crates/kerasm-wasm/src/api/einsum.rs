//! The `einsum` export over `kerasm_core::ops::einsum`.
use kerasm_core::ops::einsum::{self as ops, Label};
use kerasm_core::{Handle, Tensor};
use wasm_bindgen::prelude::*;

use crate::runtime;

/// The Einstein sum of the tensors `handles`: operand `i`'s axes carry the next `ranks[i]` entries
/// of `labels`, and the result's axes the labels `output`.
#[wasm_bindgen]
pub fn einsum(handles: &[u32], ranks: &[u32], labels: &[u32], output: &[u32]) -> Result<Handle, JsError> {
    runtime::with(|rt| {
        let xs = handles.iter().map(|&h| rt.store.get(h).cloned()).collect::<Result<Vec<Tensor>, _>>()?;
        let refs: Vec<&Tensor> = xs.iter().collect();
        let mut rest = labels;
        let mut inputs: Vec<Vec<Label>> = Vec::with_capacity(ranks.len());
        for &rank in ranks {
            let (own, after) = rest.split_at((rank as usize).min(rest.len()));
            inputs.push(own.to_vec());
            rest = after;
        }
        let out = ops::einsum(&mut rt.tape, &refs, &inputs, output)?;
        Ok(rt.store.insert(out))
    })
}
