//! The unpacked product for tiny and skinny shapes, where packing would cost more than it saves
//! (batched 4×4 products, a single row or column).

use super::{MatRef, MR};

/// Products of at most this many multiply-adds are not worth packing.
const MAX_WORK: usize = 32 * 32 * 32;

/// Depths up to this, with rows of B contiguous, are shallow: see [`is_preferred`].
pub(super) const SHALLOW_K: usize = 16;

/// Whether `A·B` should skip packing: it is tiny, a padded `MR×NR` tile would be mostly padding
/// (one row / column), or it is shallow (a convolution's first layer: 3×3 taps of one channel),
/// where packing and writing out tiles would cost more than the arithmetic.
pub(super) fn is_preferred(a: MatRef, b: MatRef) -> bool {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    m * k * n <= MAX_WORK || m < MR || n == 1 || (k <= SHALLOW_K && b.col_stride == 1)
}

/// C = A·B or C += A·B without packing, choosing the loop order from the strides so the inner
/// loop runs over contiguous memory when it can.
pub(super) fn sgemm(a: MatRef, b: MatRef, c: &mut [f32], accumulate: bool) {
    let (k, n) = (a.cols, b.cols);
    if !accumulate {
        c.fill(0.0);
    }
    if n == 0 {
        return;
    }
    if b.col_stride == 1 {
        // Rows of B are contiguous: C row i += A(i, p) · B row p, four rows of B per pass over
        // the C row (a quarter of its loads and stores: a Dense layer on one sample reads a
        // large B once).
        let b_row = |p: usize| &b.data[p * b.row_stride..][..n];
        for (i, c_row) in c.chunks_exact_mut(n).enumerate() {
            let quads = k / 4 * 4;
            for p in (0..quads).step_by(4) {
                let (a0, a1, a2, a3) = (a.at(i, p), a.at(i, p + 1), a.at(i, p + 2), a.at(i, p + 3));
                let rows = b_row(p).iter().zip(b_row(p + 1)).zip(b_row(p + 2).iter().zip(b_row(p + 3)));
                for (c, ((&b0, &b1), (&b2, &b3))) in c_row.iter_mut().zip(rows) {
                    *c += (a0 * b0 + a1 * b1) + (a2 * b2 + a3 * b3);
                }
            }
            for p in quads..k {
                let aip = a.at(i, p);
                c_row.iter_mut().zip(b_row(p)).for_each(|(c, &b)| *c += aip * b);
            }
        }
    } else if a.col_stride == 1 && b.row_stride == 1 {
        // Rows of A and columns of B are contiguous: each C element is one dot product.
        for (i, c_row) in c.chunks_exact_mut(n).enumerate() {
            let a_row = &a.data[i * a.row_stride..][..k];
            for (j, cij) in c_row.iter_mut().enumerate() {
                *cij += dot(a_row, &b.data[j * b.col_stride..][..k]);
            }
        }
    } else {
        for (i, c_row) in c.chunks_exact_mut(n).enumerate() {
            for (j, cij) in c_row.iter_mut().enumerate() {
                *cij += (0..k).map(|p| a.at(i, p) * b.at(p, j)).sum::<f32>();
            }
        }
    }
}

/// Dot product with eight independent partial sums, which the compiler keeps in two vectors.
fn dot(x: &[f32], y: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let (xs, ys) = (x.chunks_exact(8), y.chunks_exact(8));
    let tail: f32 = xs.remainder().iter().zip(ys.remainder()).map(|(a, b)| a * b).sum();
    for (x8, y8) in xs.zip(ys) {
        for ((s, &a), &b) in acc.iter_mut().zip(x8).zip(y8) {
            *s += a * b;
        }
    }
    acc.iter().sum::<f32>() + tail
}
