//! kerasm's compute core. Pure Rust: it knows nothing of JavaScript, so every kernel and its
//! backward builds and tests natively with `cargo test`.
pub mod error;
pub mod kernels;
pub mod metrics;
pub mod ops;
pub mod optim;
pub mod parallel;
pub mod store;
pub mod tape;
pub mod tensor;

#[cfg(test)]
pub mod testing;

pub use error::{KerasmError, Result};
pub use store::{Handle, TensorStore};
pub use tape::Tape;
pub use tensor::{DType, Tensor};
