//! What Keras's base optimizer does to each weight besides the optimizer's own update, in place:
//! decoupled weight decay, the exponential moving average of the weights (`use_ema`), and adding
//! a step's gradient to its accumulator (`gradient_accumulation_steps`). Each follows the order
//! of Keras's float32 operations, so that results match Keras's bit for bit where it can.
use rayon::prelude::*;

use super::{check_like_variable, runs_inline, CHUNK_LEN};
use crate::error::Result;
use crate::tensor::Tensor;

/// Runs `step` over `a` (written) and `b` (read) together, in chunks on the pool when large.
fn zip_in_place(a: &mut [f32], b: &[f32], step: impl Fn(&mut [f32], &[f32]) + Sync) {
    if runs_inline(a.len()) {
        step(a, b);
    } else {
        a.par_chunks_mut(CHUNK_LEN).zip(b.par_chunks(CHUNK_LEN)).for_each(|(a, b)| step(a, b));
    }
}

/// Keras's `_apply_weight_decay`: `var = var - var * weight_decay * learning_rate`.
pub fn decay_weight(variable: &mut Tensor, weight_decay: f32, learning_rate: f32) -> Result<()> {
    let var = variable.f32_slice_mut("weight decay")?;
    let step = |var: &mut [f32]| var.iter_mut().for_each(|v| *v -= *v * weight_decay * learning_rate);
    if runs_inline(var.len()) {
        step(var);
    } else {
        var.par_chunks_mut(CHUNK_LEN).for_each(step);
    }
    Ok(())
}

/// Keras's `_update_model_variables_moving_average`: `average = momentum * average + (1 - momentum) * var`,
/// then, when `overwrite`, `var = average` (`_overwrite_model_variables_with_average_value`).
pub fn moving_average(average: &mut Tensor, variable: &mut Tensor, momentum: f32, overwrite: bool) -> Result<()> {
    check_like_variable("moving average", variable, "'average' slot", average)?;
    let (avg, var) = (average.f32_slice_mut("moving average")?, variable.f32_slice_mut("moving average")?);
    let rest = 1.0 - momentum;
    let step = |avg: &mut [f32], var: &mut [f32]| {
        for (a, v) in avg.iter_mut().zip(var) {
            *a = momentum * *a + rest * *v;
            if overwrite {
                *v = *a;
            }
        }
    };
    if runs_inline(avg.len()) {
        step(avg, var);
    } else {
        avg.par_chunks_mut(CHUNK_LEN).zip(var.par_chunks_mut(CHUNK_LEN)).for_each(|(a, v)| step(a, v));
    }
    Ok(())
}

/// A step that does not update the weights under gradient accumulation: `accumulator += gradient`.
pub fn accumulate_gradient(accumulator: &mut Tensor, gradient: &Tensor) -> Result<()> {
    check_like_variable("gradient accumulation", accumulator, "gradient", gradient)?;
    let g = gradient.as_f32("gradient accumulation")?.as_slice().expect("tensors are kept in standard layout");
    let acc = accumulator.f32_slice_mut("gradient accumulation")?;
    zip_in_place(acc, g, |acc, g| acc.iter_mut().zip(g).for_each(|(a, &g)| *a += g));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_MIN_LEN;
    use crate::testing::{assert_close, pseudo_random, t, ti};

    #[test]
    fn weight_decay_matches_the_formula_small_and_parallel() {
        for len in [5, 3 * PARALLEL_MIN_LEN + 7] {
            let init = pseudo_random(len, 3);
            let mut var = t(&[len], &init);
            decay_weight(&mut var, 0.04, 0.5).unwrap();
            let want: Vec<f32> = init.iter().map(|&v| (v as f64 - v as f64 * 0.04 * 0.5) as f32).collect();
            assert_close(&var, &want, 1e-6);
        }
    }

    #[test]
    fn moving_average_then_overwrite() {
        for len in [4, 2 * PARALLEL_MIN_LEN + 3] {
            let (a0, v0) = (pseudo_random(len, 5), pseudo_random(len, 6));
            let (mut avg, mut var) = (t(&[len], &a0), t(&[len], &v0));
            moving_average(&mut avg, &mut var, 0.9, false).unwrap();
            let want: Vec<f32> = a0.iter().zip(&v0).map(|(&a, &v)| (0.9 * a as f64 + 0.1 * v as f64) as f32).collect();
            assert_close(&avg, &want, 1e-6);
            assert_close(&var, &v0, 0.0);
            moving_average(&mut avg, &mut var, 0.0, true).unwrap();
            assert_close(&avg, &v0, 0.0);
            assert_close(&var, &v0, 0.0);
        }
        // Momentum 0.5: the average moves halfway, and the weight takes it.
        let (mut avg, mut var) = (t(&[2], &[0.0, 2.0]), t(&[2], &[4.0, 4.0]));
        moving_average(&mut avg, &mut var, 0.5, true).unwrap();
        assert_close(&var, &[2.0, 3.0], 0.0);
    }

    #[test]
    fn accumulation_adds_each_gradient() {
        for len in [3, 2 * PARALLEL_MIN_LEN + 1] {
            let grads: Vec<Vec<f32>> = (0..3).map(|s| pseudo_random(len, 20 + s)).collect();
            let mut acc = t(&[len], &vec![0.0; len]);
            for g in &grads {
                accumulate_gradient(&mut acc, &t(&[len], g)).unwrap();
            }
            let want: Vec<f32> = (0..len).map(|i| grads.iter().map(|g| g[i] as f64).sum::<f64>() as f32).collect();
            assert_close(&acc, &want, 1e-6);
        }
    }

    #[test]
    fn errors_name_the_shapes() {
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        assert_eq!(
            msg(accumulate_gradient(&mut t(&[2], &[0.0; 2]), &t(&[3], &[0.0; 3]))),
            "gradient accumulation: the gradient has shape (3,) but the variable has shape (2,)"
        );
        assert_eq!(
            msg(moving_average(&mut t(&[3], &[0.0; 3]), &mut t(&[2], &[0.0; 2]), 0.9, false)),
            "moving average: the 'average' slot has shape (3,) but the variable has shape (2,)"
        );
        assert_eq!(msg(decay_weight(&mut ti(&[1], &[1]), 0.1, 0.1)), "weight decay: expected a float32 tensor, received int32");
    }
}
