//! kerasm's compute core. Pure Rust: it knows nothing of JavaScript, so every kernel and its
//! backward builds and tests natively with `cargo test`.
pub mod kernels;
