//! The `MR×NR` micro-kernel in plain Rust, for native builds (the compiler vectorises it) and
//! WebAssembly without SIMD.

use super::{MR, NR};

/// The `MR×NR` product of a packed A strip (`kc × MR`) and a packed B strip (`kc × NR`),
/// row-major.
#[inline(always)]
pub(super) fn tile(a: &[f32], b: &[f32]) -> [f32; MR * NR] {
    let mut acc = [0.0f32; MR * NR];
    for (a_col, b_row) in a.chunks_exact(MR).zip(b.chunks_exact(NR)) {
        for (i, &ai) in a_col.iter().enumerate() {
            for (c, &bj) in acc[i * NR..][..NR].iter_mut().zip(b_row) {
                *c += ai * bj;
            }
        }
    }
    acc
}
