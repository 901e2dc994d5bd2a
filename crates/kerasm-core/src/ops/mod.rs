//! Ops on tensors: argument checks, the kernel, and the backward recorded on the tape.
//! One file per family; each file's tests hold its reference values and gradient checks.
pub mod bincount;
pub mod broadcast;
pub mod cast;
pub mod compare;
pub mod conv;
pub mod ctc;
pub mod einsum;
pub mod elementwise;
pub mod gather;
pub mod hashing;
pub mod image;
pub mod matmul;
pub mod patches;
pub mod pool;
pub mod random;
pub mod recurrent;
pub mod reduce;
pub mod scan;
pub mod shape;
pub mod softmax;
pub mod special;
pub mod top_k;
