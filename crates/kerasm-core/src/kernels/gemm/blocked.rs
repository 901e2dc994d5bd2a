//! The packed, cache-blocked product (Goto/BLIS loop nest) and its split over row blocks of C.

use rayon::prelude::*;

use super::{microkernel, pack, MatRef, MR, NR};

/// Depth of a packed panel: a `KC × NR` B strip (16 KiB) stays in L1 while the A block streams.
/// Each panel reads and writes all of C once, so 512 halves that traffic against 256 (4% faster
/// at n = 1024 in V8).
pub(super) const KC: usize = 512;
/// Rows of C per block (a multiple of MR): the packed `MC × KC` A block (200 KiB) stays in L2.
/// 60–200 measured within 2%.
pub(super) const MC: usize = 100;
/// Columns of C per packed B panel (`KC × NC`, 4 MiB at most).
pub(super) const NC: usize = 4096;

/// C = A·B or C += A·B through packed buffers; with `parallel`, packing B and the row blocks
/// of C are shared out among rayon's threads.
pub(super) fn sgemm(a: MatRef, b: MatRef, c: &mut [f32], accumulate: bool, parallel: bool) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    // A multiple of the thread count of blocks (so no thread idles at the end), at most MC rows
    // each.
    let mc = if parallel {
        let threads = rayon::current_num_threads();
        m.div_ceil(m.div_ceil(MC * threads) * threads).next_multiple_of(MR)
    } else {
        MC
    };
    let mut b_pack = Vec::new();
    let mut a_pack = Vec::new();
    for jc in (0..n).step_by(NC) {
        let nc = NC.min(n - jc);
        for pc in (0..k).step_by(KC) {
            let kc = KC.min(k - pc);
            let overwrite = pc == 0 && !accumulate;
            b_pack.resize(nc.div_ceil(NR) * kc * NR, 0.0);
            if parallel {
                let group = nc.div_ceil(NR).div_ceil(rayon::current_num_threads());
                b_pack
                    .par_chunks_mut(group * kc * NR)
                    .enumerate()
                    .for_each(|(g, out)| pack::b_strips(b, pc, kc, jc + g * group * NR, out));
            } else {
                pack::b_strips(b, pc, kc, jc, &mut b_pack);
            }
            let b_pack = &b_pack;
            let block = |a_pack: &mut Vec<f32>, (ib, c_rows): (usize, &mut [f32])| {
                pack::a_block(a, ib * mc, c_rows.len() / n, pc, kc, a_pack);
                macro_kernel(a_pack, b_pack, kc, c_rows, n, jc, nc, overwrite);
            };
            if parallel {
                c.par_chunks_mut(mc * n).enumerate().for_each_init(Vec::new, block);
            } else {
                c.chunks_mut(mc * n)
                    .enumerate()
                    .for_each(|item| block(&mut a_pack, item));
            }
        }
    }
}

/// Multiplies a packed A block by a packed B panel into columns `jc..jc + nc` of `c_rows`
/// (whole rows of C, `n` wide), overwriting or adding.
#[allow(clippy::too_many_arguments)]
pub(super) fn macro_kernel(
    a_pack: &[f32],
    b_pack: &[f32],
    kc: usize,
    c_rows: &mut [f32],
    n: usize,
    jc: usize,
    nc: usize,
    overwrite: bool,
) {
    let rows = c_rows.len() / n;
    for (s, b_strip) in b_pack.chunks_exact(kc * NR).enumerate() {
        let j0 = jc + s * NR;
        let w = NR.min(jc + nc - j0);
        for (r, a_strip) in a_pack.chunks_exact(kc * MR).enumerate() {
            let i0 = r * MR;
            let tile = microkernel::tile(a_strip, b_strip);
            for (ii, t_row) in tile.chunks_exact(NR).take(MR.min(rows - i0)).enumerate() {
                let start = (i0 + ii) * n + j0;
                if w == NR {
                    // A constant length: straight-line vector code, not a call to memcpy.
                    write_row(&mut c_rows[start..start + NR], t_row, overwrite);
                } else {
                    write_row(&mut c_rows[start..start + w], &t_row[..w], overwrite);
                }
            }
        }
    }
}

/// Stores or adds one row of a tile into C.
#[inline(always)]
fn write_row(c_row: &mut [f32], t_row: &[f32], overwrite: bool) {
    if overwrite {
        c_row.copy_from_slice(t_row);
    } else {
        c_row.iter_mut().zip(t_row).for_each(|(c, t)| *c += t);
    }
}
