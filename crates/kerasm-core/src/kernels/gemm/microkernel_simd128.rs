//! The `MR×NR` = 5×8 micro-kernel in WebAssembly SIMD: ten `f32x4` accumulators; each step
//! loads two B vectors and broadcasts five A elements straight from memory.
//!
//! V8 on x64 allocates 15 vector registers, and this loop is bound by the instructions it
//! issues rather than by the arithmetic units: 5×8 fits in 14 registers (10 accumulators, 2 B
//! vectors, a broadcast and a product) with the fewest loads and loop instructions per flop.
//! In the whole product at n = 1024, 3×12 measured 9% slower; 4×8 was 6% slower on its own;
//! 6×8 and 4×12 spill, and so does unrolling k (LLVM then groups the work by accumulator across
//! steps, keeping every step's B vectors live). Separate multiply and add, not FMA: relaxed SIMD
//! is not available everywhere.

use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat, v128, v128_load, v128_load32_splat, v128_store};
use core::hint::black_box;

use super::{MR, NR};

/// `f32x4` vectors per row of the tile.
const VECS: usize = NR / 4;

/// The `MR×NR` product of a packed A strip (`kc × MR`) and a packed B strip (`kc × NR`),
/// row-major.
#[inline(never)]
pub(super) fn tile(a: &[f32], b: &[f32]) -> [f32; MR * NR] {
    let kc = a.len() / MR;
    assert!(a.len() == kc * MR && b.len() == kc * NR, "micro-kernel strips of unequal depth");
    // LLVM's loop-strength reduction rewrites pointer increments into address arithmetic that
    // WebAssembly cannot fold into a load's constant offset (about 8 extra instructions per
    // step). Passing the addresses through `| zero`, with a zero the optimiser cannot see, hides
    // the induction from it; that costs one `or` per pointer per step.
    let zero = black_box(0usize);
    let (mut pa, mut pb) = (a.as_ptr() as usize, b.as_ptr() as usize);
    let end = pa + kc * MR * 4;
    let mut acc = [[f32x4_splat(0.0); VECS]; MR];
    while pa != end {
        let (a_col, b_row) = (pa as *const f32, pb as *const f32);
        // SAFETY: `pa` walks `a` and `pb` walks `b` in steps of MR and NR elements, kc steps in
        // all (checked above), so every load reads inside the slices; none needs alignment.
        unsafe {
            let mut bv = [f32x4_splat(0.0); VECS];
            for (v, bv) in bv.iter_mut().enumerate() {
                *bv = v128_load(b_row.add(4 * v).cast::<v128>());
            }
            for (i, acc_row) in acc.iter_mut().enumerate() {
                let ai = v128_load32_splat(a_col.add(i).cast::<u32>());
                for (acc, &bv) in acc_row.iter_mut().zip(&bv) {
                    *acc = f32x4_add(*acc, f32x4_mul(ai, bv));
                }
            }
        }
        pa = (pa + MR * 4) | zero;
        pb = (pb + NR * 4) | zero;
    }
    let mut out = [0.0f32; MR * NR];
    for (dst, &x) in out.chunks_exact_mut(4).zip(acc.iter().flatten()) {
        // SAFETY: `dst` holds exactly 4 elements; `v128_store` does not require alignment.
        unsafe { v128_store(dst.as_mut_ptr().cast::<v128>(), x) };
    }
    out
}
