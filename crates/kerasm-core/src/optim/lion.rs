//! Lion's update (Keras 3's `Lion.update_step`).
use super::{check_like_variable, slot_data, update_in_chunks};
use crate::error::Result;
use crate::tensor::Tensor;

/// Lion's hyperparameters, as in `keras.optimizers.Lion`.
#[derive(Clone, Copy, Debug)]
pub struct Lion {
    pub learning_rate: f32,
    pub beta_1: f32,
    pub beta_2: f32,
}

/// One Lion step in place: `var -= lr * sign(beta_1 * m + (1 - beta_1) * g)`, then
/// `m = beta_2 * m + (1 - beta_2) * g`.
pub fn lion(variable: &mut Tensor, gradient: &Tensor, momentum: Option<&mut Tensor>, h: &Lion) -> Result<()> {
    check_like_variable("Lion", variable, "gradient", gradient)?;
    let m = slot_data("Lion", "momentum", "Lion keeps a momentum", variable, momentum)?;
    let g = gradient.as_f32("Lion")?.as_slice().expect("tensors are kept in standard layout");
    let Lion { learning_rate: lr, beta_1, beta_2 } = *h;
    update_in_chunks(variable.f32_slice_mut("Lion")?, g, [m], |var, g, [m]| {
        for i in 0..var.len() {
            var[i] -= lr * sign(m[i] * beta_1 + g[i] * (1.0 - beta_1));
            m[i] = m[i] * beta_2 + g[i] * (1.0 - beta_2);
        }
    });
    Ok(())
}

/// `ops.sign`: 1 or -1, but 0 stays 0 (`f32::signum` gives 1) and NaN stays NaN.
fn sign(x: f32) -> f32 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::testing::{assert_close, pseudo_random, t};

    const H: Lion = Lion { learning_rate: 0.01, beta_1: 0.9, beta_2: 0.99 };

    /// The formulas in f64, one element at a time; the momentum is returned beside the variable.
    fn reference(var: &[f32], grads: &[Vec<f32>], h: &Lion) -> (Vec<f32>, Vec<f32>) {
        let (b1, b2) = (h.beta_1 as f64, h.beta_2 as f64);
        let mut var: Vec<f64> = var.iter().map(|&x| x as f64).collect();
        let mut m = vec![0.0f64; var.len()];
        for g in grads {
            for i in 0..var.len() {
                let g = g[i] as f64;
                let c = b1 * m[i] + (1.0 - b1) * g;
                var[i] -= h.learning_rate as f64 * if c == 0.0 { 0.0 } else { c.signum() };
                m[i] = b2 * m[i] + (1.0 - b2) * g;
            }
        }
        (var.into_iter().map(|x| x as f32).collect(), m.into_iter().map(|x| x as f32).collect())
    }

    #[test]
    fn a_zero_update_leaves_the_weight() {
        let (mut var, mut m) = (t(&[3], &[1.0, 1.0, 1.0]), t(&[3], &[0.0; 3]));
        lion(&mut var, &t(&[3], &[2.0, 0.0, -3.0]), Some(&mut m), &H).unwrap();
        assert_close(&var, &[0.99, 1.0, 1.01], 1e-7);
        assert_close(&m, &[0.02, 0.0, -0.03], 1e-7);
    }

    #[test]
    fn matches_the_reference_small_and_parallel() {
        for len in [5, 2 * PARALLEL_MIN_LEN + 3] {
            let init = pseudo_random(len, 4);
            let grads: Vec<Vec<f32>> = (0..4).map(|s| pseudo_random(len, 50 + s)).collect();
            let (mut var, mut m) = (t(&[len], &init), t(&[len], &vec![0.0; len]));
            for g in &grads {
                lion(&mut var, &t(&[len], g), Some(&mut m), &H).unwrap();
            }
            let (want_var, want_m) = reference(&init, &grads, &H);
            assert_close(&var, &want_var, 1e-5);
            assert_close(&m, &want_m, 1e-6);
        }
    }

    #[test]
    fn errors_name_the_slot() {
        let (mut var, g) = (t(&[2], &[0.0; 2]), t(&[2], &[0.0; 2]));
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        assert_eq!(msg(lion(&mut var, &g, None, &H)), "Lion: Lion keeps a momentum, so the 'momentum' slot is required");
        assert_eq!(msg(lion(&mut var, &t(&[1, 2], &[0.0; 2]), None, &H)), "Lion: the gradient has shape (1, 2) but the variable has shape (2,)");
    }
}
