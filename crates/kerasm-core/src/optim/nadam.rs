//! Nadam's update (Keras 3's `Nadam.update_step` and the `u_product` step of its
//! `_backend_update_step`): Adam with Nesterov momentum on a warming-up momentum schedule.
use super::{check_like_variable, required, slot_data, update_in_chunks};
use crate::error::{fail, Result};
use crate::tensor::Tensor;

/// Nadam's hyperparameters, as in `keras.optimizers.Nadam`.
#[derive(Clone, Copy, Debug)]
pub struct Nadam {
    pub learning_rate: f32,
    pub beta_1: f32,
    pub beta_2: f32,
    pub epsilon: f32,
}

/// The moment slots of one variable, and the optimizer's one-value `u_product` (the product of
/// the momentum schedule `u_1 … u_t`, shared by every variable).
pub struct NadamSlots<'a> {
    pub momentum: Option<&'a mut Tensor>,
    pub velocity: Option<&'a mut Tensor>,
    pub u_product: Option<&'a mut Tensor>,
}

/// One Nadam step in place, `iterations` being the number of steps already taken. With
/// `t = iterations + 1` and the schedule `u_t = beta_1 * (1 - 0.5 * 0.96^t)`: when
/// `advance_u_product` (once per step, for its first variable, as Keras does before the
/// per-variable updates) `u_product *= u_t`; then `m += (g - m) * (1 - beta_1)`,
/// `v += (g² - v) * (1 - beta_2)`,
/// `m_hat = u_{t+1} * m / (1 - u_product * u_{t+1}) + (1 - u_t) * g / (1 - u_product)`,
/// `v_hat = v / (1 - beta_2^t)` and `var -= lr * m_hat / (sqrt(v_hat) + epsilon)`.
pub fn nadam(variable: &mut Tensor, gradient: &Tensor, slots: NadamSlots<'_>, h: &Nadam, iterations: u64, advance_u_product: bool) -> Result<()> {
    check_like_variable("Nadam", variable, "gradient", gradient)?;
    let m = slot_data("Nadam", "momentum", "Nadam keeps a first moment", variable, slots.momentum)?;
    let v = slot_data("Nadam", "velocity", "Nadam keeps a second moment", variable, slots.velocity)?;
    let u_product = required("Nadam", "u_product", "Nadam keeps the product of its momentum schedule", slots.u_product)?;
    let u_product = match u_product.f32_slice_mut("Nadam")? {
        [value] => value,
        other => return fail("Nadam", format!("the 'u_product' variable must hold one value, it holds {}", other.len())),
    };
    let t = iterations as f64 + 1.0;
    let schedule = |step: f64| h.beta_1 as f64 * (1.0 - 0.5 * 0.96f64.powf(step));
    let (u_t, u_next) = (schedule(t), schedule(t + 1.0));
    if advance_u_product {
        *u_product = (*u_product as f64 * u_t) as f32;
    }
    let product = *u_product as f64;
    let c = Coefficients {
        momentum: (u_next / (1.0 - product * u_next)) as f32,
        gradient: ((1.0 - u_t) / (1.0 - product)) as f32,
        velocity: (1.0 / (1.0 - (h.beta_2 as f64).powf(t))) as f32,
        h: *h,
    };
    let g = gradient.as_f32("Nadam")?.as_slice().expect("tensors are kept in standard layout");
    update_in_chunks(variable.f32_slice_mut("Nadam")?, g, [m, v], |var, g, [m, v]| c.step(var, g, m, v));
    Ok(())
}

/// What one step needs per element, computed once per call: the weights of `m` and `g` in
/// `m_hat`, and the bias correction of `v`.
struct Coefficients {
    momentum: f32,
    gradient: f32,
    velocity: f32,
    h: Nadam,
}

impl Coefficients {
    fn step(&self, var: &mut [f32], g: &[f32], m: &mut [f32], v: &mut [f32]) {
        let Nadam { learning_rate: lr, beta_1, beta_2, epsilon } = self.h;
        for i in 0..var.len() {
            let g = g[i];
            m[i] += (g - m[i]) * (1.0 - beta_1);
            v[i] += (g * g - v[i]) * (1.0 - beta_2);
            let m_hat = self.momentum * m[i] + self.gradient * g;
            var[i] -= m_hat * lr / ((v[i] * self.velocity).sqrt() + epsilon);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::testing::{assert_close, pseudo_random, t};

    const H: Nadam = Nadam { learning_rate: 0.01, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 };

    /// Keras's formulas in f64, one element at a time; `u_product` is returned beside the variable.
    fn reference(var: &[f32], grads: &[Vec<f32>], h: &Nadam) -> (Vec<f32>, f64) {
        let (b1, b2, lr, eps) = (h.beta_1 as f64, h.beta_2 as f64, h.learning_rate as f64, h.epsilon as f64);
        let mut var: Vec<f64> = var.iter().map(|&x| x as f64).collect();
        let (mut m, mut v, mut u_product) = (vec![0.0; var.len()], vec![0.0; var.len()], 1.0);
        for (step, g) in grads.iter().enumerate() {
            let t = step as f64 + 1.0;
            let (u_t, u_next) = (b1 * (1.0 - 0.5 * 0.96f64.powf(t)), b1 * (1.0 - 0.5 * 0.96f64.powf(t + 1.0)));
            u_product *= u_t;
            for i in 0..var.len() {
                let g = g[i] as f64;
                m[i] = b1 * m[i] + (1.0 - b1) * g;
                v[i] = b2 * v[i] + (1.0 - b2) * g * g;
                let m_hat = u_next * m[i] / (1.0 - u_product * u_next) + (1.0 - u_t) * g / (1.0 - u_product);
                let v_hat = v[i] / (1.0 - b2.powf(t));
                var[i] -= lr * m_hat / (v_hat.sqrt() + eps);
            }
        }
        (var.into_iter().map(|x| x as f32).collect(), u_product)
    }

    #[test]
    fn matches_the_reference_small_and_parallel() {
        for len in [5, 2 * PARALLEL_MIN_LEN + 3] {
            let init = pseudo_random(len, 7);
            let grads: Vec<Vec<f32>> = (0..4).map(|s| pseudo_random(len, 80 + s)).collect();
            let zeros = vec![0.0; len];
            // Two variables share u_product: only the first update of a step advances it.
            let (mut var, mut other, mut m, mut v, mut m2, mut v2) =
                (t(&[len], &init), t(&[2], &[0.5, -0.5]), t(&[len], &zeros), t(&[len], &zeros), t(&[2], &[0.0; 2]), t(&[2], &[0.0; 2]));
            let mut u_product = t(&[], &[1.0]);
            for (s, g) in grads.iter().enumerate() {
                let slots = NadamSlots { momentum: Some(&mut m2), velocity: Some(&mut v2), u_product: Some(&mut u_product) };
                nadam(&mut other, &t(&[2], &[0.1, 0.2]), slots, &H, s as u64, true).unwrap();
                let slots = NadamSlots { momentum: Some(&mut m), velocity: Some(&mut v), u_product: Some(&mut u_product) };
                nadam(&mut var, &t(&[len], g), slots, &H, s as u64, false).unwrap();
            }
            let (want, want_u_product) = reference(&init, &grads, &H);
            assert_close(&var, &want, 1e-5);
            assert_close(&u_product, &[want_u_product as f32], 1e-6);
        }
    }

    #[test]
    fn errors_name_the_slots() {
        let z = || t(&[2], &[0.0; 2]);
        let (mut var, g) = (z(), z());
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        let slots = NadamSlots { momentum: Some(&mut z()), velocity: Some(&mut z()), u_product: Some(&mut z()) };
        assert_eq!(msg(nadam(&mut var, &g, slots, &H, 0, true)), "Nadam: the 'u_product' variable must hold one value, it holds 2");
        let slots = NadamSlots { momentum: Some(&mut z()), velocity: None, u_product: Some(&mut t(&[], &[1.0])) };
        assert_eq!(msg(nadam(&mut var, &g, slots, &H, 0, true)), "Nadam: Nadam keeps a second moment, so the 'velocity' slot is required");
    }
}
