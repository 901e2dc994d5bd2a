//! Test helpers: tensor literals, closeness checks, and the finite-difference gradient check
//! that every differentiable op runs.
use ndarray::{ArrayD, IxDyn};

use crate::error::Result;
use crate::tape::{F32Array, Tape};
use crate::tensor::{DType, Tensor};

/// A float32 tensor literal.
pub fn t(shape: &[usize], values: &[f32]) -> Tensor {
    Tensor::f32(ArrayD::from_shape_vec(IxDyn(shape), values.to_vec()).expect("literal size matches shape"))
}

/// An int32 tensor literal.
pub fn ti(shape: &[usize], values: &[i32]) -> Tensor {
    Tensor::i32(ArrayD::from_shape_vec(IxDyn(shape), values.to_vec()).expect("literal size matches shape"))
}

pub fn assert_close(got: &Tensor, want: &[f32], tol: f32) {
    let got = got.to_f32_vec();
    assert_eq!(got.len(), want.len(), "length: got {got:?}, want {want:?}");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol * w.abs().max(1.0), "element {i}: got {g}, want {w} (all: {got:?})");
    }
}

/// A fixed pseudo-random sequence in [-1, 1], so failures reproduce.
pub fn pseudo_random(len: usize, seed: u64) -> Vec<f32> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
        })
        .collect()
}

/// Checks the taped gradients of `f` against central differences, for every float32 input.
/// The scalar objective is `sum(f(x) * r)` with a fixed random `r`, so every output counts.
pub fn gradcheck(f: impl Fn(&mut Tape, &[Tensor]) -> Result<Tensor>, inputs: &[Tensor]) {
    let mut tape = Tape::default();
    tape.start();
    let out = f(&mut tape, inputs).expect("forward succeeds");
    let r = pseudo_random(out.len(), 7);
    let seed: F32Array = ArrayD::from_shape_vec(IxDyn(out.shape()), r.clone()).unwrap().into_shared();
    let ids: Vec<_> = inputs.iter().map(|x| x.id).collect();
    let grads = tape.gradients(&out, Some(seed), &ids).expect("backward succeeds");
    tape.clear();

    let objective = |xs: &[Tensor]| -> f64 {
        let y = f(&mut Tape::default(), xs).expect("forward succeeds").to_f32_vec();
        y.iter().zip(&r).map(|(&a, &b)| a as f64 * b as f64).sum()
    };
    for (i, input) in inputs.iter().enumerate() {
        if input.dtype() != DType::F32 {
            continue;
        }
        let analytic = grads[i].as_ref().map(|g| g.iter().copied().collect()).unwrap_or_else(|| vec![0.0; input.len()]);
        let values = input.to_f32_vec();
        for j in 0..values.len() {
            let eps = 1e-2 * values[j].abs().max(1.0);
            let shifted = |delta: f32| {
                let mut v = values.clone();
                v[j] += delta;
                let mut xs = inputs.to_vec();
                xs[i] = t(input.shape(), &v);
                objective(&xs)
            };
            let numeric = (shifted(eps) - shifted(-eps)) / (2.0 * eps as f64);
            let a = analytic[j] as f64;
            assert!(
                (numeric - a).abs() <= 2e-2 * numeric.abs().max(a.abs()).max(1.0),
                "input {i} element {j}: analytic {a}, numeric {numeric}"
            );
        }
    }
}
