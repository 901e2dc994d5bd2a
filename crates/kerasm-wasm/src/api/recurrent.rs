//! The `recurrent` export over `kerasm_core::ops::recurrent`: one call runs a whole sequence.
use kerasm_core::ops::recurrent::{self as rnn, Activation, Cell, RecurrentArgs, RecurrentInputs};
use kerasm_core::{Handle, KerasmError, Tensor};
use wasm_bindgen::prelude::*;

use crate::runtime::with;

fn invalid(message: String) -> JsError {
    JsError::new(&KerasmError::Invalid { op: "recurrent", message }.to_string())
}

/// Runs `cell` (`"lstm"`, `"gru"` or `"simple_rnn"`) over `x` (batch, steps, features) with
/// `weights` = kernel, recurrent kernel and optionally the bias, from `states` (h, and c for an
/// LSTM), honouring `mask` (batch, steps). Returns the packed `(batch, steps [+ 1], units)`
/// result: the outputs in processing order, then an LSTM's final carry.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn recurrent(
    cell: &str,
    reset_after: bool,
    activation: &str,
    recurrent_activation: &str,
    go_backwards: bool,
    x: Handle,
    weights: &[Handle],
    states: &[Handle],
    mask: Option<Handle>,
) -> Result<Handle, JsError> {
    let cell = match cell {
        "lstm" => Cell::Lstm,
        "gru" => Cell::Gru { reset_after },
        "simple_rnn" => Cell::SimpleRnn,
        other => return Err(invalid(format!("unknown cell {other:?}"))),
    };
    let activation_of = |name: &str| Activation::from_name(name).ok_or_else(|| invalid(format!("activation {name:?} has no fused kernel")));
    let args = RecurrentArgs { cell, activation: activation_of(activation)?, recurrent_activation: activation_of(recurrent_activation)?, go_backwards };
    if !(2..=3).contains(&weights.len()) {
        return Err(invalid(format!("expected the kernel, the recurrent kernel and an optional bias, received {} weights", weights.len())));
    }
    with(|rt| {
        let get = |h: Handle| rt.store.get(h).cloned();
        let weights: Vec<Tensor> = weights.iter().map(|&h| get(h)).collect::<Result<_, _>>()?;
        let states: Vec<Tensor> = states.iter().map(|&h| get(h)).collect::<Result<_, _>>()?;
        let (x, mask) = (get(x)?, mask.map(get).transpose()?);
        let state_refs: Vec<&Tensor> = states.iter().collect();
        let inputs = RecurrentInputs { x: &x, kernel: &weights[0], recurrent_kernel: &weights[1], bias: weights.get(2), states: &state_refs, mask: mask.as_ref() };
        let out = rnn::recurrent(&mut rt.tape, &inputs, args)?;
        Ok(rt.store.insert(out))
    })
}
