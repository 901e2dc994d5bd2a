//! RMSprop's update (Keras 3's `RMSprop.update_step`), optionally centered and with momentum.
use rayon::prelude::*;

use super::{check_like_variable, chunk_count, optional_chunks, required, runs_inline, CHUNK_LEN};
use crate::error::Result;
use crate::tensor::Tensor;

/// RMSprop's hyperparameters, as in `keras.optimizers.RMSprop`.
#[derive(Clone, Copy, Debug)]
pub struct RmsProp {
    pub learning_rate: f32,
    pub rho: f32,
    pub momentum: f32,
    pub epsilon: f32,
    pub centered: bool,
}

/// The slots of one variable: `average_gradient` only when centered, `momentum` only when
/// `momentum > 0`.
pub struct RmsPropSlots<'a> {
    pub velocity: Option<&'a mut Tensor>,
    pub average_gradient: Option<&'a mut Tensor>,
    pub momentum: Option<&'a mut Tensor>,
}

/// One RMSprop step in place: `velocity = rho * velocity + (1 - rho) * g²`; centered:
/// `avg = rho * avg + (1 - rho) * g` and `denominator = velocity - avg² + epsilon`, otherwise
/// `denominator = velocity + epsilon`; `increment = lr * g / sqrt(denominator)`; then with
/// momentum `m = momentum * m + increment; var -= m`, otherwise `var -= increment`.
pub fn rmsprop(variable: &mut Tensor, gradient: &Tensor, slots: RmsPropSlots<'_>, h: &RmsProp) -> Result<()> {
    check_like_variable("RMSprop", variable, "gradient", gradient)?;
    let velocity = required("RMSprop", "velocity", "RMSprop keeps a velocity", slots.velocity)?;
    check_like_variable("RMSprop", variable, "'velocity' slot", velocity)?;
    let average = match (h.centered, slots.average_gradient) {
        (false, _) => None,
        (true, slot) => {
            let slot = required("RMSprop", "average_gradient", "centered is on", slot)?;
            check_like_variable("RMSprop", variable, "'average_gradient' slot", slot)?;
            Some(slot.f32_slice_mut("RMSprop")?)
        }
    };
    let momentum = match slots.momentum {
        _ if h.momentum <= 0.0 => None,
        slot => {
            let slot = required("RMSprop", "momentum", &format!("momentum is {}", h.momentum), slot)?;
            check_like_variable("RMSprop", variable, "'momentum' slot", slot)?;
            Some(slot.f32_slice_mut("RMSprop")?)
        }
    };

    let g = gradient.as_f32("RMSprop")?.as_slice().expect("tensors are kept in standard layout");
    let (var, velocity) = (variable.f32_slice_mut("RMSprop")?, velocity.f32_slice_mut("RMSprop")?);
    if runs_inline(var.len()) {
        step(h, var, g, velocity, average, momentum);
    } else {
        let chunks = chunk_count(var.len());
        var.par_chunks_mut(CHUNK_LEN)
            .zip(g.par_chunks(CHUNK_LEN))
            .zip(velocity.par_chunks_mut(CHUNK_LEN))
            .zip(optional_chunks(average, chunks))
            .zip(optional_chunks(momentum, chunks))
            .for_each(|((((var, g), velocity), average), momentum)| step(h, var, g, velocity, average, momentum));
    }
    Ok(())
}

fn step(h: &RmsProp, var: &mut [f32], g: &[f32], velocity: &mut [f32], mut average: Option<&mut [f32]>, mut momentum: Option<&mut [f32]>) {
    let (rho, one_minus_rho) = (h.rho, 1.0 - h.rho);
    for i in 0..var.len() {
        let g = g[i];
        velocity[i] = rho * velocity[i] + one_minus_rho * g * g;
        let denominator = match average.as_deref_mut() {
            Some(avg) => {
                avg[i] = rho * avg[i] + one_minus_rho * g;
                velocity[i] - avg[i] * avg[i] + h.epsilon
            }
            None => velocity[i] + h.epsilon,
        };
        let increment = h.learning_rate * g / denominator.sqrt();
        match momentum.as_deref_mut() {
            Some(m) => {
                m[i] = h.momentum * m[i] + increment;
                var[i] -= m[i];
            }
            None => var[i] -= increment,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::error::Result;
    use crate::testing::{assert_close, pseudo_random, t};

    const H: RmsProp = RmsProp { learning_rate: 0.001, rho: 0.9, momentum: 0.0, epsilon: 1e-7, centered: false };

    /// The formulas in f64, one element at a time, for one step per gradient in `grads`.
    fn reference(var: &[f32], grads: &[Vec<f32>], h: &RmsProp) -> Vec<f32> {
        let (rho, eps, lr, mu) = (h.rho as f64, h.epsilon as f64, h.learning_rate as f64, h.momentum as f64);
        let mut var: Vec<f64> = var.iter().map(|&x| x as f64).collect();
        let (mut vel, mut avg, mut m) = (vec![0.0; var.len()], vec![0.0; var.len()], vec![0.0; var.len()]);
        for g in grads {
            for i in 0..var.len() {
                let g = g[i] as f64;
                vel[i] = rho * vel[i] + (1.0 - rho) * g * g;
                avg[i] = rho * avg[i] + (1.0 - rho) * g;
                let denominator = if h.centered { vel[i] - avg[i] * avg[i] + eps } else { vel[i] + eps };
                let increment = lr * g / denominator.sqrt();
                m[i] = mu * m[i] + increment;
                var[i] -= if mu > 0.0 { m[i] } else { increment };
            }
        }
        var.into_iter().map(|x| x as f32).collect()
    }

    fn run(len: usize, h: &RmsProp) {
        let init = pseudo_random(len, 2);
        let grads: Vec<Vec<f32>> = (0..4).map(|s| pseudo_random(len, 30 + s)).collect();
        let zeros = vec![0.0; len];
        let (mut var, mut vel, mut avg, mut m) = (t(&[len], &init), t(&[len], &zeros), t(&[len], &zeros), t(&[len], &zeros));
        for g in &grads {
            let slots = RmsPropSlots { velocity: Some(&mut vel), average_gradient: Some(&mut avg), momentum: Some(&mut m) };
            rmsprop(&mut var, &t(&[len], g), slots, h).unwrap();
        }
        assert_close(&var, &reference(&init, &grads, h), 1e-5);
    }

    #[test]
    fn first_step_by_hand() {
        // velocity = 0.1 g² = 0.4, increment = 0.001 * 2 / sqrt(0.4 + 1e-7).
        let (mut var, mut vel) = (t(&[1], &[1.0]), t(&[1], &[0.0]));
        let slots = RmsPropSlots { velocity: Some(&mut vel), average_gradient: None, momentum: None };
        rmsprop(&mut var, &t(&[1], &[2.0]), slots, &H).unwrap();
        assert_close(&vel, &[0.4], 1e-6);
        assert_close(&var, &[1.0 - 0.002 / (0.4f32 + 1e-7).sqrt()], 1e-6);
        // Centered: avg = 0.2, denominator = 0.4 - 0.04 + 1e-7.
        let (mut var, mut vel, mut avg) = (t(&[1], &[1.0]), t(&[1], &[0.0]), t(&[1], &[0.0]));
        let slots = RmsPropSlots { velocity: Some(&mut vel), average_gradient: Some(&mut avg), momentum: None };
        rmsprop(&mut var, &t(&[1], &[2.0]), slots, &RmsProp { centered: true, ..H }).unwrap();
        assert_close(&avg, &[0.2], 1e-6);
        assert_close(&var, &[1.0 - 0.002 / (0.36f32 + 1e-7).sqrt()], 1e-6);
    }

    #[test]
    fn matches_the_reference_small_and_parallel() {
        for len in [6, 2 * PARALLEL_MIN_LEN + 7] {
            for centered in [false, true] {
                for momentum in [0.0, 0.9] {
                    run(len, &RmsProp { centered, momentum, ..H });
                }
            }
        }
    }

    #[test]
    fn errors_name_the_slots() {
        let z = || t(&[2], &[0.0; 2]);
        let (mut var, g, mut vel) = (z(), z(), z());
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        let slots = RmsPropSlots { velocity: Some(&mut vel), average_gradient: None, momentum: None };
        assert_eq!(msg(rmsprop(&mut var, &g, slots, &RmsProp { momentum: 0.5, ..H })), "RMSprop: momentum is 0.5, so the 'momentum' slot is required");
        let mut bad = t(&[3], &[0.0; 3]);
        let slots = RmsPropSlots { velocity: Some(&mut vel), average_gradient: Some(&mut bad), momentum: None };
        assert_eq!(
            msg(rmsprop(&mut var, &g, slots, &RmsProp { centered: true, ..H })),
            "RMSprop: the 'average_gradient' slot has shape (3,) but the variable has shape (2,)"
        );
        let slots = RmsPropSlots { velocity: None, average_gradient: None, momentum: None };
        assert_eq!(msg(rmsprop(&mut var, &g, slots, &H)), "RMSprop: RMSprop keeps a velocity, so the 'velocity' slot is required");
    }
}
