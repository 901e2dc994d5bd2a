//! Packing: copies of A and B laid out in the order the micro-kernel reads them, zero-padded
//! so that edge tiles are full tiles.

use super::{MatRef, MR, NR};

/// Packs rows `pc..pc + kc` of B, from column `j0` on, into `out` as consecutive `NR`-wide
/// strips (each `kc × NR`, row by row; `out.len()` is a multiple of `kc · NR`). Columns past the
/// end of B are zeros.
pub(super) fn b_strips(b: MatRef, pc: usize, kc: usize, j0: usize, out: &mut [f32]) {
    // A few rows of B at a time across all the strips: walking one strip down all kc rows
    // would touch a new page per row (rows of a large B are pages apart).
    const ROWS: usize = 16;
    for p0 in (0..kc).step_by(ROWS) {
        for (s, strip) in out.chunks_exact_mut(kc * NR).enumerate() {
            let j = j0 + s * NR;
            let w = NR.min(b.cols - j);
            for (p, dst) in strip.chunks_exact_mut(NR).enumerate().skip(p0).take(ROWS) {
                let row = (pc + p) * b.row_stride;
                let (live, pad) = dst.split_at_mut(w);
                if b.col_stride == 1 && w == NR {
                    // A constant length: vector moves, not a call to memcpy.
                    let src: &[f32; NR] = b.data[row + j..][..NR].try_into().unwrap();
                    live.copy_from_slice(src);
                } else if b.col_stride == 1 {
                    live.copy_from_slice(&b.data[row + j..][..w]);
                } else {
                    for (jj, d) in live.iter_mut().enumerate() {
                        *d = b.data[row + (j + jj) * b.col_stride];
                    }
                }
                pad.fill(0.0);
            }
        }
    }
}

/// Packs the `rows × kc` block of A at (`i0`, `pc`) into `out` as `MR`-tall strips, each stored
/// column by column (`kc × MR`). Rows past `rows` are zeros.
pub(super) fn a_block(a: MatRef, i0: usize, rows: usize, pc: usize, kc: usize, out: &mut Vec<f32>) {
    out.resize(rows.div_ceil(MR) * kc * MR, 0.0);
    for (s, strip) in out.chunks_exact_mut(kc * MR).enumerate() {
        let (i, h) = (i0 + s * MR, MR.min(rows - s * MR));
        if a.row_stride == 1 {
            // Column-major A (a transposed view): each step's MR values are contiguous.
            for (p, dst) in strip.chunks_exact_mut(MR).enumerate() {
                let src = &a.data[(pc + p) * a.col_stride + i..];
                if h == MR {
                    // A constant length: a few moves, not a call to memcpy.
                    dst.copy_from_slice(&src[..MR]);
                } else {
                    dst[..h].copy_from_slice(&src[..h]);
                    dst[h..].fill(0.0);
                }
            }
            continue;
        }
        if a.col_stride == 1 && h == MR {
            // Row-major A, a full strip: read MR rows side by side and write each step's MR
            // values together (writing one row at a time would scatter single floats MR apart).
            let rows: [&[f32]; MR] = std::array::from_fn(|ii| &a.data[(i + ii) * a.row_stride + pc..][..kc]);
            for (p, dst) in strip.chunks_exact_mut(MR).enumerate() {
                let dst: &mut [f32; MR] = dst.try_into().expect("MR-float chunks");
                *dst = std::array::from_fn(|ii| rows[ii][p]);
            }
            continue;
        }
        for ii in 0..MR {
            let dst = strip[ii..].iter_mut().step_by(MR);
            if ii >= h {
                dst.for_each(|d| *d = 0.0);
            } else if a.col_stride == 1 {
                // Row-major A: read the row's kc values contiguously, write them MR apart.
                let row = &a.data[(i + ii) * a.row_stride + pc..][..kc];
                dst.zip(row).for_each(|(d, &x)| *d = x);
            } else {
                dst.enumerate().for_each(|(p, d)| *d = a.at(i + ii, pc + p));
            }
        }
    }
}
