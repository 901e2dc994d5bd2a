//! FTRL's update (Keras 3's `Ftrl.update_step`): "follow the regularized leader", with online
//! L1/L2 and shrinkage-type L2 regularization.
use rayon::prelude::*;

use super::{check_like_variable, required, runs_inline, CHUNK_LEN};
use crate::error::Result;
use crate::tensor::Tensor;

/// FTRL's hyperparameters, as in `keras.optimizers.Ftrl`.
#[derive(Clone, Copy, Debug)]
pub struct Ftrl {
    pub learning_rate: f32,
    pub learning_rate_power: f32,
    pub l1_regularization_strength: f32,
    pub l2_regularization_strength: f32,
    pub l2_shrinkage_regularization_strength: f32,
    pub beta: f32,
}

/// The slots of one variable: the running sum of squared gradients (`accumulator`, which starts
/// at `initial_accumulator_value`) and the `linear` term (zeros at first).
pub struct FtrlSlots<'a> {
    pub accumulator: Option<&'a mut Tensor>,
    pub linear: Option<&'a mut Tensor>,
}

/// One FTRL step in place, with `p = -learning_rate_power`:
/// `n' = n + g²`, `linear += g + 2 * shrinkage * var - (n'^p - n^p) / lr * var`, then
/// `var = (clip(linear, -l1, l1) - linear) / (n'^p / lr + 2 * (l2 + beta / (2 * lr)))`, `n = n'`.
pub fn ftrl(variable: &mut Tensor, gradient: &Tensor, slots: FtrlSlots<'_>, h: &Ftrl) -> Result<()> {
    check_like_variable("Ftrl", variable, "gradient", gradient)?;
    let accumulator = required("Ftrl", "accumulator", "Ftrl keeps an accumulator", slots.accumulator)?;
    let linear = required("Ftrl", "linear", "Ftrl keeps a linear term", slots.linear)?;
    check_like_variable("Ftrl", variable, "'accumulator' slot", accumulator)?;
    check_like_variable("Ftrl", variable, "'linear' slot", linear)?;
    let c = Coefficients {
        lr: h.learning_rate,
        power: -h.learning_rate_power,
        l1: h.l1_regularization_strength,
        two_l2: 2.0 * (h.l2_regularization_strength + h.beta / (2.0 * h.learning_rate)),
        two_shrinkage: 2.0 * h.l2_shrinkage_regularization_strength,
    };

    let g = gradient.as_f32("Ftrl")?.as_slice().expect("tensors are kept in standard layout");
    let (var, n, linear) = (variable.f32_slice_mut("Ftrl")?, accumulator.f32_slice_mut("Ftrl")?, linear.f32_slice_mut("Ftrl")?);
    if runs_inline(var.len()) {
        c.step(var, g, n, linear);
    } else {
        var.par_chunks_mut(CHUNK_LEN)
            .zip(g.par_chunks(CHUNK_LEN))
            .zip(n.par_chunks_mut(CHUNK_LEN))
            .zip(linear.par_chunks_mut(CHUNK_LEN))
            .for_each(|(((var, g), n), linear)| c.step(var, g, n, linear));
    }
    Ok(())
}

/// What one step needs per element, computed once per call.
struct Coefficients {
    lr: f32,
    power: f32,
    l1: f32,
    /// `2 * (l2 + beta / (2 * lr))`: Keras folds `beta` into the L2 strength.
    two_l2: f32,
    two_shrinkage: f32,
}

impl Coefficients {
    /// `x^power`; Keras's default power 0.5 as a square root (a 1024 × 1024 step: 28 ms with `powf`, 3 ms so).
    fn pow(&self, x: f32) -> f32 {
        if self.power == 0.5 {
            x.sqrt()
        } else {
            x.powf(self.power)
        }
    }

    fn step(&self, var: &mut [f32], g: &[f32], n: &mut [f32], linear: &mut [f32]) {
        for i in 0..var.len() {
            let (g, w) = (g[i], var[i]);
            let new_n = n[i] + g * g;
            let new_n_pow = self.pow(new_n);
            linear[i] += (g + self.two_shrinkage * w) - (new_n_pow - self.pow(n[i])) / self.lr * w;
            let quadratic = new_n_pow / self.lr + self.two_l2;
            var[i] = (linear[i].clamp(-self.l1, self.l1) - linear[i]) / quadratic;
            n[i] = new_n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::testing::{assert_close, pseudo_random, t};

    const H: Ftrl = Ftrl {
        learning_rate: 0.05,
        learning_rate_power: -0.5,
        l1_regularization_strength: 0.0,
        l2_regularization_strength: 0.0,
        l2_shrinkage_regularization_strength: 0.0,
        beta: 0.0,
    };

    /// The formulas in f64, one element at a time, for one step per gradient in `grads`,
    /// the accumulator starting at `n0`.
    fn reference(var: &[f32], grads: &[Vec<f32>], h: &Ftrl, n0: f64) -> Vec<f32> {
        let (lr, p, l1) = (h.learning_rate as f64, -h.learning_rate_power as f64, h.l1_regularization_strength as f64);
        let l2 = h.l2_regularization_strength as f64 + h.beta as f64 / (2.0 * lr);
        let shrinkage = h.l2_shrinkage_regularization_strength as f64;
        let mut var: Vec<f64> = var.iter().map(|&x| x as f64).collect();
        let (mut n, mut linear) = (vec![n0; var.len()], vec![0.0; var.len()]);
        for g in grads {
            for i in 0..var.len() {
                let g = g[i] as f64;
                let new_n = n[i] + g * g;
                linear[i] += g + 2.0 * shrinkage * var[i] - (new_n.powf(p) - n[i].powf(p)) / lr * var[i];
                var[i] = (linear[i].clamp(-l1, l1) - linear[i]) / (new_n.powf(p) / lr + 2.0 * l2);
                n[i] = new_n;
            }
        }
        var.into_iter().map(|x| x as f32).collect()
    }

    fn run(len: usize, h: &Ftrl, n0: f32) {
        let init = pseudo_random(len, 3);
        let grads: Vec<Vec<f32>> = (0..4).map(|s| pseudo_random(len, 40 + s)).collect();
        let (mut var, mut n, mut linear) = (t(&[len], &init), t(&[len], &vec![n0; len]), t(&[len], &vec![0.0; len]));
        for g in &grads {
            ftrl(&mut var, &t(&[len], g), FtrlSlots { accumulator: Some(&mut n), linear: Some(&mut linear) }, h).unwrap();
        }
        assert_close(&var, &reference(&init, &grads, h, n0 as f64), 1e-5);
    }

    #[test]
    fn first_step_by_hand() {
        // n = 0.1 + 4 = 4.1, linear = 2 - (sqrt(4.1) - sqrt(0.1)) / 0.05 * 1, var = -linear / (sqrt(4.1) / 0.05).
        let (mut var, mut n, mut linear) = (t(&[1], &[1.0]), t(&[1], &[0.1]), t(&[1], &[0.0]));
        ftrl(&mut var, &t(&[1], &[2.0]), FtrlSlots { accumulator: Some(&mut n), linear: Some(&mut linear) }, &H).unwrap();
        let want_linear = 2.0 - (4.1f32.sqrt() - 0.1f32.sqrt()) / 0.05;
        assert_close(&n, &[4.1], 1e-6);
        assert_close(&linear, &[want_linear], 1e-5);
        assert_close(&var, &[-want_linear / (4.1f32.sqrt() / 0.05)], 1e-6);
    }

    #[test]
    fn matches_the_reference_small_and_parallel() {
        let regularized = Ftrl {
            learning_rate_power: -0.3,
            l1_regularization_strength: 0.5,
            l2_regularization_strength: 0.2,
            l2_shrinkage_regularization_strength: 0.1,
            beta: 0.4,
            ..H
        };
        for len in [9, 2 * PARALLEL_MIN_LEN + 1] {
            run(len, &H, 0.1);
            run(len, &regularized, 0.2);
            // A fixed learning rate (power 0) from a zero accumulator.
            run(len, &Ftrl { learning_rate_power: 0.0, ..regularized }, 0.0);
        }
    }

    #[test]
    fn errors_name_the_slots() {
        let z = || t(&[2], &[0.0; 2]);
        let (mut var, g, mut n) = (z(), z(), z());
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        assert_eq!(
            msg(ftrl(&mut var, &g, FtrlSlots { accumulator: Some(&mut n), linear: None }, &H)),
            "Ftrl: Ftrl keeps a linear term, so the 'linear' slot is required"
        );
        let mut bad = t(&[1, 2], &[0.0; 2]);
        assert_eq!(
            msg(ftrl(&mut var, &g, FtrlSlots { accumulator: Some(&mut bad), linear: Some(&mut z()) }, &H)),
            "Ftrl: the 'accumulator' slot has shape (1, 2) but the variable has shape (2,)"
        );
    }
}
