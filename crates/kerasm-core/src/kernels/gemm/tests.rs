use super::{sgemm, MatRef};
use crate::testing::pseudo_random as values;

/// Storage for an `rows×cols` operand, row-major or stored transposed (then viewed with `t()`),
/// with `pad` unused elements at the end of every stored row so strides differ from widths.
struct Operand {
    data: Vec<f32>,
    rows: usize,
    cols: usize,
    transposed: bool,
    pad: usize,
}

impl Operand {
    fn new(rows: usize, cols: usize, transposed: bool, pad: usize, seed: u64) -> Self {
        let (stored_rows, stored_cols) = if transposed { (cols, rows) } else { (rows, cols) };
        let data = values(stored_rows * (stored_cols + pad), seed);
        Operand {
            data,
            rows,
            cols,
            transposed,
            pad,
        }
    }

    fn view(&self) -> MatRef<'_> {
        let (stored_rows, stored_cols) = if self.transposed {
            (self.cols, self.rows)
        } else {
            (self.rows, self.cols)
        };
        let stored = MatRef {
            row_stride: stored_cols + self.pad,
            ..MatRef::row_major(&self.data, stored_rows, stored_cols)
        };
        if self.transposed {
            stored.t()
        } else {
            stored
        }
    }
}

/// Checks `sgemm` against a naive f64 triple loop, overwriting (C starts as NaN) and
/// accumulating, within a bound on f32 rounding.
fn check(m: usize, k: usize, n: usize, a_t: bool, b_t: bool, pad: usize) {
    let a_op = Operand::new(m, k, a_t, pad, (m * 31 + k) as u64);
    let b_op = Operand::new(k, n, b_t, pad, (n * 17 + k) as u64 + 1);
    let (a, b) = (a_op.view(), b_op.view());
    let c0 = values(m * n, 99);
    for accumulate in [false, true] {
        let mut c = if accumulate { c0.clone() } else { vec![f32::NAN; m * n] };
        sgemm(a, b, &mut c, accumulate);
        for i in 0..m {
            for j in 0..n {
                let (mut exact, mut magnitude) = (0.0f64, 0.0f64);
                for p in 0..k {
                    let prod = a.at(i, p) as f64 * b.at(p, j) as f64;
                    exact += prod;
                    magnitude += prod.abs();
                }
                if accumulate {
                    exact += c0[i * n + j] as f64;
                    magnitude += (c0[i * n + j] as f64).abs();
                }
                let got = c[i * n + j] as f64;
                let tolerance = 2.0 * (k as f64 + 1.0) * f32::EPSILON as f64 * magnitude;
                assert!(
                    (got - exact).abs() <= tolerance,
                    "{m}x{k}x{n} a_t={a_t} b_t={b_t} pad={pad} accumulate={accumulate}: \
                     C[{i}][{j}] = {got}, expected {exact}"
                );
            }
        }
    }
}

/// Runs `check` over all four transpose combinations on one thread and on three (an odd
/// count, so row and column splits are uneven).
fn check_all(m: usize, k: usize, n: usize) {
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            for (a_t, b_t) in [(false, false), (true, false), (false, true), (true, true)] {
                check(m, k, n, a_t, b_t, 0);
                check(m, k, n, a_t, b_t, 3);
            }
        });
    }
}

#[test]
fn hand_computed_2x2() {
    let a = [1.0, 2.0, 3.0, 4.0];
    let b = [5.0, 6.0, 7.0, 8.0];
    let mut c = [0.0; 4];
    sgemm(MatRef::row_major(&a, 2, 2), MatRef::row_major(&b, 2, 2), &mut c, false);
    assert_eq!(c, [19.0, 22.0, 43.0, 50.0]);
    sgemm(
        MatRef::row_major(&a, 2, 2).t(),
        MatRef::row_major(&b, 2, 2),
        &mut c,
        true,
    );
    // Aᵀ·B = [[1·5 + 3·7, 1·6 + 3·8], [2·5 + 4·7, 2·6 + 4·8]] = [[26, 30], [38, 44]].
    assert_eq!(c, [45.0, 52.0, 81.0, 94.0]);
}

#[test]
fn hand_computed_2x3_times_3x2() {
    let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    let b = [7.0, 8.0, 9.0, 10.0, 11.0, 12.0];
    let mut c = [f32::NAN; 4];
    sgemm(MatRef::row_major(&a, 2, 3), MatRef::row_major(&b, 3, 2), &mut c, false);
    assert_eq!(c, [58.0, 64.0, 139.0, 154.0]);
}

#[test]
fn tiny_shapes() {
    for (m, k, n) in [
        (1, 1, 1),
        (4, 4, 4),
        (5, 7, 3),
        (1, 9, 1),
        (3, 1, 4),
        (2, 5, 8),
        (8, 8, 8),
    ] {
        check_all(m, k, n);
    }
}

#[test]
fn vector_shapes() {
    for (m, k, n) in [
        (1, 300, 257),
        (1, 1000, 70),
        (200, 1, 150),
        (257, 300, 1),
        (300, 200, 2),
    ] {
        check_all(m, k, n);
    }
}

#[test]
fn few_rows_split_over_columns() {
    // Above PARALLEL_MIN_WORK and wider than deep, so that three threads split the columns.
    for (m, k, n) in [(5, 1000, 3400), (2, 2001, 4200), (7, 1000, 2400)] {
        check_all(m, k, n);
    }
}

#[test]
fn few_rows_split_over_depth() {
    // Above PARALLEL_MIN_WORK and deeper than wide (the 9216 → 128 Dense layer on one sample),
    // so that three threads split the depth and sum their partial products.
    for (m, k, n) in [(1, 9216, 128), (2, 4200, 2001), (7, 3001, 100)] {
        check_all(m, k, n);
    }
}

#[test]
fn shallow_products_skip_packing() {
    // Depth ≤ 16 with rows of B contiguous takes the direct path, split over rows when large.
    for (m, k, n) in [(7000, 9, 300), (4100, 16, 257), (513, 17, 300)] {
        check_all(m, k, n);
    }
}

#[test]
fn blocked_shapes_with_edges() {
    for (m, k, n) in [
        (33, 65, 17),
        (64, 64, 64),
        (100, 257, 9),
        (129, 300, 257),
        (70, 520, 4100),
    ] {
        check_all(m, k, n);
    }
}

#[test]
fn empty_inner_dimension_zeroes_or_keeps_c() {
    let mut c = [f32::NAN; 6];
    sgemm(
        MatRef::row_major(&[], 2, 0),
        MatRef::row_major(&[], 0, 3),
        &mut c,
        false,
    );
    assert_eq!(c, [0.0; 6]);
    let mut c = [1.5; 6];
    sgemm(MatRef::row_major(&[], 2, 0), MatRef::row_major(&[], 0, 3), &mut c, true);
    assert_eq!(c, [1.5; 6]);
}

#[test]
#[should_panic(expected = "sgemm: A is 2x3 but B is 2x2")]
fn mismatched_inner_dimension_panics() {
    let mut c = [0.0; 4];
    sgemm(
        MatRef::row_major(&[0.0; 6], 2, 3),
        MatRef::row_major(&[0.0; 4], 2, 2),
        &mut c,
        false,
    );
}

#[test]
#[should_panic(expected = "needs 6 elements, has 5")]
fn short_slice_panics() {
    let mut c = [0.0; 4];
    sgemm(
        MatRef::row_major(&[0.0; 5], 2, 3),
        MatRef::row_major(&[0.0; 6], 3, 2),
        &mut c,
        false,
    );
}
