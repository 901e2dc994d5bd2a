//! Exports, one file per op family, mirroring `kerasm_core::ops`.
pub mod elementwise;
pub mod memory;
pub mod tape;
pub mod threads;
