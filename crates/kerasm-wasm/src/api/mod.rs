//! Exports, one file per op family, mirroring `kerasm_core::ops`.
pub mod cast;
pub mod compare;
pub mod conv;
pub mod elementwise;
pub mod gather;
pub mod matmul;
pub mod memory;
pub mod optim;
pub mod patches;
pub mod pool;
pub mod random;
pub mod reduce;
pub mod shape;
pub mod softmax;
pub mod special;
pub mod tape;
pub mod threads;
