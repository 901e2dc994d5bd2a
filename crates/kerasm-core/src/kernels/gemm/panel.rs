//! Products against one B packed once, with the rows of A produced on the fly, `MR` at a time:
//! a convolution packs its kernel once and writes each strip of patches straight into the
//! micro-kernel's layout, so that the patch matrix is never materialised in full.

use super::blocked::{macro_kernel, KC, NC};
use super::direct::SHALLOW_K;
use super::{pack, MatRef, MR, NR};

/// A `k × n` matrix B packed into `NR`-wide strips of its whole depth.
pub struct PackedB {
    data: Vec<f32>,
    k: usize,
    n: usize,
}

impl PackedB {
    /// Packs `b`, or None when it is too deep or too wide for one panel, or so shallow that
    /// `sgemm`'s unpacked path is faster (then use `sgemm`).
    pub fn new(b: MatRef) -> Option<PackedB> {
        let (k, n) = (b.rows, b.cols);
        if k <= SHALLOW_K || k > KC || n == 0 || n > NC {
            return None;
        }
        let mut data = vec![0.0; n.div_ceil(NR) * k * NR];
        pack::b_strips(b, 0, k, 0, &mut data);
        Some(PackedB { data, k, n })
    }

    /// Rows of A (and of B's depth).
    pub fn depth(&self) -> usize {
        self.k
    }

    /// C = A·B for the `c.len() / n` rows of A that `fill_row(i, row)` writes (row `i` of this
    /// block, `depth()` values), through the reusable buffers `scratch`.
    pub fn multiply(&self, c: &mut [f32], scratch: &mut StripScratch, mut fill_row: impl FnMut(usize, &mut [f32])) {
        let (k, n) = (self.k, self.n);
        scratch.rows.resize(MR * k, 0.0);
        scratch.strip.resize(MR * k, 0.0);
        for (s, c_rows) in c.chunks_mut(MR * n).enumerate() {
            let h = c_rows.len() / n;
            for (ii, row) in scratch.rows.chunks_exact_mut(k).enumerate() {
                if ii < h {
                    fill_row(s * MR + ii, row);
                } else {
                    row.fill(0.0);
                }
            }
            pack::a_block(MatRef::row_major(&scratch.rows, MR, k), 0, MR, 0, k, &mut scratch.strip);
            macro_kernel(&scratch.strip, &self.data, k, c_rows, n, 0, n, true);
        }
    }
}

/// The per-thread buffers of [`PackedB::multiply`]: `MR` rows of A and their packed strip.
#[derive(Default)]
pub struct StripScratch {
    rows: Vec<f32>,
    strip: Vec<f32>,
}
