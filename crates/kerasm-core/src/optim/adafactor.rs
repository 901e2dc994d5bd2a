//! Adafactor's update (Keras 3's `Adafactor.update_step`): for a variable of rank 2 or more the
//! second moment is kept factored, as running means of the squared gradient over its last axis
//! (`r`, one per row) and over its second-to-last axis (`c`, one per column), per matrix of the
//! leading axes; the step is relative to the variable's root mean square and clipped by its own.
use rayon::prelude::*;

use super::{check_like_variable, required, runs_inline, CHUNK_LEN};
use crate::error::{fail, shape_str, Result};
use crate::tensor::Tensor;

/// Adafactor's hyperparameters, as in `keras.optimizers.Adafactor`.
#[derive(Clone, Copy, Debug)]
pub struct Adafactor {
    pub learning_rate: f32,
    pub beta_2_decay: f32,
    pub epsilon_1: f32,
    pub epsilon_2: f32,
    pub clip_threshold: f32,
}

/// The slots of one variable: `r` (the variable's shape without its last axis) and `c` (without
/// its second-to-last axis) for rank 2 or more, unused below; `velocity` (the variable's shape).
pub struct AdafactorSlots<'a> {
    pub r: Option<&'a mut Tensor>,
    pub c: Option<&'a mut Tensor>,
    pub velocity: Option<&'a mut Tensor>,
}

/// One Adafactor step in place, `iterations` being the number of steps already taken. With
/// `t = iterations + 1`, `rho = min(lr, 1 / sqrt(t))`, `alpha = max(epsilon_2, rms(var)) * rho`,
/// `beta = 1 - t^beta_2_decay` and `s = g² + epsilon_1`: factored, `r = beta * r + (1 - beta) *
/// mean(s, -1)`, `c = beta * c + (1 - beta) * mean(s, -2)` and `velocity = r / mean(r) ⊗ c`;
/// otherwise `velocity = beta * velocity + (1 - beta) * s`. Then `u = g / sqrt(velocity)` and
/// `var -= alpha * u / max(1, rms(u) / clip_threshold)`.
///
/// Keras's `relative_step` only decides whether `lr` is first lowered to `1 / sqrt(t)`, which
/// `rho` does anyway, so it changes no step and is not needed here.
pub fn adafactor(variable: &mut Tensor, gradient: &Tensor, slots: AdafactorSlots<'_>, h: &Adafactor, iterations: u64) -> Result<()> {
    check_like_variable("Adafactor", variable, "gradient", gradient)?;
    let velocity = required("Adafactor", "velocity", "Adafactor keeps a second moment", slots.velocity)?;
    check_like_variable("Adafactor", variable, "'velocity' slot", velocity)?;
    let factors = match Factors::of(variable.shape()) {
        None => None,
        Some(f) => {
            let r = required("Adafactor", "r", "the variable has rank 2 or more", slots.r)?;
            let c = required("Adafactor", "c", "the variable has rank 2 or more", slots.c)?;
            f.check("'r' slot", r, &f.r_shape(variable.shape()), variable.shape())?;
            f.check("'c' slot", c, &f.c_shape(variable.shape()), variable.shape())?;
            Some((f, r.f32_slice_mut("Adafactor")?, c.f32_slice_mut("Adafactor")?))
        }
    };
    // Keras computes the step's scalars in float32 from a float32 step count.
    let t = (iterations + 1) as f32;
    let rho = h.learning_rate.min(1.0 / t.sqrt());
    let beta = 1.0 - t.powf(h.beta_2_decay);

    let g = gradient.as_f32("Adafactor")?.as_slice().expect("tensors are kept in standard layout");
    let (var, velocity) = (variable.f32_slice_mut("Adafactor")?, velocity.f32_slice_mut("Adafactor")?);
    let alpha = h.epsilon_2.max(root_mean_square(var)) * rho;
    let square = |g: f32| g * g + h.epsilon_1;
    match factors {
        Some((f, r, c)) => f.update(g, r, c, velocity, beta, square),
        None => for_chunks(velocity, g, |v, g| {
            v.iter_mut().zip(g).for_each(|(v, &g)| *v = beta * *v + (1.0 - beta) * square(g));
        }),
    }
    // `u = g / sqrt(velocity)` is computed twice: for its norm, then for the step.
    let u_squares = sum_over_chunks(g, velocity, |g, v| g.iter().zip(v).map(|(&g, &v)| f64::from(g / v.sqrt()).powi(2)).sum());
    let u_rms = ((u_squares / g.len() as f64).sqrt()) as f32;
    let scale = alpha / 1.0f32.max(u_rms / h.clip_threshold);
    let step = |var: &mut [f32], g: &[f32], v: &[f32]| {
        var.iter_mut().zip(g.iter().zip(v)).for_each(|(w, (&g, &v))| *w -= scale * (g / v.sqrt()));
    };
    if runs_inline(var.len()) {
        step(var, g, velocity);
    } else {
        var.par_chunks_mut(CHUNK_LEN)
            .zip(g.par_chunks(CHUNK_LEN).zip(velocity.par_chunks(CHUNK_LEN)))
            .for_each(|(var, (g, v))| step(var, g, v));
    }
    Ok(())
}

/// The variable's root mean square (the sum in f64).
fn root_mean_square(x: &[f32]) -> f32 {
    let squares = if runs_inline(x.len()) {
        x.iter().map(|&e| f64::from(e).powi(2)).sum::<f64>()
    } else {
        x.par_chunks(CHUNK_LEN).map(|x| x.iter().map(|&e| f64::from(e).powi(2)).sum::<f64>()).sum()
    };
    (squares / x.len() as f64).sqrt() as f32
}

/// `f(dst, src)` over matching chunks, in parallel for large slices.
fn for_chunks(dst: &mut [f32], src: &[f32], f: impl Fn(&mut [f32], &[f32]) + Sync) {
    if runs_inline(dst.len()) {
        f(dst, src);
    } else {
        dst.par_chunks_mut(CHUNK_LEN).zip(src.par_chunks(CHUNK_LEN)).for_each(|(d, s)| f(d, s));
    }
}

/// The sum of `f(a, b)` over matching chunks.
fn sum_over_chunks(a: &[f32], b: &[f32], f: impl Fn(&[f32], &[f32]) -> f64 + Sync) -> f64 {
    if runs_inline(a.len()) {
        f(a, b)
    } else {
        a.par_chunks(CHUNK_LEN).zip(b.par_chunks(CHUNK_LEN)).map(|(a, b)| f(a, b)).sum()
    }
}

/// A variable of rank 2 or more seen as matrices of `rows × columns`, one per index of its leading axes.
#[derive(Clone, Copy)]
struct Factors {
    rows: usize,
    columns: usize,
}

impl Factors {
    fn of(shape: &[usize]) -> Option<Factors> {
        match shape {
            [.., rows, columns] => Some(Factors { rows: *rows, columns: *columns }),
            _ => None,
        }
    }

    /// `r`'s shape: the variable's without its last axis.
    fn r_shape(&self, shape: &[usize]) -> Vec<usize> {
        shape[..shape.len() - 1].to_vec()
    }

    /// `c`'s shape: the variable's without its second-to-last axis.
    fn c_shape(&self, shape: &[usize]) -> Vec<usize> {
        let mut s = shape[..shape.len() - 2].to_vec();
        s.push(self.columns);
        s
    }

    fn check(&self, what: &str, slot: &Tensor, want: &[usize], variable: &[usize]) -> Result<()> {
        if slot.shape() != want {
            return fail(
                "Adafactor",
                format!("the {what} has shape {} but a variable of shape {} needs {}", shape_str(slot.shape()), shape_str(variable), shape_str(want)),
            );
        }
        if slot.as_f32("Adafactor").is_err() {
            return fail("Adafactor", format!("the {what} must be float32, received {}", slot.dtype().name()));
        }
        Ok(())
    }

    /// The factored second moment: `r` and `c` from the squares of `g`, then `velocity` from them.
    /// One pass over `g` on the calling thread (each square feeds a row and a column mean).
    fn update(&self, g: &[f32], r: &mut [f32], c: &mut [f32], velocity: &mut [f32], beta: f32, square: impl Fn(f32) -> f32 + Sync) {
        let (rows, columns) = (self.rows, self.columns);
        let matrix = rows * columns;
        if matrix == 0 {
            return;
        }
        let one_minus_beta = 1.0 - beta;
        for (b, g) in g.chunks(matrix).enumerate() {
            let (r, c) = (&mut r[b * rows..(b + 1) * rows], &mut c[b * columns..(b + 1) * columns]);
            let mut column_sums = vec![0.0f64; columns];
            for (i, row) in g.chunks(columns).enumerate() {
                let mut row_sum = 0.0f64;
                for (j, &g) in row.iter().enumerate() {
                    let s = f64::from(square(g));
                    row_sum += s;
                    column_sums[j] += s;
                }
                r[i] = beta * r[i] + one_minus_beta * (row_sum / columns as f64) as f32;
            }
            for (c, sum) in c.iter_mut().zip(&column_sums) {
                *c = beta * *c + one_minus_beta * (sum / rows as f64) as f32;
            }
            let r_mean = (r.iter().map(|&e| f64::from(e)).sum::<f64>() / rows as f64) as f32;
            let velocity = &mut velocity[b * matrix..(b + 1) * matrix];
            for (row, &r) in velocity.chunks_mut(columns).zip(r.iter()) {
                let r = r / r_mean;
                row.iter_mut().zip(c.iter()).for_each(|(v, &c)| *v = r * c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::testing::{assert_close, pseudo_random, t};

    const H: Adafactor = Adafactor { learning_rate: 0.05, beta_2_decay: -0.8, epsilon_1: 1e-30, epsilon_2: 1e-3, clip_threshold: 1.0 };

    /// The formulas in f64 for one step per gradient in `grads`, on a variable of `shape`.
    fn reference(shape: &[usize], var: &[f32], grads: &[Vec<f32>], h: &Adafactor) -> Vec<f32> {
        let n = var.len();
        let (rows, columns) = match shape {
            [.., r, c] => (*r, *c),
            _ => (0, 0),
        };
        let matrices = if rows * columns == 0 { 0 } else { n / (rows * columns) };
        let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
        let mut var: Vec<f64> = var.iter().map(|&x| x as f64).collect();
        let (mut r, mut c, mut v) = (vec![0.0; matrices * rows], vec![0.0; matrices * columns], vec![0.0; n]);
        for (step, g) in grads.iter().enumerate() {
            let t = step as f64 + 1.0;
            let rho = (h.learning_rate as f64).min(1.0 / t.sqrt());
            let alpha = (h.epsilon_2 as f64).max(mean(&var.iter().map(|w| w * w).collect::<Vec<_>>()).sqrt()) * rho;
            let beta = 1.0 - t.powf(h.beta_2_decay as f64);
            let s: Vec<f64> = g.iter().map(|&g| (g as f64).powi(2) + h.epsilon_1 as f64).collect();
            if shape.len() >= 2 {
                for b in 0..matrices {
                    let at = |i: usize, j: usize| s[b * rows * columns + i * columns + j];
                    for i in 0..rows {
                        let row_mean = (0..columns).map(|j| at(i, j)).sum::<f64>() / columns as f64;
                        r[b * rows + i] = beta * r[b * rows + i] + (1.0 - beta) * row_mean;
                    }
                    for j in 0..columns {
                        let column_mean = (0..rows).map(|i| at(i, j)).sum::<f64>() / rows as f64;
                        c[b * columns + j] = beta * c[b * columns + j] + (1.0 - beta) * column_mean;
                    }
                    let r_mean = mean(&r[b * rows..(b + 1) * rows]);
                    for i in 0..rows {
                        for j in 0..columns {
                            v[b * rows * columns + i * columns + j] = r[b * rows + i] / r_mean * c[b * columns + j];
                        }
                    }
                }
            } else {
                v.iter_mut().zip(&s).for_each(|(v, s)| *v = beta * *v + (1.0 - beta) * s);
            }
            let u: Vec<f64> = g.iter().zip(&v).map(|(&g, v)| g as f64 / v.sqrt()).collect();
            let u_rms = mean(&u.iter().map(|u| u * u).collect::<Vec<_>>()).sqrt();
            let divisor = 1.0f64.max(u_rms / h.clip_threshold as f64);
            var.iter_mut().zip(&u).for_each(|(w, u)| *w -= alpha * u / divisor);
        }
        var.into_iter().map(|x| x as f32).collect()
    }

    fn run(shape: &[usize], h: &Adafactor) {
        let n: usize = shape.iter().product();
        let init = pseudo_random(n, 5);
        let grads: Vec<Vec<f32>> = (0..4).map(|s| pseudo_random(n, 60 + s)).collect();
        let factors = Factors::of(shape);
        let zeros = |s: &[usize]| t(s, &vec![0.0; s.iter().product()]);
        let (mut r, mut c) = match factors {
            Some(f) => (zeros(&f.r_shape(shape)), zeros(&f.c_shape(shape))),
            None => (zeros(&[]), zeros(&[])),
        };
        let (mut var, mut v) = (t(shape, &init), zeros(shape));
        for (s, g) in grads.iter().enumerate() {
            let slots = AdafactorSlots { r: Some(&mut r), c: Some(&mut c), velocity: Some(&mut v) };
            adafactor(&mut var, &t(shape, g), slots, h, s as u64).unwrap();
        }
        assert_close(&var, &reference(shape, &init, &grads, h), 1e-5);
    }

    #[test]
    fn first_step_of_a_vector_by_hand() {
        // t = 1: beta = 0, so velocity = g² + eps and u = sign(g); rms(u) = 1 (no clipping);
        // rho = min(0.05, 1), alpha = rms((3, 4)) * 0.05.
        let (mut var, mut v) = (t(&[2], &[3.0, 4.0]), t(&[2], &[0.0; 2]));
        let slots = AdafactorSlots { r: None, c: None, velocity: Some(&mut v) };
        adafactor(&mut var, &t(&[2], &[0.5, -2.0]), slots, &H, 0).unwrap();
        let alpha = 12.5f32.sqrt() * 0.05;
        assert_close(&v, &[0.25, 4.0], 1e-6);
        assert_close(&var, &[3.0 - alpha, 4.0 + alpha], 1e-6);
    }

    #[test]
    fn factored_first_step_by_hand() {
        // g² = [[1, 4], [9, 16]]: r = row means (2.5, 12.5), c = column means (5, 10), mean(r) = 7.5.
        let (mut var, mut v) = (t(&[2, 2], &[1.0; 4]), t(&[2, 2], &[0.0; 4]));
        let (mut r, mut c) = (t(&[2], &[0.0; 2]), t(&[2], &[0.0; 2]));
        let slots = AdafactorSlots { r: Some(&mut r), c: Some(&mut c), velocity: Some(&mut v) };
        adafactor(&mut var, &t(&[2, 2], &[1.0, 2.0, 3.0, 4.0]), slots, &H, 0).unwrap();
        assert_close(&r, &[2.5, 12.5], 1e-6);
        assert_close(&c, &[5.0, 10.0], 1e-6);
        assert_close(&v, &[2.5 / 7.5 * 5.0, 2.5 / 7.5 * 10.0, 12.5 / 7.5 * 5.0, 12.5 / 7.5 * 10.0], 1e-5);
    }

    #[test]
    fn matches_the_reference_small_and_parallel() {
        // Clipping bites with a low threshold; the step is relative with a large learning rate.
        let clipped = Adafactor { learning_rate: 0.5, beta_2_decay: -0.6, epsilon_2: 1e-2, clip_threshold: 0.5, ..H };
        for shape in [&[7][..], &[3, 4], &[2, 3, 5], &[2 * PARALLEL_MIN_LEN + 1], &[512, PARALLEL_MIN_LEN / 256]] {
            run(shape, &H);
            run(shape, &clipped);
        }
    }

    #[test]
    fn errors_name_the_slots() {
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        let (mut var, g, mut v) = (t(&[2, 3], &[0.0; 6]), t(&[2, 3], &[0.0; 6]), t(&[2, 3], &[0.0; 6]));
        let slots = AdafactorSlots { r: None, c: None, velocity: Some(&mut v) };
        assert_eq!(msg(adafactor(&mut var, &g, slots, &H, 0)), "Adafactor: the variable has rank 2 or more, so the 'r' slot is required");
        let (mut r, mut c) = (t(&[2], &[0.0; 2]), t(&[2], &[0.0; 2]));
        let slots = AdafactorSlots { r: Some(&mut r), c: Some(&mut c), velocity: Some(&mut v) };
        assert_eq!(
            msg(adafactor(&mut var, &g, slots, &H, 0)),
            "Adafactor: the 'c' slot has shape (2,) but a variable of shape (2, 3) needs (3,)"
        );
    }
}
