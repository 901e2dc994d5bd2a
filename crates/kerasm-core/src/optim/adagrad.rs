//! Adagrad's update (Keras 3's `Adagrad.update_step`).
use super::{check_like_variable, slot_data, update_in_chunks};
use crate::error::Result;
use crate::tensor::Tensor;

/// Adagrad's hyperparameters, as in `keras.optimizers.Adagrad` (`initial_accumulator_value` is
/// where the slot starts, set when it is created).
#[derive(Clone, Copy, Debug)]
pub struct Adagrad {
    pub learning_rate: f32,
    pub epsilon: f32,
}

/// One Adagrad step in place: `accumulator += g²`, then `var -= lr * g / sqrt(accumulator + epsilon)`.
pub fn adagrad(variable: &mut Tensor, gradient: &Tensor, accumulator: Option<&mut Tensor>, h: &Adagrad) -> Result<()> {
    check_like_variable("Adagrad", variable, "gradient", gradient)?;
    let acc = slot_data("Adagrad", "accumulator", "Adagrad keeps a sum of squared gradients", variable, accumulator)?;
    let g = gradient.as_f32("Adagrad")?.as_slice().expect("tensors are kept in standard layout");
    let (lr, epsilon) = (h.learning_rate, h.epsilon);
    update_in_chunks(variable.f32_slice_mut("Adagrad")?, g, [acc], |var, g, [acc]| {
        for i in 0..var.len() {
            acc[i] += g[i] * g[i];
            var[i] -= lr * g[i] / (acc[i] + epsilon).sqrt();
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::testing::{assert_close, pseudo_random, t};

    const H: Adagrad = Adagrad { learning_rate: 0.05, epsilon: 1e-7 };

    /// The formulas in f64, one element at a time, from an accumulator starting at `initial`.
    fn reference(var: &[f32], grads: &[Vec<f32>], initial: f64, h: &Adagrad) -> Vec<f32> {
        let mut var: Vec<f64> = var.iter().map(|&x| x as f64).collect();
        let mut acc = vec![initial; var.len()];
        for g in grads {
            for i in 0..var.len() {
                let g = g[i] as f64;
                acc[i] += g * g;
                var[i] -= h.learning_rate as f64 * g / (acc[i] + h.epsilon as f64).sqrt();
            }
        }
        var.into_iter().map(|x| x as f32).collect()
    }

    #[test]
    fn first_step_by_hand() {
        // accumulator = 0.1 + 4, step = 0.05 * 2 / sqrt(4.1 + 1e-7).
        let (mut var, mut acc) = (t(&[1], &[1.0]), t(&[1], &[0.1]));
        adagrad(&mut var, &t(&[1], &[2.0]), Some(&mut acc), &H).unwrap();
        assert_close(&acc, &[4.1], 1e-6);
        assert_close(&var, &[1.0 - 0.1 / 4.1f32.sqrt()], 1e-6);
    }

    #[test]
    fn matches_the_reference_small_and_parallel() {
        for len in [5, 2 * PARALLEL_MIN_LEN + 3] {
            let init = pseudo_random(len, 3);
            let grads: Vec<Vec<f32>> = (0..4).map(|s| pseudo_random(len, 40 + s)).collect();
            let (mut var, mut acc) = (t(&[len], &init), t(&[len], &vec![0.1; len]));
            for g in &grads {
                adagrad(&mut var, &t(&[len], g), Some(&mut acc), &H).unwrap();
            }
            assert_close(&var, &reference(&init, &grads, 0.1, &H), 1e-5);
        }
    }

    #[test]
    fn errors_name_the_slot() {
        let (mut var, g) = (t(&[2], &[0.0; 2]), t(&[2], &[0.0; 2]));
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        assert_eq!(msg(adagrad(&mut var, &g, None, &H)), "Adagrad: Adagrad keeps a sum of squared gradients, so the 'accumulator' slot is required");
        assert_eq!(
            msg(adagrad(&mut var, &g, Some(&mut t(&[3], &[0.0; 3])), &H)),
            "Adagrad: the 'accumulator' slot has shape (3,) but the variable has shape (2,)"
        );
    }
}
