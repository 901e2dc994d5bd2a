//! Optimizer update kernels: in-place updates of a variable and its slots from a gradient,
//! with Keras's formulas.
pub mod adam;
pub mod rmsprop;
pub mod sgd;
