//! LAMB's update (Keras 3's `Lamb.update_step`): Adam's step scaled per variable by the trust
//! ratio `‖var‖ / ‖step‖`, both norms computed here in the same call.
use rayon::prelude::*;

use super::{check_like_variable, required, runs_inline, CHUNK_LEN};
use crate::error::Result;
use crate::tensor::Tensor;

/// LAMB's hyperparameters, as in `keras.optimizers.Lamb`.
#[derive(Clone, Copy, Debug)]
pub struct Lamb {
    pub learning_rate: f32,
    pub beta_1: f32,
    pub beta_2: f32,
    pub epsilon: f32,
}

/// The moment slots of one variable (zeros at first).
pub struct LambSlots<'a> {
    pub momentum: Option<&'a mut Tensor>,
    pub velocity: Option<&'a mut Tensor>,
}

/// One LAMB step in place, `iterations` being the number of steps already taken: with
/// `t = iterations + 1`, `m += (g - m) * (1 - beta_1)`, `v += (g² - v) * (1 - beta_2)`,
/// `update = (m / (1 - beta_1^t)) / (sqrt(v / (1 - beta_2^t)) + epsilon)`, then
/// `var -= ratio * lr * update` where `ratio = ‖var‖ / ‖update‖`, or 1 when either norm is 0.
pub fn lamb(variable: &mut Tensor, gradient: &Tensor, slots: LambSlots<'_>, h: &Lamb, iterations: u64) -> Result<()> {
    check_like_variable("Lamb", variable, "gradient", gradient)?;
    let m = required("Lamb", "momentum", "Lamb keeps a first moment", slots.momentum)?;
    let v = required("Lamb", "velocity", "Lamb keeps a second moment", slots.velocity)?;
    check_like_variable("Lamb", variable, "'momentum' slot", m)?;
    check_like_variable("Lamb", variable, "'velocity' slot", v)?;
    // Keras raises the float32 betas to a float32 step count.
    let t = (iterations + 1) as f32;
    let c = Coefficients {
        one_minus_beta_1: 1.0 - h.beta_1,
        one_minus_beta_2: 1.0 - h.beta_2,
        correction_1: 1.0 - h.beta_1.powf(t),
        correction_2: 1.0 - h.beta_2.powf(t),
        epsilon: h.epsilon,
    };

    let g = gradient.as_f32("Lamb")?.as_slice().expect("tensors are kept in standard layout");
    let (var, m, v) = (variable.f32_slice_mut("Lamb")?, m.f32_slice_mut("Lamb")?, v.f32_slice_mut("Lamb")?);
    // First pass: the moments, and the squared norms of the variable and of the update.
    let squares = if runs_inline(var.len()) {
        c.moments(var, g, m, v)
    } else {
        var.par_chunks(CHUNK_LEN)
            .zip(g.par_chunks(CHUNK_LEN))
            .zip(m.par_chunks_mut(CHUNK_LEN))
            .zip(v.par_chunks_mut(CHUNK_LEN))
            .map(|(((var, g), m), v)| c.moments(var, g, m, v))
            .reduce(|| (0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1))
    };
    let (var_norm, update_norm) = (squares.0.sqrt() as f32, squares.1.sqrt() as f32);
    let ratio = if var_norm > 0.0 && update_norm > 0.0 { var_norm / update_norm } else { 1.0 };
    // Second pass: the step, the update computed again from the new moments.
    let scale = ratio * h.learning_rate;
    if runs_inline(var.len()) {
        c.apply(var, m, v, scale);
    } else {
        var.par_chunks_mut(CHUNK_LEN)
            .zip(m.par_chunks(CHUNK_LEN))
            .zip(v.par_chunks(CHUNK_LEN))
            .for_each(|((var, m), v)| c.apply(var, m, v, scale));
    }
    Ok(())
}

/// What one step needs per element, computed once per call.
struct Coefficients {
    one_minus_beta_1: f32,
    one_minus_beta_2: f32,
    /// `1 - beta_1^t`, Adam's bias correction of the first moment.
    correction_1: f32,
    /// `1 - beta_2^t`, of the second.
    correction_2: f32,
    epsilon: f32,
}

impl Coefficients {
    fn update(&self, m: f32, v: f32) -> f32 {
        (m / self.correction_1) / ((v / self.correction_2).sqrt() + self.epsilon)
    }

    /// Updates the moments; returns the sums of `var²` and of `update²` (in f64) over the chunk.
    fn moments(&self, var: &[f32], g: &[f32], m: &mut [f32], v: &mut [f32]) -> (f64, f64) {
        let (mut var_squares, mut update_squares) = (0.0f64, 0.0f64);
        for i in 0..var.len() {
            let g = g[i];
            m[i] += (g - m[i]) * self.one_minus_beta_1;
            v[i] += (g * g - v[i]) * self.one_minus_beta_2;
            let update = self.update(m[i], v[i]);
            var_squares += (var[i] as f64) * (var[i] as f64);
            update_squares += (update as f64) * (update as f64);
        }
        (var_squares, update_squares)
    }

    fn apply(&self, var: &mut [f32], m: &[f32], v: &[f32], scale: f32) {
        for i in 0..var.len() {
            var[i] -= scale * self.update(m[i], v[i]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::testing::{assert_close, pseudo_random, t};

    const H: Lamb = Lamb { learning_rate: 0.01, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-6 };

    /// The formulas in f64 for one step per gradient in `grads`.
    fn reference(var: &[f32], grads: &[Vec<f32>], h: &Lamb) -> Vec<f32> {
        let (b1, b2, eps, lr) = (h.beta_1 as f64, h.beta_2 as f64, h.epsilon as f64, h.learning_rate as f64);
        let mut var: Vec<f64> = var.iter().map(|&x| x as f64).collect();
        let (mut m, mut v) = (vec![0.0; var.len()], vec![0.0; var.len()]);
        for (step, g) in grads.iter().enumerate() {
            let t = step as f64 + 1.0;
            let mut update = vec![0.0; var.len()];
            for i in 0..var.len() {
                let g = g[i] as f64;
                m[i] = b1 * m[i] + (1.0 - b1) * g;
                v[i] = b2 * v[i] + (1.0 - b2) * g * g;
                update[i] = (m[i] / (1.0 - b1.powf(t))) / ((v[i] / (1.0 - b2.powf(t))).sqrt() + eps);
            }
            let norm = |x: &[f64]| x.iter().map(|e| e * e).sum::<f64>().sqrt();
            let (w, u) = (norm(&var), norm(&update));
            let ratio = if w > 0.0 && u > 0.0 { w / u } else { 1.0 };
            var.iter_mut().zip(&update).for_each(|(w, u)| *w -= ratio * lr * u);
        }
        var.into_iter().map(|x| x as f32).collect()
    }

    fn run(var: &mut Tensor, g: &Tensor, m: &mut Tensor, v: &mut Tensor, iterations: u64) {
        lamb(var, g, LambSlots { momentum: Some(m), velocity: Some(v) }, &H, iterations).unwrap();
    }

    #[test]
    fn first_step_by_hand() {
        // t = 1: the update is g / (|g| + eps) ≈ sign(g) = (1, -1), so ratio = ‖(3, 4)‖ / ‖(1, -1)‖ = 5 / √2.
        let zeros = || t(&[2], &[0.0; 2]);
        let (mut var, mut m, mut v) = (t(&[2], &[3.0, 4.0]), zeros(), zeros());
        run(&mut var, &t(&[2], &[0.5, -2.0]), &mut m, &mut v, 0);
        let step = |g: f32| g / (g.abs() + 1e-6);
        let ratio = 5.0 / (step(0.5).powi(2) + step(-2.0).powi(2)).sqrt();
        assert_close(&var, &[3.0 - ratio * 0.01 * step(0.5), 4.0 - ratio * 0.01 * step(-2.0)], 1e-6);
        // A zero variable takes the plain step (ratio 1).
        let (mut var, mut m, mut v) = (zeros(), zeros(), zeros());
        run(&mut var, &t(&[2], &[0.5, -2.0]), &mut m, &mut v, 0);
        assert_close(&var, &[-0.01 * step(0.5), -0.01 * step(-2.0)], 1e-6);
    }

    #[test]
    fn matches_the_reference_small_and_parallel() {
        for len in [5, 2 * PARALLEL_MIN_LEN + 3] {
            let init = pseudo_random(len, 4);
            let grads: Vec<Vec<f32>> = (0..4).map(|s| pseudo_random(len, 50 + s)).collect();
            let zeros = vec![0.0; len];
            let (mut var, mut m, mut v) = (t(&[len], &init), t(&[len], &zeros), t(&[len], &zeros));
            for (s, g) in grads.iter().enumerate() {
                run(&mut var, &t(&[len], g), &mut m, &mut v, s as u64);
            }
            assert_close(&var, &reference(&init, &grads, &H), 1e-5);
        }
    }

    #[test]
    fn errors_name_the_slots() {
        let z = || t(&[3], &[0.0; 3]);
        let (mut var, g) = (z(), z());
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        assert_eq!(
            msg(lamb(&mut var, &g, LambSlots { momentum: Some(&mut z()), velocity: None }, &H, 0)),
            "Lamb: Lamb keeps a second moment, so the 'velocity' slot is required"
        );
        assert_eq!(
            msg(lamb(&mut var, &g, LambSlots { momentum: Some(&mut t(&[3, 1], &[0.0; 3])), velocity: Some(&mut z()) }, &H, 0)),
            "Lamb: the 'momentum' slot has shape (3, 1) but the variable has shape (3,)"
        );
    }
}
