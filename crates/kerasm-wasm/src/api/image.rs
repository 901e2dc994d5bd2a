//! `resize` and `affine_transform` exports over `kerasm_core::ops::image`: batches of
//! `channels_last` images; the method, interpolation and fill mode cross as Keras's names.
use kerasm_core::ops::image::affine::{self, AffineArgs, FillMode, Interpolation};
use kerasm_core::ops::image::resize::{self as resize_op};
use kerasm_core::ops::image::resize_taps::ResizeMethod;
use kerasm_core::Handle;
use wasm_bindgen::prelude::*;

use crate::runtime::apply;

#[wasm_bindgen]
pub fn resize(images: Handle, height: u32, width: u32, interpolation: &str, antialias: bool) -> Result<Handle, JsError> {
    let method = ResizeMethod::parse("resize", interpolation)?;
    apply([images], |tape, [x]| resize_op::resize(tape, x, [height as usize, width as usize], method, antialias))
}

#[wasm_bindgen]
pub fn affine_transform(images: Handle, transforms: Handle, interpolation: &str, fill_mode: &str, fill_value: f32) -> Result<Handle, JsError> {
    const OP: &str = "affine_transform";
    let args = AffineArgs { interpolation: Interpolation::parse(OP, interpolation)?, fill_mode: FillMode::parse(OP, fill_mode)?, fill_value };
    apply([images, transforms], |tape, [x, m]| affine::affine_transform(tape, x, m, args))
}
