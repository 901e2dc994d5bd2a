//! Packing: copies of A and B laid out in the order the micro-kernel reads them, zero-padded
//! so that edge tiles are full tiles.

use super::{MatRef, MR, NR};

/// Packs rows `pc..pc + kc` of the `NR` columns of B starting at `j0` into `out` (`kc × NR`,
/// row by row, `kc = out.len() / NR`). Columns past the end of B are zeros.
pub(super) fn b_strip(b: MatRef, pc: usize, j0: usize, out: &mut [f32]) {
    let w = NR.min(b.cols - j0);
    for (p, dst) in out.chunks_exact_mut(NR).enumerate() {
        let row = (pc + p) * b.row_stride;
        let (live, pad) = dst.split_at_mut(w);
        if b.col_stride == 1 {
            live.copy_from_slice(&b.data[row + j0..][..w]);
        } else {
            for (jj, d) in live.iter_mut().enumerate() {
                *d = b.data[row + (j0 + jj) * b.col_stride];
            }
        }
        pad.fill(0.0);
    }
}

/// Packs the `rows × kc` block of A at (`i0`, `pc`) into `out` as `MR`-tall strips, each stored
/// column by column (`kc × MR`). Rows past `rows` are zeros.
pub(super) fn a_block(a: MatRef, i0: usize, rows: usize, pc: usize, kc: usize, out: &mut Vec<f32>) {
    out.resize(rows.div_ceil(MR) * kc * MR, 0.0);
    for (s, strip) in out.chunks_exact_mut(kc * MR).enumerate() {
        let h = MR.min(rows - s * MR);
        for (p, dst) in strip.chunks_exact_mut(MR).enumerate() {
            for (ii, d) in dst.iter_mut().enumerate() {
                *d = if ii < h { a.at(i0 + s * MR + ii, pc + p) } else { 0.0 };
            }
        }
    }
}
