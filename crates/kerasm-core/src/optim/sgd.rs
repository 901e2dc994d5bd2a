//! SGD's update (Keras 3's `SGD.update_step`): plain, with momentum, or Nesterov momentum.
use rayon::prelude::*;

use super::{check_like_variable, required, runs_inline, CHUNK_LEN};
use crate::error::Result;
use crate::tensor::Tensor;

/// SGD's hyperparameters, as in `keras.optimizers.SGD`.
#[derive(Clone, Copy, Debug)]
pub struct Sgd {
    pub learning_rate: f32,
    pub momentum: f32,
    pub nesterov: bool,
}

/// One SGD step in place. With `momentum == 0`: `var -= lr * g`. Otherwise, with the
/// `momentum` slot `m`: `m = momentum * m - lr * g`, then `var += momentum * m - lr * g`
/// (Nesterov) or `var += m`.
pub fn sgd(variable: &mut Tensor, gradient: &Tensor, momentum: Option<&mut Tensor>, h: &Sgd) -> Result<()> {
    check_like_variable("SGD", variable, "gradient", gradient)?;
    let g = gradient.as_f32("SGD")?.as_slice().expect("tensors are kept in standard layout");
    let lr = h.learning_rate;
    if h.momentum == 0.0 {
        let var = variable.f32_slice_mut("SGD")?;
        let step = |var: &mut [f32], g: &[f32]| var.iter_mut().zip(g).for_each(|(v, &g)| *v -= lr * g);
        if runs_inline(var.len()) {
            step(var, g);
        } else {
            var.par_chunks_mut(CHUNK_LEN).zip(g.par_chunks(CHUNK_LEN)).for_each(|(v, g)| step(v, g));
        }
        return Ok(());
    }
    let slot = required("SGD", "momentum", &format!("momentum is {}", h.momentum), momentum)?;
    check_like_variable("SGD", variable, "'momentum' slot", slot)?;
    let (var, m) = (variable.f32_slice_mut("SGD")?, slot.f32_slice_mut("SGD")?);
    let (mu, nesterov) = (h.momentum, h.nesterov);
    let step = |var: &mut [f32], m: &mut [f32], g: &[f32]| {
        for ((v, m), &g) in var.iter_mut().zip(m).zip(g) {
            *m = -g * lr + *m * mu;
            *v += if nesterov { -g * lr + *m * mu } else { *m };
        }
    };
    if runs_inline(var.len()) {
        step(var, m, g);
    } else {
        var.par_chunks_mut(CHUNK_LEN)
            .zip(m.par_chunks_mut(CHUNK_LEN))
            .zip(g.par_chunks(CHUNK_LEN))
            .for_each(|((v, m), g)| step(v, m, g));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::testing::{assert_close, pseudo_random, t, ti};

    /// The formulas, one element at a time, for `steps` steps with gradient `grads[s]`.
    fn reference(var: &[f32], grads: &[Vec<f32>], h: &Sgd) -> Vec<f32> {
        let (mut var, mut m) = (var.to_vec(), vec![0.0f32; var.len()]);
        for g in grads {
            for i in 0..var.len() {
                if h.momentum == 0.0 {
                    var[i] -= h.learning_rate * g[i];
                } else {
                    m[i] = h.momentum * m[i] - h.learning_rate * g[i];
                    var[i] += if h.nesterov { h.momentum * m[i] - h.learning_rate * g[i] } else { m[i] };
                }
            }
        }
        var
    }

    fn run(len: usize, h: Sgd) {
        let init = pseudo_random(len, 1);
        let grads: Vec<Vec<f32>> = (0..3).map(|s| pseudo_random(len, 10 + s)).collect();
        let mut var = t(&[len], &init);
        let mut m = t(&[len], &vec![0.0; len]);
        for g in &grads {
            sgd(&mut var, &t(&[len], g), Some(&mut m), &h).unwrap();
        }
        assert_close(&var, &reference(&init, &grads, &h), 1e-6);
    }

    #[test]
    fn hand_computed_steps() {
        // lr 0.1, momentum 0.9, g = 1 twice: m = -0.1, then -0.19.
        let h = Sgd { learning_rate: 0.1, momentum: 0.9, nesterov: false };
        let (mut var, mut m, g) = (t(&[1], &[1.0]), t(&[1], &[0.0]), t(&[1], &[1.0]));
        sgd(&mut var, &g, Some(&mut m), &h).unwrap();
        assert_close(&var, &[0.9], 1e-6);
        sgd(&mut var, &g, Some(&mut m), &h).unwrap();
        assert_close(&m, &[-0.19], 1e-6);
        assert_close(&var, &[0.71], 1e-6);
        // Nesterov: var += 0.9 * -0.1 - 0.1 = -0.19.
        let h = Sgd { nesterov: true, ..h };
        let (mut var, mut m) = (t(&[1], &[1.0]), t(&[1], &[0.0]));
        sgd(&mut var, &g, Some(&mut m), &h).unwrap();
        assert_close(&var, &[0.81], 1e-6);
        // Plain: no slot needed.
        let mut var = t(&[2], &[1.0, 2.0]);
        sgd(&mut var, &t(&[2], &[0.5, -1.0]), None, &Sgd { learning_rate: 0.2, momentum: 0.0, nesterov: false }).unwrap();
        assert_close(&var, &[0.9, 2.2], 1e-6);
    }

    #[test]
    fn matches_the_reference_small_and_parallel() {
        for len in [7, 3 * PARALLEL_MIN_LEN + 5] {
            run(len, Sgd { learning_rate: 0.05, momentum: 0.0, nesterov: false });
            run(len, Sgd { learning_rate: 0.05, momentum: 0.8, nesterov: false });
            run(len, Sgd { learning_rate: 0.05, momentum: 0.8, nesterov: true });
        }
    }

    #[test]
    fn errors_name_the_shapes_and_slots() {
        let h = Sgd { learning_rate: 0.1, momentum: 0.9, nesterov: false };
        let mut var = t(&[2, 3], &[0.0; 6]);
        let g = t(&[2, 3], &[0.0; 6]);
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        assert_eq!(
            msg(sgd(&mut var, &t(&[3], &[0.0; 3]), None, &h)),
            "SGD: the gradient has shape (3,) but the variable has shape (2, 3)"
        );
        assert_eq!(msg(sgd(&mut var, &g, None, &h)), "SGD: momentum is 0.9, so the 'momentum' slot is required");
        assert_eq!(
            msg(sgd(&mut var, &g, Some(&mut t(&[6], &[0.0; 6])), &h)),
            "SGD: the 'momentum' slot has shape (6,) but the variable has shape (2, 3)"
        );
        assert_eq!(
            msg(sgd(&mut var, &ti(&[2, 3], &[0; 6]), None, &h)),
            "SGD: the gradient must be float32, received int32"
        );
        assert_eq!(
            msg(sgd(&mut ti(&[1], &[0]), &g, None, &h)),
            "SGD: the variable must be float32, received int32"
        );
    }
}
