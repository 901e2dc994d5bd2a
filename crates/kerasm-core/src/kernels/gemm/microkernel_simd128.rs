//! The `MR×NR` = 4×8 micro-kernel in WebAssembly SIMD: eight `f32x4` accumulators, one
//! broadcast A element times two B vectors per row. Wider tiles (6×8, 4×12) spill registers in
//! V8 and run at half speed. Separate multiply and add, not FMA: relaxed SIMD is not available
//! everywhere.

use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat, v128, v128_load, v128_store};

use super::{MR, NR};

/// The `MR×NR` product of a packed A strip (`kc × MR`) and a packed B strip (`kc × NR`),
/// row-major.
#[inline(always)]
pub(super) fn tile(a: &[f32], b: &[f32]) -> [f32; MR * NR] {
    let mut acc = [f32x4_splat(0.0); 2 * MR];
    for (a_col, b_row) in a.chunks_exact(MR).zip(b.chunks_exact(NR)) {
        // SAFETY: `b_row` has exactly NR = 8 elements, so both 16-byte loads are in bounds;
        // `v128_load` does not require alignment.
        let (lo, hi) = unsafe {
            let p = b_row.as_ptr();
            (v128_load(p.cast::<v128>()), v128_load(p.add(4).cast::<v128>()))
        };
        for (i, &ai) in a_col.iter().enumerate() {
            let ai = f32x4_splat(ai);
            acc[2 * i] = f32x4_add(acc[2 * i], f32x4_mul(ai, lo));
            acc[2 * i + 1] = f32x4_add(acc[2 * i + 1], f32x4_mul(ai, hi));
        }
    }
    let mut out = [0.0f32; MR * NR];
    for (dst, v) in out.chunks_exact_mut(4).zip(acc) {
        // SAFETY: `dst` has exactly 4 elements, the 16 bytes stored; no alignment required.
        unsafe { v128_store(dst.as_mut_ptr().cast::<v128>(), v) };
    }
    out
}
