//! Adam's update (Keras 3's `Adam.update_step`), with the optional AMSGrad variant.
use rayon::prelude::*;

use super::{check_like_variable, chunk_count, optional_chunks, required, runs_inline, CHUNK_LEN};
use crate::error::Result;
use crate::tensor::Tensor;

/// Adam's hyperparameters, as in `keras.optimizers.Adam`.
#[derive(Clone, Copy, Debug)]
pub struct Adam {
    pub learning_rate: f32,
    pub beta_1: f32,
    pub beta_2: f32,
    pub epsilon: f32,
    pub amsgrad: bool,
}

/// The moment slots of one variable: `vhat` (the running maximum of `v`) only with AMSGrad.
pub struct AdamSlots<'a> {
    pub m: Option<&'a mut Tensor>,
    pub v: Option<&'a mut Tensor>,
    pub vhat: Option<&'a mut Tensor>,
}

/// One Adam step in place, `iterations` being the number of steps already taken:
/// with `t = iterations + 1` and `alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)`,
/// `m += (g - m) * (1 - beta_1)`, `v += (g² - v) * (1 - beta_2)`, (AMSGrad: `vhat = max(vhat, v)`,
/// used in place of `v`), then `var -= m * alpha / (sqrt(v) + epsilon)`.
pub fn adam(variable: &mut Tensor, gradient: &Tensor, slots: AdamSlots<'_>, h: &Adam, iterations: u64) -> Result<()> {
    check_like_variable("Adam", variable, "gradient", gradient)?;
    let m = required("Adam", "m", "Adam keeps a first moment", slots.m)?;
    let v = required("Adam", "v", "Adam keeps a second moment", slots.v)?;
    check_like_variable("Adam", variable, "'m' slot", m)?;
    check_like_variable("Adam", variable, "'v' slot", v)?;
    let vhat = match (h.amsgrad, slots.vhat) {
        (false, _) => None,
        (true, vhat) => {
            let vhat = required("Adam", "vhat", "amsgrad is on", vhat)?;
            check_like_variable("Adam", variable, "'vhat' slot", vhat)?;
            Some(vhat.f32_slice_mut("Adam")?)
        }
    };
    let t = iterations as f64 + 1.0;
    let alpha = (h.learning_rate as f64 * (1.0 - (h.beta_2 as f64).powf(t)).sqrt() / (1.0 - (h.beta_1 as f64).powf(t))) as f32;
    let c = Coefficients { alpha, one_minus_beta_1: 1.0 - h.beta_1, one_minus_beta_2: 1.0 - h.beta_2, epsilon: h.epsilon };

    let g = gradient.as_f32("Adam")?.as_slice().expect("tensors are kept in standard layout");
    let (var, m, v) = (variable.f32_slice_mut("Adam")?, m.f32_slice_mut("Adam")?, v.f32_slice_mut("Adam")?);
    if runs_inline(var.len()) {
        c.step(var, g, m, v, vhat);
    } else {
        let chunks = chunk_count(var.len());
        var.par_chunks_mut(CHUNK_LEN)
            .zip(g.par_chunks(CHUNK_LEN))
            .zip(m.par_chunks_mut(CHUNK_LEN))
            .zip(v.par_chunks_mut(CHUNK_LEN))
            .zip(optional_chunks(vhat, chunks))
            .for_each(|((((var, g), m), v), vhat)| c.step(var, g, m, v, vhat));
    }
    Ok(())
}

/// What one step needs per element, computed once per call.
struct Coefficients {
    alpha: f32,
    one_minus_beta_1: f32,
    one_minus_beta_2: f32,
    epsilon: f32,
}

impl Coefficients {
    fn step(&self, var: &mut [f32], g: &[f32], m: &mut [f32], v: &mut [f32], mut vhat: Option<&mut [f32]>) {
        for i in 0..var.len() {
            let g = g[i];
            m[i] += (g - m[i]) * self.one_minus_beta_1;
            v[i] += (g * g - v[i]) * self.one_minus_beta_2;
            let second = match vhat.as_deref_mut() {
                Some(vhat) => {
                    vhat[i] = vhat[i].max(v[i]);
                    vhat[i]
                }
                None => v[i],
            };
            var[i] -= m[i] * self.alpha / (second.sqrt() + self.epsilon);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::error::Result;
    use crate::testing::{assert_close, pseudo_random, t};

    const H: Adam = Adam { learning_rate: 0.01, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false };

    /// The formulas in f64, one element at a time, for one step per gradient in `grads`.
    fn reference(var: &[f32], grads: &[Vec<f32>], h: &Adam) -> Vec<f32> {
        let (b1, b2) = (h.beta_1 as f64, h.beta_2 as f64);
        let mut var: Vec<f64> = var.iter().map(|&x| x as f64).collect();
        let (mut m, mut v, mut vhat) = (vec![0.0; var.len()], vec![0.0; var.len()], vec![0.0f64; var.len()]);
        for (step, g) in grads.iter().enumerate() {
            let t = step as f64 + 1.0;
            let alpha = h.learning_rate as f64 * (1.0 - b2.powf(t)).sqrt() / (1.0 - b1.powf(t));
            for i in 0..var.len() {
                let g = g[i] as f64;
                m[i] = b1 * m[i] + (1.0 - b1) * g;
                v[i] = b2 * v[i] + (1.0 - b2) * g * g;
                vhat[i] = vhat[i].max(v[i]);
                let second = if h.amsgrad { vhat[i] } else { v[i] };
                var[i] -= m[i] * alpha / (second.sqrt() + h.epsilon as f64);
            }
        }
        var.into_iter().map(|x| x as f32).collect()
    }

    fn run(var: &mut Tensor, g: &Tensor, m: &mut Tensor, v: &mut Tensor, vhat: Option<&mut Tensor>, h: &Adam, iterations: u64) -> Result<()> {
        adam(var, g, AdamSlots { m: Some(m), v: Some(v), vhat }, h, iterations)
    }

    #[test]
    fn first_step_by_hand() {
        // t = 1: m = 0.1 g, v = 0.001 g², alpha = lr * sqrt(0.001) / 0.1, so the step is
        // lr * g / (|g| + epsilon / sqrt(0.001)) ≈ lr * sign(g).
        let (mut var, mut m, mut v) = (t(&[2], &[1.0, -1.0]), t(&[2], &[0.0; 2]), t(&[2], &[0.0; 2]));
        run(&mut var, &t(&[2], &[0.5, -2.0]), &mut m, &mut v, None, &H, 0).unwrap();
        assert_close(&m, &[0.05, -0.2], 1e-6);
        assert_close(&v, &[0.00025, 0.004], 1e-5);
        let step = |g: f32| 0.01 * g / (g.abs() + 1e-7 / 0.001f32.sqrt());
        assert_close(&var, &[1.0 - step(0.5), -1.0 - step(-2.0)], 1e-6);
    }

    #[test]
    fn matches_the_reference_small_and_parallel() {
        for len in [5, 2 * PARALLEL_MIN_LEN + 3] {
            for amsgrad in [false, true] {
                let h = Adam { amsgrad, ..H };
                let init = pseudo_random(len, 1);
                // A large gradient, then small ones: v falls, so AMSGrad's maximum differs from v.
                let scale = |s: u64| if s == 0 { 1.0 } else { 1e-3 };
                let grads: Vec<Vec<f32>> =
                    (0..4).map(|s| pseudo_random(len, 20 + s).iter().map(|g| g * scale(s)).collect()).collect();
                let zeros = vec![0.0; len];
                let (mut var, mut m, mut v, mut vhat) = (t(&[len], &init), t(&[len], &zeros), t(&[len], &zeros), t(&[len], &zeros));
                for (s, g) in grads.iter().enumerate() {
                    run(&mut var, &t(&[len], g), &mut m, &mut v, Some(&mut vhat), &h, s as u64).unwrap();
                }
                assert_close(&var, &reference(&init, &grads, &h), 1e-5);
            }
        }
    }

    #[test]
    fn errors_name_the_slots() {
        let z = || t(&[3], &[0.0; 3]);
        let (mut var, g) = (z(), z());
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        assert_eq!(
            msg(run(&mut var, &g, &mut z(), &mut t(&[1, 3], &[0.0; 3]), None, &H, 0)),
            "Adam: the 'v' slot has shape (1, 3) but the variable has shape (3,)"
        );
        assert_eq!(
            msg(run(&mut var, &g, &mut z(), &mut z(), None, &Adam { amsgrad: true, ..H }, 0)),
            "Adam: amsgrad is on, so the 'vhat' slot is required"
        );
        assert_eq!(
            msg(adam(&mut var, &g, AdamSlots { m: None, v: None, vhat: None }, &H, 0)),
            "Adam: Adam keeps a first moment, so the 'm' slot is required"
        );
    }
}
