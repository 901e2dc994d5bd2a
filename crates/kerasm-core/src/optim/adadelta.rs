//! Adadelta's update (Keras 3's `Adadelta.update_step`).
use super::{check_like_variable, slot_data, update_in_chunks};
use crate::error::Result;
use crate::tensor::Tensor;

/// Adadelta's hyperparameters, as in `keras.optimizers.Adadelta`.
#[derive(Clone, Copy, Debug)]
pub struct Adadelta {
    pub learning_rate: f32,
    pub rho: f32,
    pub epsilon: f32,
}

/// The running means of one variable.
pub struct AdadeltaSlots<'a> {
    pub accumulated_grad: Option<&'a mut Tensor>,
    pub accumulated_delta_var: Option<&'a mut Tensor>,
}

/// One Adadelta step in place, with `rms(x) = sqrt(x + epsilon)`:
/// `accumulated_grad = rho * accumulated_grad + (1 - rho) * g²`,
/// `delta = -rms(accumulated_delta_var) * g / rms(accumulated_grad)`,
/// `accumulated_delta_var = rho * accumulated_delta_var + (1 - rho) * delta²`, then `var += lr * delta`.
pub fn adadelta(variable: &mut Tensor, gradient: &Tensor, slots: AdadeltaSlots<'_>, h: &Adadelta) -> Result<()> {
    check_like_variable("Adadelta", variable, "gradient", gradient)?;
    let why = "Adadelta keeps running means of the squared gradients and updates";
    let grads = slot_data("Adadelta", "accumulated_grad", why, variable, slots.accumulated_grad)?;
    let deltas = slot_data("Adadelta", "accumulated_delta_var", why, variable, slots.accumulated_delta_var)?;
    let g = gradient.as_f32("Adadelta")?.as_slice().expect("tensors are kept in standard layout");
    let Adadelta { learning_rate: lr, rho, epsilon } = *h;
    update_in_chunks(variable.f32_slice_mut("Adadelta")?, g, [grads, deltas], |var, g, [grads, deltas]| {
        for i in 0..var.len() {
            grads[i] = rho * grads[i] + (1.0 - rho) * g[i] * g[i];
            let delta = -(deltas[i] + epsilon).sqrt() * g[i] / (grads[i] + epsilon).sqrt();
            deltas[i] = rho * deltas[i] + (1.0 - rho) * delta * delta;
            var[i] += lr * delta;
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::testing::{assert_close, pseudo_random, t};

    const H: Adadelta = Adadelta { learning_rate: 1.0, rho: 0.95, epsilon: 1e-6 };

    /// The formulas in f64, one element at a time, for one step per gradient in `grads`.
    fn reference(var: &[f32], grads: &[Vec<f32>], h: &Adadelta) -> Vec<f32> {
        let (lr, rho, eps) = (h.learning_rate as f64, h.rho as f64, h.epsilon as f64);
        let mut var: Vec<f64> = var.iter().map(|&x| x as f64).collect();
        let (mut acc_g, mut acc_d) = (vec![0.0; var.len()], vec![0.0; var.len()]);
        for g in grads {
            for i in 0..var.len() {
                let g = g[i] as f64;
                acc_g[i] = rho * acc_g[i] + (1.0 - rho) * g * g;
                let delta = -(acc_d[i] + eps).sqrt() * g / (acc_g[i] + eps).sqrt();
                acc_d[i] = rho * acc_d[i] + (1.0 - rho) * delta * delta;
                var[i] += lr * delta;
            }
        }
        var.into_iter().map(|x| x as f32).collect()
    }

    fn run(var: &mut Tensor, g: &Tensor, acc_g: &mut Tensor, acc_d: &mut Tensor) -> Result<()> {
        adadelta(var, g, AdadeltaSlots { accumulated_grad: Some(acc_g), accumulated_delta_var: Some(acc_d) }, &H)
    }

    #[test]
    fn matches_the_reference_small_and_parallel() {
        for len in [5, 2 * PARALLEL_MIN_LEN + 3] {
            let init = pseudo_random(len, 5);
            let grads: Vec<Vec<f32>> = (0..4).map(|s| pseudo_random(len, 60 + s)).collect();
            let zeros = vec![0.0; len];
            let (mut var, mut acc_g, mut acc_d) = (t(&[len], &init), t(&[len], &zeros), t(&[len], &zeros));
            for g in &grads {
                run(&mut var, &t(&[len], g), &mut acc_g, &mut acc_d).unwrap();
            }
            assert_close(&var, &reference(&init, &grads, &H), 1e-5);
        }
    }

    #[test]
    fn errors_name_the_slots() {
        let z = || t(&[2], &[0.0; 2]);
        let (mut var, g) = (z(), z());
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        assert_eq!(
            msg(run(&mut var, &g, &mut z(), &mut t(&[2, 1], &[0.0; 2]))),
            "Adadelta: the 'accumulated_delta_var' slot has shape (2, 1) but the variable has shape (2,)"
        );
        let slots = AdadeltaSlots { accumulated_grad: Some(&mut z()), accumulated_delta_var: None };
        assert_eq!(
            msg(adadelta(&mut var, &g, slots, &H)),
            "Adadelta: Adadelta keeps running means of the squared gradients and updates, so the 'accumulated_delta_var' slot is required"
        );
    }
}
