//! Products against one B packed once, with the rows of A produced on the fly, a cache-sized
//! block at a time: a convolution packs its kernel once and builds only one block of its patch
//! matrix at a time, never the whole matrix.

use super::blocked::{macro_kernel, KC, MC, NC};
use super::direct::SHALLOW_K;
use super::{pack, MatRef, NR};

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
    /// block, `depth()` values), through the reusable buffers `scratch`. A block of `MC` rows at
    /// a time, packed as the blocked product packs A: each B strip then stays in L1 while the
    /// block's strips stream past it.
    pub fn multiply(&self, c: &mut [f32], scratch: &mut BlockScratch, mut fill_row: impl FnMut(usize, &mut [f32])) {
        let (k, n) = (self.k, self.n);
        for (block, c_rows) in c.chunks_mut(MC * n).enumerate() {
            let rows = c_rows.len() / n;
            scratch.rows.resize(rows * k, 0.0);
            for (i, row) in scratch.rows.chunks_exact_mut(k).enumerate() {
                fill_row(block * MC + i, row);
            }
            pack::a_block(MatRef::row_major(&scratch.rows, rows, k), 0, rows, 0, k, &mut scratch.packed);
            macro_kernel(&scratch.packed, &self.data, k, c_rows, n, 0, n, true);
        }
    }
}

/// The per-thread buffers of [`PackedB::multiply`]: a block of rows of A, and packed.
#[derive(Default)]
pub struct BlockScratch {
    rows: Vec<f32>,
    packed: Vec<f32>,
}
