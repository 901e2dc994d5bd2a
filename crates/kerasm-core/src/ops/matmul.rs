//! `matmul`, as NumPy's: the last two axes multiply, leading (batch) axes broadcast, and a 1-D
//! operand is a row (first) or column (second) vector whose axis is dropped from the result.
//! Every product goes through the packed GEMM kernel; the backward passes read Aᵀ and Bᵀ as
//! strided views (no transposed copies) and sum each input's gradient over the batches that
//! broadcast it, accumulating in place.
use ndarray::{ArrayD, IxDyn};
use rayon::prelude::*;

use crate::error::{fail, shape_str, Result};
use crate::kernels::gemm::{sgemm, MatRef};
use crate::parallel::work_runs_inline;
use crate::tape::{F32Array, Tape};
use crate::tensor::{Tensor, MAX_ELEMENTS};

/// `x1 · x2` with NumPy's `matmul` shape rules.
pub fn matmul(tape: &mut Tape, x1: &Tensor, x2: &Tensor) -> Result<Tensor> {
    let (a, b) = (x1.as_f32("matmul")?.clone(), x2.as_f32("matmul")?.clone());
    let plan = Plan::new(a.shape(), b.shape())?;
    let (a_data, b_data) = (standard(&a), standard(&b));
    let out = plan.forward(a_data, b_data);
    let out = Tensor::f32(ArrayD::from_shape_vec(IxDyn(&plan.out_shape), out).expect("the plan sizes the output"));
    tape.record(&[x1, x2], &out, move |g| {
        if g.shape() != plan.out_shape.as_slice() {
            return fail("matmul", format!("gradient of shape {} differs from the output shape {}", shape_str(g.shape()), shape_str(&plan.out_shape)));
        }
        let g = g.as_standard_layout();
        let g = g.as_slice().expect("standard layout");
        let (da, db) = (plan.grad_a(g, standard(&b)), plan.grad_b(standard(&a), g));
        let da = ArrayD::from_shape_vec(IxDyn(&plan.a_shape), da).expect("the plan sizes dA");
        let db = ArrayD::from_shape_vec(IxDyn(&plan.b_shape), db).expect("the plan sizes dB");
        Ok(vec![Some(da.into_shared()), Some(db.into_shared())])
    });
    Ok(out)
}

fn standard(a: &F32Array) -> &[f32] {
    a.as_slice().expect("tensors are kept in standard layout")
}

/// The shapes of one `matmul`: `[batch…, m, k] · [batch…, k, n] → [batch…, m, n]`, and for
/// each output batch the batch of A and of B it reads.
struct Plan {
    a_shape: Vec<usize>,
    b_shape: Vec<usize>,
    out_shape: Vec<usize>,
    m: usize,
    k: usize,
    n: usize,
    /// `(batch of A, batch of B)` for each batch of the output, in order.
    pairs: Vec<(usize, usize)>,
    a_batches: usize,
    b_batches: usize,
}

impl Plan {
    fn new(a_shape: &[usize], b_shape: &[usize]) -> Result<Plan> {
        let shapes = || format!("{} and {}", shape_str(a_shape), shape_str(b_shape));
        // A 1-D A is a 1×k row, a 1-D B a k×1 column.
        let (a_batch, m, k) = match a_shape {
            [k] => (&[][..], 1, *k),
            [batch @ .., m, k] => (batch, *m, *k),
            [] => return fail("matmul", format!("inputs must have at least one dimension, received shapes {}", shapes())),
        };
        let (b_batch, kb, n) = match b_shape {
            [k] => (&[][..], *k, 1),
            [batch @ .., k, n] => (batch, *k, *n),
            [] => return fail("matmul", format!("inputs must have at least one dimension, received shapes {}", shapes())),
        };
        if k != kb {
            return fail("matmul", format!("inner dimensions differ: {}", shapes()));
        }
        let rank = a_batch.len().max(b_batch.len());
        let dim = |s: &[usize], i: usize| if i + s.len() >= rank { s[i + s.len() - rank] } else { 1 };
        let mut batch = Vec::with_capacity(rank);
        for i in 0..rank {
            batch.push(match (dim(a_batch, i), dim(b_batch, i)) {
                (x, y) if x == y || y == 1 => x,
                (1, y) => y,
                _ => return fail("matmul", format!("batch dimensions cannot broadcast: {}", shapes())),
            });
        }
        let total = out_batch_len(&batch).and_then(|b| b.checked_mul(m)).and_then(|x| x.checked_mul(n));
        if total.is_none_or(|t| t > MAX_ELEMENTS) {
            return fail("matmul", format!("the result of {} would hold more than {MAX_ELEMENTS} elements", shapes()));
        }
        let pairs = (0..batch.iter().product())
            .map(|flat| {
                // Unravel the output batch index; a broadcast (size-1 or missing) axis reads index 0.
                let (mut rest, mut ia, mut ib, mut sa, mut sb) = (flat, 0, 0, 1, 1);
                for i in (0..rank).rev() {
                    let idx = rest % batch[i];
                    rest /= batch[i];
                    let (da, db) = (dim(a_batch, i), dim(b_batch, i));
                    ia += if da == 1 { 0 } else { idx * sa };
                    ib += if db == 1 { 0 } else { idx * sb };
                    sa *= da;
                    sb *= db;
                }
                (ia, ib)
            })
            .collect();
        let mut out_shape = batch;
        if a_shape.len() > 1 {
            out_shape.push(m);
        }
        if b_shape.len() > 1 {
            out_shape.push(n);
        }
        let mut plan = Plan {
            a_shape: a_shape.to_vec(),
            b_shape: b_shape.to_vec(),
            out_shape,
            m,
            k,
            n,
            pairs,
            a_batches: a_batch.iter().product(),
            b_batches: b_batch.iter().product(),
        };
        if plan.b_batches == 1 && plan.a_batches == plan.pairs.len() && plan.a_batches > 1 {
            // One B for every batch of A (a Dense layer on a sequence): the batches of A stack
            // into one tall matrix, so each pass is a single large GEMM.
            plan.m *= plan.a_batches;
            plan.pairs = vec![(0, 0)];
            plan.a_batches = 1;
        }
        Ok(plan)
    }

    fn a_mat<'a>(&self, a: &'a [f32], i: usize) -> MatRef<'a> {
        MatRef::row_major(&a[i * self.m * self.k..][..self.m * self.k], self.m, self.k)
    }

    fn b_mat<'a>(&self, b: &'a [f32], i: usize) -> MatRef<'a> {
        MatRef::row_major(&b[i * self.k * self.n..][..self.k * self.n], self.k, self.n)
    }

    fn g_mat<'a>(&self, g: &'a [f32], i: usize) -> MatRef<'a> {
        MatRef::row_major(&g[i * self.m * self.n..][..self.m * self.n], self.m, self.n)
    }

    /// C[i] = A[ia] · B[ib] for every output batch i.
    fn forward(&self, a: &[f32], b: &[f32]) -> Vec<f32> {
        let mut out = vec![0.0; self.pairs.len() * self.m * self.n];
        for_each_block(&mut out, self.m * self.n, self.pairs.len() * self.m * self.k * self.n, self.k, |i, c| {
            let (ia, ib) = self.pairs[i];
            sgemm(self.a_mat(a, ia), self.b_mat(b, ib), c, false);
        });
        out
    }

    /// dA[j] = Σ over output batches i that read A[j] of dC[i] · B[ib]ᵀ.
    fn grad_a(&self, g: &[f32], b: &[f32]) -> Vec<f32> {
        let groups = group(self.a_batches, self.pairs.iter().map(|p| p.0));
        let mut da = vec![0.0; self.a_batches * self.m * self.k];
        for_each_block(&mut da, self.m * self.k, self.pairs.len() * self.m * self.k * self.n, self.n, |j, c| {
            for (t, &i) in groups[j].iter().enumerate() {
                sgemm(self.g_mat(g, i), self.b_mat(b, self.pairs[i].1).t(), c, t > 0);
            }
        });
        da
    }

    /// dB[j] = Σ over output batches i that read B[j] of A[ia]ᵀ · dC[i].
    fn grad_b(&self, a: &[f32], g: &[f32]) -> Vec<f32> {
        let groups = group(self.b_batches, self.pairs.iter().map(|p| p.1));
        let mut db = vec![0.0; self.b_batches * self.k * self.n];
        for_each_block(&mut db, self.k * self.n, self.pairs.len() * self.m * self.k * self.n, self.m, |j, c| {
            for (t, &i) in groups[j].iter().enumerate() {
                sgemm(self.a_mat(a, self.pairs[i].0).t(), self.g_mat(g, i), c, t > 0);
            }
        });
        db
    }
}

fn out_batch_len(batch: &[usize]) -> Option<usize> {
    batch.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d))
}

/// The output batches that read each of `count` input batches.
fn group(count: usize, sources: impl Iterator<Item = usize>) -> Vec<Vec<usize>> {
    let mut groups = vec![Vec::new(); count];
    for (i, s) in sources.enumerate() {
        groups[s].push(i);
    }
    groups
}

/// Calls `f(j, block j)` for each `block`-long block of `out` (one matrix of a batch), over
/// rayon when there are several and `work` multiply-adds in all. Nothing runs when the blocks
/// are empty or the contracted dimension `inner` is 0 (the zeros already are the product).
fn for_each_block(out: &mut [f32], block: usize, work: usize, inner: usize, f: impl Fn(usize, &mut [f32]) + Sync) {
    if block == 0 || inner == 0 {
        return;
    }
    if out.len() > block && !work_runs_inline(work) {
        out.par_chunks_mut(block).enumerate().for_each(|(j, c)| f(j, c));
    } else {
        out.chunks_mut(block).enumerate().for_each(|(j, c)| f(j, c));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t, ti};

    const A: [f32; 6] = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    const B: [f32; 6] = [7.0, 8.0, 9.0, 10.0, 11.0, 12.0];

    fn mm(x1: &Tensor, x2: &Tensor) -> Result<Tensor> {
        matmul(&mut Tape::default(), x1, x2)
    }

    #[test]
    fn products_2d_batched_and_1d() {
        let (a, b) = (t(&[2, 3], &A), t(&[3, 2], &B));
        assert_close(&mm(&a, &b).unwrap(), &[58.0, 64.0, 139.0, 154.0], 0.0);
        // [2, 2, 3] · [3, 2]: the second batch is [[-1, 0, 1], [2, 0, -2]].
        let a2 = t(&[2, 2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, -1.0, 0.0, 1.0, 2.0, 0.0, -2.0]);
        let y = mm(&a2, &b).unwrap();
        assert_eq!(y.shape(), &[2, 2, 2]);
        assert_close(&y, &[58.0, 64.0, 139.0, 154.0, 4.0, 4.0, -8.0, -8.0], 0.0);
        // [1, 2, 3] · [2, 3, 2]: one A against two Bs, the second picking the first two columns.
        let b2 = t(&[2, 3, 2], &[7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
        let y = mm(&t(&[1, 2, 3], &A), &b2).unwrap();
        assert_eq!(y.shape(), &[2, 2, 2]);
        assert_close(&y, &[58.0, 64.0, 139.0, 154.0, 1.0, 2.0, 4.0, 5.0], 0.0);
        // [2, 2, 3] · [2, 3, 2]: batch by batch.
        assert_close(&mm(&a2, &b2).unwrap(), &[58.0, 64.0, 139.0, 154.0, -1.0, 0.0, 2.0, 0.0], 0.0);
        // 1-D operands are a row / a column, and their axis is dropped.
        let (v, w) = (t(&[3], &[1.0, 2.0, 3.0]), t(&[3], &[1.0, 0.0, -1.0]));
        let y = mm(&v, &b).unwrap();
        assert_eq!(y.shape(), &[2]);
        assert_close(&y, &[58.0, 64.0], 0.0);
        assert_close(&mm(&a, &w).unwrap(), &[-2.0, -2.0], 0.0);
        let y = mm(&v, &w).unwrap();
        assert_eq!(y.shape(), &[] as &[usize]);
        assert_close(&y, &[-2.0], 0.0);
        assert_eq!(mm(&a2, &w).unwrap().shape(), &[2, 2]);
    }

    #[test]
    fn empty_dimensions() {
        assert_eq!(mm(&t(&[0, 3], &[]), &t(&[3, 2], &B)).unwrap().shape(), &[0, 2]);
        let y = mm(&t(&[2, 0], &[]), &t(&[0, 3], &[])).unwrap();
        assert_eq!(y.shape(), &[2, 3]);
        assert_close(&y, &[0.0; 6], 0.0);
        assert_eq!(mm(&t(&[0, 2, 3], &[]), &t(&[3, 2], &B)).unwrap().shape(), &[0, 2, 2]);
        let mut tape = Tape::default();
        tape.start();
        let (a, b) = (t(&[2, 0], &[]), t(&[0, 3], &[]));
        let y = matmul(&mut tape, &a, &b).unwrap();
        let grads = tape.gradients(&y, Some(ArrayD::ones(IxDyn(&[2, 3])).into_shared()), &[a.id, b.id]).unwrap();
        assert_eq!(grads[0].as_ref().unwrap().shape(), &[2, 0]);
        assert_eq!(grads[1].as_ref().unwrap().shape(), &[0, 3]);
    }

    #[test]
    fn errors_name_both_shapes() {
        let err = |a: &[usize], b: &[usize]| {
            let (x, y) = (t(a, &vec![0.0; a.iter().product()]), t(b, &vec![0.0; b.iter().product()]));
            mm(&x, &y).unwrap_err().to_string()
        };
        assert_eq!(err(&[2, 3], &[4, 5]), "matmul: inner dimensions differ: (2, 3) and (4, 5)");
        assert_eq!(err(&[3], &[2]), "matmul: inner dimensions differ: (3,) and (2,)");
        assert_eq!(err(&[2, 2, 3], &[3, 3, 2]), "matmul: batch dimensions cannot broadcast: (2, 2, 3) and (3, 3, 2)");
        let (col, row) = (t(&[1 << 15, 1], &vec![0.0; 1 << 15]), t(&[1, 1 << 14], &vec![0.0; 1 << 14]));
        assert_eq!(mm(&col, &row).unwrap_err().to_string(), "matmul: the result of (32768, 1) and (1, 16384) would hold more than 268435456 elements");
        assert_eq!(err(&[], &[2, 3]), "matmul: inputs must have at least one dimension, received shapes () and (2, 3)");
        assert_eq!(mm(&ti(&[1, 1], &[1]), &t(&[1, 1], &[1.0])).unwrap_err().to_string(), "matmul: expected a float32 tensor, received int32");
    }

    /// Naive `C[i] = A[ia] · B[ib]` in f64 over explicit batch pairs.
    fn reference(a: &[f32], b: &[f32], pairs: &[(usize, usize)], m: usize, k: usize, n: usize) -> Vec<f32> {
        let mut out = Vec::new();
        for &(ia, ib) in pairs {
            for i in 0..m {
                for j in 0..n {
                    let s: f64 = (0..k).map(|p| a[ia * m * k + i * k + p] as f64 * b[ib * k * n + p * n + j] as f64).sum();
                    out.push(s as f32);
                }
            }
        }
        out
    }

    #[test]
    fn large_batched_products_match_a_naive_reference() {
        let (m, k, n) = (40, 50, 30);
        let a = pseudo_random(8 * m * k, 1);
        let b = pseudo_random(8 * k * n, 2);
        let pairs: Vec<_> = (0..8).map(|i| (i, i)).collect();
        let y = mm(&t(&[8, m, k], &a), &t(&[8, k, n], &b)).unwrap();
        assert_close(&y, &reference(&a, &b, &pairs, m, k, n), 1e-4);
        // Folded: four As against one B is one (4·m)×k product.
        let y = mm(&t(&[4, m, k], &a[..4 * m * k]), &t(&[k, n], &b[..k * n])).unwrap();
        assert_close(&y, &reference(&a, &b, &[(0, 0)], 4 * m, k, n), 1e-4);
        // [2, 1, m, k] · [3, k, n] → [2, 3, m, n].
        let y = mm(&t(&[2, 1, m, k], &a[..2 * m * k]), &t(&[3, k, n], &b[..3 * k * n])).unwrap();
        assert_eq!(y.shape(), &[2, 3, m, n]);
        let pairs = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)];
        assert_close(&y, &reference(&a, &b, &pairs, m, k, n), 1e-4);
    }

    #[test]
    fn large_broadcast_gradients_sum_over_batches() {
        // [1, m, k] · [6, k, n]: dA = Σ_b dC[b] · B[b]ᵀ, dB[b] = Aᵀ · dC[b].
        let (batches, m, k, n) = (6, 40, 50, 30);
        let (a, b, g) = (pseudo_random(m * k, 3), pseudo_random(batches * k * n, 4), pseudo_random(batches * m * n, 5));
        let (x1, x2) = (t(&[1, m, k], &a), t(&[batches, k, n], &b));
        let mut tape = Tape::default();
        tape.start();
        let y = matmul(&mut tape, &x1, &x2).unwrap();
        let seed = ArrayD::from_shape_vec(IxDyn(&[batches, m, n]), g.clone()).unwrap().into_shared();
        let grads = tape.gradients(&y, Some(seed), &[x1.id, x2.id]).unwrap();
        let (da, db) = (grads[0].clone().unwrap(), grads[1].clone().unwrap());
        assert_eq!((da.shape(), db.shape()), (&[1, m, k][..], &[batches, k, n][..]));
        let mut want_a = vec![0.0f64; m * k];
        for bi in 0..batches {
            for i in 0..m {
                for p in 0..k {
                    want_a[i * k + p] += (0..n).map(|j| g[(bi * m + i) * n + j] as f64 * b[(bi * k + p) * n + j] as f64).sum::<f64>();
                }
            }
        }
        let got_a: Vec<f32> = da.iter().copied().collect();
        for (x, w) in got_a.iter().zip(&want_a) {
            assert!((*x as f64 - w).abs() < 1e-3, "dA: {x} vs {w}");
        }
        for bi in [0, 5] {
            for (p, j) in [(0, 0), (17, 23), (49, 29)] {
                let want: f64 = (0..m).map(|i| a[i * k + p] as f64 * g[(bi * m + i) * n + j] as f64).sum();
                assert!((db[[bi, p, j]] as f64 - want).abs() < 1e-3, "dB[{bi}, {p}, {j}]: {} vs {want}", db[[bi, p, j]]);
            }
        }
    }

    #[test]
    fn gradients_for_every_shape_rule() {
        let cases: [(&[usize], &[usize]); 10] = [
            (&[2, 3], &[3, 4]),
            (&[2, 2, 3], &[3, 4]),
            (&[2, 2, 3], &[2, 3, 4]),
            (&[1, 2, 3], &[3, 3, 4]),
            (&[3, 1, 2, 3], &[2, 3, 2]),
            (&[2, 3], &[4, 3, 2]),
            (&[3], &[3, 2]),
            (&[2, 3], &[3]),
            (&[3], &[3]),
            (&[2, 2, 3], &[1, 3, 2]),
        ];
        for (i, (sa, sb)) in cases.into_iter().enumerate() {
            let a = t(sa, &pseudo_random(sa.iter().product(), 10 + i as u64));
            let b = t(sb, &pseudo_random(sb.iter().product(), 30 + i as u64));
            gradcheck(|tape, x| matmul(tape, &x[0], &x[1]), &[a, b]);
        }
    }
}
