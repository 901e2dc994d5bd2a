//! Adamax's update (Keras 3's `Adamax.update_step`): Adam with the infinity norm.
use super::{check_like_variable, slot_data, update_in_chunks};
use crate::error::Result;
use crate::tensor::Tensor;

/// Adamax's hyperparameters, as in `keras.optimizers.Adamax`.
#[derive(Clone, Copy, Debug)]
pub struct Adamax {
    pub learning_rate: f32,
    pub beta_1: f32,
    pub beta_2: f32,
    pub epsilon: f32,
}

/// The slots of one variable: the first moment and the exponentially weighted infinity norm.
pub struct AdamaxSlots<'a> {
    pub momentum: Option<&'a mut Tensor>,
    pub norm: Option<&'a mut Tensor>,
}

/// One Adamax step in place, `iterations` being the number of steps already taken: with
/// `t = iterations + 1`, `m += (g - m) * (1 - beta_1)`, `u = max(beta_2 * u, |g|)`, then
/// `var -= lr * m / ((1 - beta_1^t) * (u + epsilon))`.
pub fn adamax(variable: &mut Tensor, gradient: &Tensor, slots: AdamaxSlots<'_>, h: &Adamax, iterations: u64) -> Result<()> {
    check_like_variable("Adamax", variable, "gradient", gradient)?;
    let m = slot_data("Adamax", "momentum", "Adamax keeps a first moment", variable, slots.momentum)?;
    let u = slot_data("Adamax", "norm", "Adamax keeps a norm", variable, slots.norm)?;
    let g = gradient.as_f32("Adamax")?.as_slice().expect("tensors are kept in standard layout");
    let Adamax { learning_rate: lr, beta_1, beta_2, epsilon } = *h;
    let correction = (1.0 - (beta_1 as f64).powf(iterations as f64 + 1.0)) as f32;
    update_in_chunks(variable.f32_slice_mut("Adamax")?, g, [m, u], |var, g, [m, u]| {
        for i in 0..var.len() {
            m[i] += (g[i] - m[i]) * (1.0 - beta_1);
            u[i] = (beta_2 * u[i]).max(g[i].abs());
            var[i] -= lr * m[i] / (correction * (u[i] + epsilon));
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::testing::{assert_close, pseudo_random, t};

    const H: Adamax = Adamax { learning_rate: 0.01, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 };

    /// The formulas in f64, one element at a time, for one step per gradient in `grads`.
    fn reference(var: &[f32], grads: &[Vec<f32>], h: &Adamax) -> Vec<f32> {
        let (b1, b2) = (h.beta_1 as f64, h.beta_2 as f64);
        let mut var: Vec<f64> = var.iter().map(|&x| x as f64).collect();
        let (mut m, mut u) = (vec![0.0; var.len()], vec![0.0f64; var.len()]);
        for (step, g) in grads.iter().enumerate() {
            let correction = 1.0 - b1.powi(step as i32 + 1);
            for i in 0..var.len() {
                let g = g[i] as f64;
                m[i] = b1 * m[i] + (1.0 - b1) * g;
                u[i] = (b2 * u[i]).max(g.abs());
                var[i] -= h.learning_rate as f64 * m[i] / (correction * (u[i] + h.epsilon as f64));
            }
        }
        var.into_iter().map(|x| x as f32).collect()
    }

    fn run(var: &mut Tensor, g: &Tensor, m: &mut Tensor, u: &mut Tensor, iterations: u64) -> Result<()> {
        adamax(var, g, AdamaxSlots { momentum: Some(m), norm: Some(u) }, &H, iterations)
    }

    #[test]
    fn first_step_by_hand() {
        // t = 1: m = 0.1 g, u = |g|, so the step is lr * 0.1 g / (0.1 (|g| + epsilon)) ≈ lr * sign(g).
        let (mut var, mut m, mut u) = (t(&[2], &[1.0, -1.0]), t(&[2], &[0.0; 2]), t(&[2], &[0.0; 2]));
        run(&mut var, &t(&[2], &[0.5, -2.0]), &mut m, &mut u, 0).unwrap();
        assert_close(&u, &[0.5, 2.0], 1e-7);
        assert_close(&var, &[1.0 - 0.01 * 0.5 / (0.5 + 1e-7), -1.0 + 0.01 * 2.0 / (2.0 + 1e-7)], 1e-6);
    }

    #[test]
    fn matches_the_reference_small_and_parallel() {
        for len in [5, 2 * PARALLEL_MIN_LEN + 3] {
            let init = pseudo_random(len, 6);
            // A large gradient, then small ones: the norm decays instead of following |g|.
            let scale = |s: u64| if s == 0 { 1.0 } else { 1e-3 };
            let grads: Vec<Vec<f32>> = (0..4).map(|s| pseudo_random(len, 70 + s).iter().map(|g| g * scale(s)).collect()).collect();
            let zeros = vec![0.0; len];
            let (mut var, mut m, mut u) = (t(&[len], &init), t(&[len], &zeros), t(&[len], &zeros));
            for (s, g) in grads.iter().enumerate() {
                run(&mut var, &t(&[len], g), &mut m, &mut u, s as u64).unwrap();
            }
            assert_close(&var, &reference(&init, &grads, &H), 1e-5);
        }
    }

    #[test]
    fn errors_name_the_slots() {
        let z = || t(&[2], &[0.0; 2]);
        let (mut var, g) = (z(), z());
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        assert_eq!(msg(run(&mut var, &g, &mut z(), &mut t(&[1], &[0.0]), 0)), "Adamax: the 'norm' slot has shape (1,) but the variable has shape (2,)");
        let slots = AdamaxSlots { momentum: None, norm: Some(&mut z()) };
        assert_eq!(msg(adamax(&mut var, &g, slots, &H, 0)), "Adamax: Adamax keeps a first moment, so the 'momentum' slot is required");
    }
}
