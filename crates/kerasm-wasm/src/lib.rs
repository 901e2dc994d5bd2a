//! The JavaScript binding of kerasm-core. Every export takes and returns tensor handles (`u32`)
//! and turns core errors into exceptions; the math lives in kerasm-core.
#[cfg(all(feature = "threads", not(target_feature = "atomics")))]
compile_error!("the `threads` feature needs `-C target-feature=+atomics,+bulk-memory` (see crates/kerasm-wasm/build-wasm.sh)");

pub mod api;
#[cfg(feature = "threads")]
mod pool;
mod runtime;
