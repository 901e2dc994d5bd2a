//! The `conv` export over `kerasm_core::ops::conv`. Padding crosses as `"valid"`, `"same"` or
//! `"explicit"` with `pads` holding `before, after` per spatial axis.
use kerasm_core::ops::conv::{self as cv, ConvArgs, Padding};
use kerasm_core::{Handle, KerasmError};
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

#[wasm_bindgen]
pub fn conv(x: Handle, kernel: Handle, strides: &[u32], padding: &str, pads: &[u32], channels_first: bool, dilation_rate: &[u32]) -> Result<Handle, JsError> {
    let to_usize = |v: &[u32]| v.iter().map(|&s| s as usize).collect::<Vec<_>>();
    let padding = match padding {
        "valid" => Padding::Valid,
        "same" => Padding::Same,
        "explicit" if pads.len() % 2 == 0 => Padding::Explicit(pads.chunks_exact(2).map(|p| (p[0] as usize, p[1] as usize)).collect()),
        other => {
            let message = format!("padding must be 'valid', 'same' or explicit (before, after) pairs, received {other:?} with {} values", pads.len());
            return Err(JsError::new(&KerasmError::Invalid { op: "conv", message }.to_string()));
        }
    };
    let args = ConvArgs { strides: to_usize(strides), padding, channels_first, dilation_rate: to_usize(dilation_rate) };
    apply([x, kernel], |tape, [x, kernel]| cv::conv(tape, x, kernel, &args))
}

/// `conv_transpose`: padding is `"valid"` or `"same"`; an empty `output_padding` means Keras's default (None).
#[wasm_bindgen]
pub fn conv_transpose(x: Handle, kernel: Handle, strides: &[u32], padding: &str, output_padding: &[u32], channels_first: bool, dilation_rate: &[u32]) -> Result<Handle, JsError> {
    let to_usize = |v: &[u32]| v.iter().map(|&s| s as usize).collect::<Vec<_>>();
    let padding = match padding {
        "valid" => Padding::Valid,
        "same" => Padding::Same,
        other => {
            let message = format!("padding must be 'valid' or 'same', received {other:?}");
            return Err(JsError::new(&KerasmError::Invalid { op: "conv_transpose", message }.to_string()));
        }
    };
    let output_padding = (!output_padding.is_empty()).then(|| to_usize(output_padding));
    let args = cv::ConvTransposeArgs { strides: to_usize(strides), padding, output_padding, channels_first, dilation_rate: to_usize(dilation_rate) };
    apply([x, kernel], |tape, [x, kernel]| cv::conv_transpose(tape, x, kernel, &args))
}

/// `depthwise_conv`: padding is `"valid"` or `"same"`; the kernel is `(k…, channels, depth_multiplier)`.
#[wasm_bindgen]
pub fn depthwise_conv(x: Handle, kernel: Handle, strides: &[u32], padding: &str, channels_first: bool, dilation_rate: &[u32]) -> Result<Handle, JsError> {
    let to_usize = |v: &[u32]| v.iter().map(|&s| s as usize).collect::<Vec<_>>();
    let padding = match padding {
        "valid" => Padding::Valid,
        "same" => Padding::Same,
        other => {
            let message = format!("padding must be 'valid' or 'same', received {other:?}");
            return Err(JsError::new(&KerasmError::Invalid { op: "depthwise_conv", message }.to_string()));
        }
    };
    let args = ConvArgs { strides: to_usize(strides), padding, channels_first, dilation_rate: to_usize(dilation_rate) };
    apply([x, kernel], |tape, [x, kernel]| cv::depthwise_conv(tape, x, kernel, &args))
}
