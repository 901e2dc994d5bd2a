//! Single-precision matrix multiply, `C = A·B` or `C += A·B`, over strided views.
//!
//! Large products follow the Goto/BLIS structure: a `KC×NC` panel of B is packed once into
//! `NR`-wide column strips, each `MC×KC` block of A into `MR`-tall row strips, and a register-
//! blocked `MR×NR` micro-kernel multiplies one strip pair. Zero padding in the packed buffers
//! turns edge tiles into full tiles. Row blocks of C are disjoint, so rayon splits over them.
//! Tiny or skinny products skip packing (see [`direct`]).

mod blocked;
mod direct;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod microkernel_portable;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod microkernel_simd128;
mod pack;
mod panel;

use rayon::prelude::*;

use crate::parallel::work_runs_inline;

pub use panel::{PackedB, BlockScratch};

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
use microkernel_portable as microkernel;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
use microkernel_simd128 as microkernel;

/// Rows of the micro-kernel's tile of C (rows of a packed A strip): blocks of rows that are a
/// multiple of it waste no work on padding.
pub const MR: usize = 5;
/// Columns of the micro-kernel's tile of C (columns of a packed B strip).
const NR: usize = 8;

/// A read-only strided matrix view: element (i, j) is `data[i * row_stride + j * col_stride]`.
#[derive(Clone, Copy)]
pub struct MatRef<'a> {
    pub data: &'a [f32],
    pub rows: usize,
    pub cols: usize,
    pub row_stride: usize,
    pub col_stride: usize,
}

impl<'a> MatRef<'a> {
    /// A contiguous row-major `rows×cols` matrix.
    pub fn row_major(data: &'a [f32], rows: usize, cols: usize) -> Self {
        MatRef {
            data,
            rows,
            cols,
            row_stride: cols,
            col_stride: 1,
        }
    }

    /// The transpose as a view (no copy): swaps rows/cols and the strides.
    pub fn t(self) -> Self {
        MatRef {
            data: self.data,
            rows: self.cols,
            cols: self.rows,
            row_stride: self.col_stride,
            col_stride: self.row_stride,
        }
    }

    /// Element (i, j).
    #[inline(always)]
    fn at(&self, i: usize, j: usize) -> f32 {
        self.data[i * self.row_stride + j * self.col_stride]
    }

    /// The view of rows `i0..i0 + rows`.
    fn rows_range(self, i0: usize, rows: usize) -> Self {
        let start = if rows == 0 { 0 } else { i0 * self.row_stride };
        MatRef {
            data: &self.data[start..],
            rows,
            ..self
        }
    }

    /// The view of columns `j0..j0 + cols`.
    fn cols_range(self, j0: usize, cols: usize) -> Self {
        let start = if cols == 0 { 0 } else { j0 * self.col_stride };
        MatRef {
            data: &self.data[start..],
            cols,
            ..self
        }
    }

    /// Panics unless every element of a non-empty view lies inside `data`.
    fn assert_in_bounds(&self, name: &str) {
        if self.rows > 0 && self.cols > 0 {
            let last = (self.rows - 1) * self.row_stride + (self.cols - 1) * self.col_stride;
            assert!(
                last < self.data.len(),
                "sgemm: {name} view {}x{} (strides {}, {}) needs {} elements, has {}",
                self.rows,
                self.cols,
                self.row_stride,
                self.col_stride,
                last + 1,
                self.data.len()
            );
        }
    }
}

/// C = A·B (`accumulate = false`) or C += A·B (`accumulate = true`). C is row-major m×n,
/// contiguous (ldc = n).
/// Panics only on programmer error (dimension mismatch, short slices): callers validate shapes
/// first.
pub fn sgemm(a: MatRef, b: MatRef, c: &mut [f32], accumulate: bool) {
    check_operands(&a, &b, c);
    let (m, k, n) = (a.rows, a.cols, b.cols);
    let threads = if work_runs_inline(m * k * n) { 1 } else { rayon::current_num_threads() };
    if threads > 1 && m < threads * MR {
        if k >= n {
            split_depth(a, b, c, accumulate, threads);
        } else {
            split_columns(a, b, c, accumulate, threads);
        }
    } else {
        sgemm_on(a, b, c, accumulate, threads > 1);
    }
}

/// [`sgemm`] on the calling thread whatever its size: for products repeated many times in a
/// row, each too short to pay for handing part of it to a helper: a recurrent layer's steps
/// (with each step's 32×128·128×512 split over two threads, W5 and W9 trained 11% and 24% slower
/// than on one thread).
pub fn sgemm_serial(a: MatRef, b: MatRef, c: &mut [f32], accumulate: bool) {
    check_operands(&a, &b, c);
    sgemm_on(a, b, c, accumulate, false);
}

/// Panics, naming the sizes, when A·B does not fit C or a view reaches past its data.
fn check_operands(a: &MatRef, b: &MatRef, c: &[f32]) {
    assert_eq!(a.cols, b.rows, "sgemm: A is {}x{} but B is {}x{}", a.rows, a.cols, b.rows, b.cols);
    assert_eq!(c.len(), a.rows * b.cols, "sgemm: C has {} elements, expected {}x{}", c.len(), a.rows, b.cols);
    a.assert_in_bounds("A");
    b.assert_in_bounds("B");
}

/// [`sgemm`] on the calling thread, or over rayon's row blocks of C with `parallel`.
fn sgemm_on(a: MatRef, b: MatRef, c: &mut [f32], accumulate: bool, parallel: bool) {
    if direct::is_preferred(a, b) {
        let (m, n) = (a.rows, b.cols);
        if parallel && n > 0 {
            let rows = m.div_ceil(4 * rayon::current_num_threads()).max(1);
            c.par_chunks_mut(rows * n).enumerate().for_each(|(t, c)| direct::sgemm(a.rows_range(t * rows, c.len() / n), b, c, accumulate));
        } else {
            direct::sgemm(a, b, c, accumulate);
        }
    } else {
        blocked::sgemm(a, b, c, accumulate, parallel);
    }
}

/// [`sgemm`] for too few rows of C to share out and a product deeper than wide (a Dense layer on
/// one sample): each thread multiplies a range of the depth into its own C-sized buffer, reading
/// a contiguous share of a row-major B (which the hardware prefetches well), and the partial
/// products are summed into C.
fn split_depth(a: MatRef, b: MatRef, c: &mut [f32], accumulate: bool, threads: usize) {
    let k = a.cols;
    let depth = k.div_ceil(threads);
    let parts: Vec<Vec<f32>> = (0..k)
        .step_by(depth)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|p0| {
            let d = depth.min(k - p0);
            let mut part = vec![0.0; c.len()];
            sgemm_on(a.cols_range(p0, d), b.rows_range(p0, d), &mut part, false, false);
            part
        })
        .collect();
    if !accumulate {
        c.fill(0.0);
    }
    for part in parts {
        c.iter_mut().zip(&part).for_each(|(c, p)| *c += p);
    }
}

/// [`sgemm`] for too few rows of C to share out: each thread computes a range of columns into
/// its own buffer, copied into C afterwards (row-major C has no disjoint column chunks).
fn split_columns(a: MatRef, b: MatRef, c: &mut [f32], accumulate: bool, threads: usize) {
    let n = b.cols;
    let width = n.div_ceil(threads).next_multiple_of(NR);
    let parts: Vec<(usize, Vec<f32>)> = (0..n)
        .step_by(width)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|j0| {
            let w = width.min(n - j0);
            let mut part = vec![0.0; a.rows * w];
            sgemm_on(a, b.cols_range(j0, w), &mut part, false, false);
            (j0, part)
        })
        .collect();
    for (j0, part) in parts {
        let w = part.len() / a.rows;
        for (c_row, p_row) in c.chunks_exact_mut(n).zip(part.chunks_exact(w)) {
            let c_part = &mut c_row[j0..j0 + w];
            if accumulate {
                c_part.iter_mut().zip(p_row).for_each(|(c, p)| *c += p);
            } else {
                c_part.copy_from_slice(p_row);
            }
        }
    }
}

#[cfg(test)]
mod tests;
