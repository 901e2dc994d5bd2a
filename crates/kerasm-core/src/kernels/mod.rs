//! Raw kernels over slices: the hot loops, with SIMD and rayon, free of tensor bookkeeping.
pub mod gemm;
