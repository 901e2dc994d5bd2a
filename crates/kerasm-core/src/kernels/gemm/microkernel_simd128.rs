//! The `MR×NR` = 3×12 micro-kernel in WebAssembly SIMD: nine `f32x4` accumulators, each A
//! element broadcast once and multiplied by three B vectors.
//!
//! V8 on x64 allocates 15 vector registers. 3×12 (9 accumulators, 3 B vectors, a broadcast and
//! a product) fits and measured fastest; 4×8 fits too but issues more loads and address
//! arithmetic per flop, and 4×12, 5×8, 6×8 spill. Separate multiply and add, not FMA: relaxed
//! SIMD is not available everywhere.

use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat, v128, v128_load, v128_store};

use super::{MR, NR};

/// `f32x4` vectors per row of the tile.
const VECS: usize = NR / 4;

/// The `MR×NR` product of a packed A strip (`kc × MR`) and a packed B strip (`kc × NR`),
/// row-major.
#[inline(never)]
#[allow(clippy::needless_range_loop)]
pub(super) fn tile(a: &[f32], b: &[f32]) -> [f32; MR * NR] {
    let mut acc = [[f32x4_splat(0.0); VECS]; MR];
    for (a_col, b_row) in a.chunks_exact(MR).zip(b.chunks_exact(NR)) {
        // Index loops, B loads first and one broadcast at a time: this order keeps LLVM's
        // output within V8's registers (iterator chains here led to a spilled accumulator).
        let mut bv = [f32x4_splat(0.0); VECS];
        for (v, bv) in bv.iter_mut().enumerate() {
            // SAFETY: `b_row` has exactly NR = 4·VECS elements, so the 16 bytes at 4·v are in
            // bounds; `v128_load` does not require alignment.
            *bv = unsafe { v128_load(b_row.as_ptr().add(4 * v).cast::<v128>()) };
        }
        for i in 0..MR {
            let ai = f32x4_splat(a_col[i]);
            for v in 0..VECS {
                acc[i][v] = f32x4_add(acc[i][v], f32x4_mul(ai, bv[v]));
            }
        }
    }
    let mut out = [0.0f32; MR * NR];
    for (i, row) in acc.iter().enumerate() {
        for (v, &x) in row.iter().enumerate() {
            // SAFETY: the 4 elements at (i·VECS + v)·4 lie inside `out` (MR·NR = MR·VECS·4).
            unsafe { v128_store(out[(i * VECS + v) * 4..][..4].as_mut_ptr().cast::<v128>(), x) };
        }
    }
    out
}
