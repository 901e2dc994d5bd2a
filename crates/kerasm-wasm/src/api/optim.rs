//! Optimizer update exports: in-place updates of a variable's tensor and its slot tensors,
//! one call per variable into `kerasm_core::optim`. A slot that the hyperparameters leave
//! unused (no momentum, no AMSGrad, not centered) is passed as `NO_SLOT`.
use kerasm_core::error::fail;
use kerasm_core::optim::adadelta::{adadelta, Adadelta, AdadeltaSlots};
use kerasm_core::optim::adagrad::{adagrad, Adagrad};
use kerasm_core::optim::adafactor::{adafactor, Adafactor, AdafactorSlots};
use kerasm_core::optim::adam::{adam, Adam, AdamSlots};
use kerasm_core::optim::adamax::{adamax, Adamax, AdamaxSlots};
use kerasm_core::optim::lion::{lion, Lion};
use kerasm_core::optim::nadam::{nadam, Nadam, NadamSlots};
use kerasm_core::optim::base_steps::{accumulate_gradient, decay_weight, moving_average};
use kerasm_core::optim::finite::all_finite;
use kerasm_core::optim::ftrl::{ftrl, Ftrl, FtrlSlots};
use kerasm_core::optim::lamb::{lamb, Lamb, LambSlots};
use kerasm_core::optim::rmsprop::{rmsprop, RmsProp, RmsPropSlots};
use kerasm_core::optim::sgd::{sgd, Sgd};
use kerasm_core::{DType, Handle, Result, Tensor};
use wasm_bindgen::prelude::*;

use crate::runtime;

/// Stands for an absent slot.
pub const NO_SLOT: Handle = u32::MAX;

/// Moves the tensors behind `handles` (`NO_SLOT`: absent) out of the store, so that several
/// can be borrowed mutably at once, runs `f` on them, and moves them back whatever `f` returns.
fn with_taken<const N: usize>(
    op: &'static str,
    handles: [Handle; N],
    f: impl FnOnce(&mut [Option<Tensor>; N]) -> Result<()>,
) -> std::result::Result<(), JsError> {
    runtime::with(|rt| {
        for (i, &h) in handles.iter().enumerate() {
            if h == NO_SLOT {
                continue;
            }
            rt.store.get(h)?;
            if handles[..i].contains(&h) {
                return fail(op, format!("tensor handle {h} is passed twice: the variable, gradient and slots must be distinct tensors"));
            }
        }
        let mut taken: [Option<Tensor>; N] = std::array::from_fn(|_| None);
        for (slot, &h) in taken.iter_mut().zip(&handles) {
            if h != NO_SLOT {
                *slot = Some(std::mem::replace(rt.store.get_mut(h)?, Tensor::zeros(&[0], DType::F32)));
            }
        }
        let result = f(&mut taken);
        for (slot, &h) in taken.iter_mut().zip(&handles) {
            if let Some(tensor) = slot.take() {
                *rt.store.get_mut(h)? = tensor;
            }
        }
        result
    })
}

/// The tensor behind a handle that must be given.
fn given<'a>(op: &'static str, what: &str, tensor: &'a mut Option<Tensor>) -> Result<&'a mut Tensor> {
    match tensor {
        Some(t) => Ok(t),
        None => fail(op, format!("the {what} handle must be given")),
    }
}

/// One SGD step on `variable` in place (`momentum_slot`: `NO_SLOT` when `momentum` is 0).
#[wasm_bindgen]
pub fn sgd_update(
    variable: Handle,
    gradient: Handle,
    momentum_slot: Handle,
    learning_rate: f32,
    momentum: f32,
    nesterov: bool,
) -> std::result::Result<(), JsError> {
    let h = Sgd { learning_rate, momentum, nesterov };
    with_taken("SGD", [variable, gradient, momentum_slot], |[var, grad, m]| {
        sgd(given("SGD", "variable", var)?, given("SGD", "gradient", grad)?, m.as_mut(), &h)
    })
}

/// One Adam step on `variable` in place; `iterations` counts the steps already taken
/// (`vhat`: `NO_SLOT` unless `amsgrad`).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn adam_update(
    variable: Handle,
    gradient: Handle,
    m: Handle,
    v: Handle,
    vhat: Handle,
    learning_rate: f32,
    beta_1: f32,
    beta_2: f32,
    epsilon: f32,
    amsgrad: bool,
    iterations: u32,
) -> std::result::Result<(), JsError> {
    let h = Adam { learning_rate, beta_1, beta_2, epsilon, amsgrad };
    with_taken("Adam", [variable, gradient, m, v, vhat], |[var, grad, m, v, vhat]| {
        let slots = AdamSlots { m: m.as_mut(), v: v.as_mut(), vhat: vhat.as_mut() };
        adam(given("Adam", "variable", var)?, given("Adam", "gradient", grad)?, slots, &h, iterations.into())
    })
}

/// One RMSprop step on `variable` in place (`average_gradient`: `NO_SLOT` unless `centered`;
/// `momentum_slot`: `NO_SLOT` unless `momentum > 0`).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn rmsprop_update(
    variable: Handle,
    gradient: Handle,
    velocity: Handle,
    average_gradient: Handle,
    momentum_slot: Handle,
    learning_rate: f32,
    rho: f32,
    momentum: f32,
    epsilon: f32,
    centered: bool,
) -> std::result::Result<(), JsError> {
    let h = RmsProp { learning_rate, rho, momentum, epsilon, centered };
    with_taken("RMSprop", [variable, gradient, velocity, average_gradient, momentum_slot], |[var, grad, vel, avg, m]| {
        let slots = RmsPropSlots { velocity: vel.as_mut(), average_gradient: avg.as_mut(), momentum: m.as_mut() };
        rmsprop(given("RMSprop", "variable", var)?, given("RMSprop", "gradient", grad)?, slots, &h)
    })
}

// AdamW has no export of its own: it is Adam with weight decay (`adam_update`).

/// One Adagrad step on `variable` in place.
#[wasm_bindgen]
pub fn adagrad_update(variable: Handle, gradient: Handle, accumulator: Handle, learning_rate: f32, epsilon: f32) -> std::result::Result<(), JsError> {
    let h = Adagrad { learning_rate, epsilon };
    with_taken("Adagrad", [variable, gradient, accumulator], |[var, grad, acc]| {
        adagrad(given("Adagrad", "variable", var)?, given("Adagrad", "gradient", grad)?, acc.as_mut(), &h)
    })
}

/// One Adadelta step on `variable` in place.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn adadelta_update(
    variable: Handle,
    gradient: Handle,
    accumulated_grad: Handle,
    accumulated_delta_var: Handle,
    learning_rate: f32,
    rho: f32,
    epsilon: f32,
) -> std::result::Result<(), JsError> {
    let h = Adadelta { learning_rate, rho, epsilon };
    with_taken("Adadelta", [variable, gradient, accumulated_grad, accumulated_delta_var], |[var, grad, acc_grad, acc_delta]| {
        let slots = AdadeltaSlots { accumulated_grad: acc_grad.as_mut(), accumulated_delta_var: acc_delta.as_mut() };
        adadelta(given("Adadelta", "variable", var)?, given("Adadelta", "gradient", grad)?, slots, &h)
    })
}

/// One Adamax step on `variable` in place; `iterations` counts the steps already taken.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn adamax_update(
    variable: Handle,
    gradient: Handle,
    momentum: Handle,
    norm: Handle,
    learning_rate: f32,
    beta_1: f32,
    beta_2: f32,
    epsilon: f32,
    iterations: u32,
) -> std::result::Result<(), JsError> {
    let h = Adamax { learning_rate, beta_1, beta_2, epsilon };
    with_taken("Adamax", [variable, gradient, momentum, norm], |[var, grad, m, u]| {
        let slots = AdamaxSlots { momentum: m.as_mut(), norm: u.as_mut() };
        adamax(given("Adamax", "variable", var)?, given("Adamax", "gradient", grad)?, slots, &h, iterations.into())
    })
}

/// One Nadam step on `variable` in place; `iterations` counts the steps already taken, and
/// `advance_u_product` is set for the first variable of a step (`u_product`: the optimizer's
/// one-value variable).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn nadam_update(
    variable: Handle,
    gradient: Handle,
    momentum: Handle,
    velocity: Handle,
    u_product: Handle,
    learning_rate: f32,
    beta_1: f32,
    beta_2: f32,
    epsilon: f32,
    iterations: u32,
    advance_u_product: bool,
) -> std::result::Result<(), JsError> {
    let h = Nadam { learning_rate, beta_1, beta_2, epsilon };
    with_taken("Nadam", [variable, gradient, momentum, velocity, u_product], |[var, grad, m, v, u]| {
        let slots = NadamSlots { momentum: m.as_mut(), velocity: v.as_mut(), u_product: u.as_mut() };
        nadam(given("Nadam", "variable", var)?, given("Nadam", "gradient", grad)?, slots, &h, iterations.into(), advance_u_product)
    })
}

/// One Lion step on `variable` in place.
#[wasm_bindgen]
pub fn lion_update(variable: Handle, gradient: Handle, momentum: Handle, learning_rate: f32, beta_1: f32, beta_2: f32) -> std::result::Result<(), JsError> {
    let h = Lion { learning_rate, beta_1, beta_2 };
    with_taken("Lion", [variable, gradient, momentum], |[var, grad, m]| {
        lion(given("Lion", "variable", var)?, given("Lion", "gradient", grad)?, m.as_mut(), &h)
    })
}

/// Keras's decoupled weight decay on `variable` in place: `var -= var * weight_decay * learning_rate`.
#[wasm_bindgen]
pub fn weight_decay_update(variable: Handle, weight_decay: f32, learning_rate: f32) -> std::result::Result<(), JsError> {
    with_taken("weight decay", [variable], |[var]| decay_weight(given("weight decay", "variable", var)?, weight_decay, learning_rate))
}

/// One step of the weights' moving average in place (`use_ema`); with `overwrite`, the weight
/// then takes the average's value.
#[wasm_bindgen]
pub fn moving_average_update(average: Handle, variable: Handle, momentum: f32, overwrite: bool) -> std::result::Result<(), JsError> {
    with_taken("moving average", [average, variable], |[avg, var]| {
        moving_average(given("moving average", "average", avg)?, given("moving average", "variable", var)?, momentum, overwrite)
    })
}

/// Adds a step's gradient to its accumulator in place (`gradient_accumulation_steps`).
#[wasm_bindgen]
pub fn gradient_accumulation_update(accumulator: Handle, gradient: Handle) -> std::result::Result<(), JsError> {
    with_taken("gradient accumulation", [accumulator, gradient], |[acc, grad]| {
        accumulate_gradient(given("gradient accumulation", "accumulator", acc)?, given("gradient accumulation", "gradient", grad)?)
    })
}

/// One FTRL step on `variable` in place.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn ftrl_update(
    variable: Handle,
    gradient: Handle,
    accumulator: Handle,
    linear: Handle,
    learning_rate: f32,
    learning_rate_power: f32,
    l1_regularization_strength: f32,
    l2_regularization_strength: f32,
    l2_shrinkage_regularization_strength: f32,
    beta: f32,
) -> std::result::Result<(), JsError> {
    let h = Ftrl {
        learning_rate,
        learning_rate_power,
        l1_regularization_strength,
        l2_regularization_strength,
        l2_shrinkage_regularization_strength,
        beta,
    };
    with_taken("Ftrl", [variable, gradient, accumulator, linear], |[var, grad, n, linear]| {
        let slots = FtrlSlots { accumulator: n.as_mut(), linear: linear.as_mut() };
        ftrl(given("Ftrl", "variable", var)?, given("Ftrl", "gradient", grad)?, slots, &h)
    })
}

/// One LAMB step on `variable` in place; `iterations` counts the steps already taken.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn lamb_update(
    variable: Handle,
    gradient: Handle,
    momentum: Handle,
    velocity: Handle,
    learning_rate: f32,
    beta_1: f32,
    beta_2: f32,
    epsilon: f32,
    iterations: u32,
) -> std::result::Result<(), JsError> {
    let h = Lamb { learning_rate, beta_1, beta_2, epsilon };
    with_taken("Lamb", [variable, gradient, momentum, velocity], |[var, grad, m, v]| {
        let slots = LambSlots { momentum: m.as_mut(), velocity: v.as_mut() };
        lamb(given("Lamb", "variable", var)?, given("Lamb", "gradient", grad)?, slots, &h, iterations.into())
    })
}

/// One Adafactor step on `variable` in place; `iterations` counts the steps already taken
/// (`r`, `c`: the factored moments, `NO_SLOT` for a variable of rank below 2).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn adafactor_update(
    variable: Handle,
    gradient: Handle,
    r: Handle,
    c: Handle,
    velocity: Handle,
    learning_rate: f32,
    beta_2_decay: f32,
    epsilon_1: f32,
    epsilon_2: f32,
    clip_threshold: f32,
    iterations: u32,
) -> std::result::Result<(), JsError> {
    let h = Adafactor { learning_rate, beta_2_decay, epsilon_1, epsilon_2, clip_threshold };
    with_taken("Adafactor", [variable, gradient, r, c, velocity], |[var, grad, r, c, v]| {
        let slots = AdafactorSlots { r: r.as_mut(), c: c.as_mut(), velocity: v.as_mut() };
        adafactor(given("Adafactor", "variable", var)?, given("Adafactor", "gradient", grad)?, slots, &h, iterations.into())
    })
}

/// Whether every gradient behind `gradients` is finite (no NaN, no infinity).
#[wasm_bindgen]
pub fn gradients_finite(gradients: &[Handle]) -> std::result::Result<bool, JsError> {
    runtime::with(|rt| {
        let tensors = gradients.iter().map(|&h| rt.store.get(h)).collect::<Result<Vec<_>>>()?;
        all_finite(&tensors)
    })
}
