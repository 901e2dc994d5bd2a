//! Metric state exports: in-place updates of a metric's state tensors from a batch, into
//! `kerasm_core::metrics`. Nothing is allocated, nothing returned.
use kerasm_core::error::fail;
use kerasm_core::metrics::confusion::{update_confusion, ConfusionBatch, ConfusionSettings, ConfusionState};
use kerasm_core::{DType, Handle, Result, Tensor, TensorStore};
use wasm_bindgen::prelude::*;

use crate::api::optim::NO_SLOT;
use crate::runtime;

const OP: &str = "confusion_matrix";

/// Adds a batch's weighted confusion counts to a metric's state in place.
/// `state` is `[true_positives, false_positives, true_negatives, false_negatives]` and `batch`
/// `[y_true, y_pred, sample_weight, label_weights]`, each a handle or `NO_SLOT` (absent; y_true
/// and y_pred must be given). See `ConfusionSettings` for the rest.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn confusion_update(
    state: &[Handle],
    batch: &[Handle],
    thresholds: &[f32],
    evenly: bool,
    multi_label: bool,
    top_k: Option<u32>,
    class_id: Option<u32>,
    check_labels: bool,
) -> std::result::Result<(), JsError> {
    let settings = ConfusionSettings {
        thresholds,
        evenly,
        multi_label,
        top_k: top_k.map(|k| k as usize),
        class_id: class_id.map(|c| c as usize),
        check_labels,
    };
    runtime::with(|rt| {
        let [y_true, y_pred, sample_weight, label_weights] = read_batch(&rt.store, batch)?;
        let (Some(y_true), Some(y_pred)) = (y_true, y_pred) else { return fail(OP, "y_true and y_pred must be given") };
        let batch = ConfusionBatch { y_true: &y_true, y_pred: &y_pred, sample_weight: sample_weight.as_ref(), label_weights: label_weights.as_ref() };
        let mut taken = take_state(&mut rt.store, state)?;
        let [tp, fp, tn, fn_] = &mut taken;
        let targets = ConfusionState { true_positives: tp.as_mut(), false_positives: fp.as_mut(), true_negatives: tn.as_mut(), false_negatives: fn_.as_mut() };
        let result = update_confusion(targets, batch, &settings);
        for (tensor, &h) in taken.into_iter().zip(state) {
            if let Some(tensor) = tensor {
                *rt.store.get_mut(h)? = tensor;
            }
        }
        result
    })
}

/// The four batch tensors (shared, not copied), `None` for `NO_SLOT`.
fn read_batch(store: &TensorStore, handles: &[Handle]) -> Result<[Option<Tensor>; 4]> {
    let Ok(handles) = <[Handle; 4]>::try_from(handles) else { return fail(OP, format!("4 batch handles expected, received {}", handles.len())) };
    let mut tensors: [Option<Tensor>; 4] = Default::default();
    for (tensor, h) in tensors.iter_mut().zip(handles) {
        if h != NO_SLOT {
            *tensor = Some(store.get(h)?.clone());
        }
    }
    Ok(tensors)
}

/// Moves the four state tensors out of the store (`None` for `NO_SLOT`), so that each can be
/// borrowed mutably; the caller puts them back.
fn take_state(store: &mut TensorStore, handles: &[Handle]) -> Result<[Option<Tensor>; 4]> {
    let Ok(handles) = <[Handle; 4]>::try_from(handles) else { return fail(OP, format!("4 state handles expected, received {}", handles.len())) };
    for (i, &h) in handles.iter().enumerate() {
        if h != NO_SLOT && (store.get(h).is_err() || handles[..i].contains(&h)) {
            store.get(h)?;
            return fail(OP, format!("state handle {h} is passed twice: each count needs its own tensor"));
        }
    }
    let mut taken: [Option<Tensor>; 4] = Default::default();
    for (slot, h) in taken.iter_mut().zip(handles) {
        if h != NO_SLOT {
            *slot = Some(std::mem::replace(store.get_mut(h)?, Tensor::zeros(&[0], DType::F32)));
        }
    }
    Ok(taken)
}
