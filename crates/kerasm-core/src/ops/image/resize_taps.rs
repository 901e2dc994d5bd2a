//! Which input positions each output position of a resized axis reads, and with what weight,
//! as `jax.image.resize` computes them: nearest takes the input under the output cell's centre;
//! the other methods weigh the inputs around it with their kernel (widened by the downscaling
//! factor with `antialias`), normalised to sum to one. Keras's JAX backend resizes with
//! `jax.image.resize`, so these are Keras's values.
use crate::error::{fail, Result};

/// Keras's resize interpolations (`keras.ops.image.resize` on JAX).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResizeMethod {
    Nearest,
    Bilinear,
    Bicubic,
    Lanczos3,
    Lanczos5,
}

impl ResizeMethod {
    /// The method called `name` in Keras.
    ///
    /// # Errors
    /// For any other name.
    pub fn parse(op: &'static str, name: &str) -> Result<ResizeMethod> {
        Ok(match name {
            "nearest" => ResizeMethod::Nearest,
            "bilinear" => ResizeMethod::Bilinear,
            "bicubic" => ResizeMethod::Bicubic,
            "lanczos3" => ResizeMethod::Lanczos3,
            "lanczos5" => ResizeMethod::Lanczos5,
            _ => return fail(op, format!("unknown interpolation {name:?}: expected one of bilinear, nearest, lanczos3, lanczos5, bicubic")),
        })
    }

    /// How far from the sample point the kernel reaches, in input cells (before antialiasing).
    fn radius(self) -> f64 {
        match self {
            ResizeMethod::Nearest => 0.5,
            ResizeMethod::Bilinear => 1.0,
            ResizeMethod::Bicubic => 2.0,
            ResizeMethod::Lanczos3 => 3.0,
            ResizeMethod::Lanczos5 => 5.0,
        }
    }

    /// The kernel's value at distance `x >= 0`: triangle, Keys cubic (a = -0.5) or Lanczos.
    fn kernel(self, x: f64) -> f64 {
        match self {
            ResizeMethod::Nearest | ResizeMethod::Bilinear => (1.0 - x).max(0.0),
            ResizeMethod::Bicubic if x >= 2.0 => 0.0,
            ResizeMethod::Bicubic if x >= 1.0 => ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0,
            ResizeMethod::Bicubic => ((1.5 * x - 2.5) * x) * x + 1.0,
            ResizeMethod::Lanczos3 | ResizeMethod::Lanczos5 => lanczos(self.radius(), x),
        }
    }
}

fn lanczos(radius: f64, x: f64) -> f64 {
    use std::f64::consts::PI;
    if x > radius {
        0.0
    } else if x > 1e-3 {
        radius * (PI * x).sin() * (PI * x / radius).sin() / (PI * PI * x * x)
    } else {
        // sin(πx)·sin(πx/r)·r / (π²x²) tends to 1; JAX uses 1 below 1e-3.
        1.0
    }
}

/// One output position: the first input position it reads and the weight of each from there.
#[derive(Clone, Debug, PartialEq)]
pub struct Taps {
    pub start: usize,
    pub weights: Vec<f32>,
}

/// The taps of every output position of an axis resized from `in_len` to `out_len` (both > 0).
pub fn taps(method: ResizeMethod, in_len: usize, out_len: usize, antialias: bool) -> Vec<Taps> {
    if method == ResizeMethod::Nearest {
        return (0..out_len).map(|i| Taps { start: nearest_source(i, in_len, out_len), weights: vec![1.0] }).collect();
    }
    let inv_scale = in_len as f64 / out_len as f64;
    // Antialiasing widens the kernel by the downscaling factor (never narrows it when upscaling).
    let kernel_scale = if antialias { inv_scale.max(1.0) } else { 1.0 };
    let reach = method.radius() * kernel_scale;
    (0..out_len)
        .map(|i| {
            // The output cell's centre in input coordinates (cell j spans [j, j + 1), centre j + 0.5).
            let sample = (i as f64 + 0.5) * inv_scale - 0.5;
            let first = (sample - reach).ceil().max(0.0) as usize;
            let last = ((sample + reach).floor() as usize).min(in_len - 1);
            let raw: Vec<f64> = (first..=last).map(|j| method.kernel((sample - j as f64).abs() / kernel_scale)).collect();
            let total: f64 = raw.iter().sum();
            // JAX leaves a position whose weights (almost) cancel at zero rather than dividing.
            let usable = total.abs() > 1000.0 * f64::from(f32::EPSILON);
            Taps { start: first, weights: raw.iter().map(|w| if usable { (w / total) as f32 } else { 0.0 }).collect() }
        })
        .collect()
}

/// The input position under output position `i`'s centre, computed in float32 as JAX does
/// (`floor((i + 0.5) * in / out)`), so that ties fall on the same side.
fn nearest_source(i: usize, in_len: usize, out_len: usize) -> usize {
    let centre = (i as f32 + 0.5) * in_len as f32 / out_len as f32;
    (centre.floor() as usize).min(in_len - 1)
}

/// For each input position, the output positions that read it and with what weight: the
/// transpose of `taps`, which the backward gathers over.
pub fn readers(taps: &[Taps], in_len: usize) -> Vec<Vec<(usize, f32)>> {
    let mut readers = vec![Vec::new(); in_len];
    for (i, t) in taps.iter().enumerate() {
        for (k, &w) in t.weights.iter().enumerate() {
            readers[t.start + k].push((i, w));
        }
    }
    readers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilinear_upscale_by_two_weighs_the_two_nearest_inputs() {
        // Output centres 0.25-aligned: -0.25, 0.25, 0.75, 1.25 in input coordinates.
        let t = taps(ResizeMethod::Bilinear, 2, 4, false);
        assert_eq!(t[0], Taps { start: 0, weights: vec![1.0] });
        assert_eq!(t[1], Taps { start: 0, weights: vec![0.75, 0.25] });
        assert_eq!(t[3], Taps { start: 1, weights: vec![1.0] });
    }

    #[test]
    fn antialiased_downscale_averages_a_wider_window_and_weights_sum_to_one() {
        for method in [ResizeMethod::Bilinear, ResizeMethod::Bicubic, ResizeMethod::Lanczos3, ResizeMethod::Lanczos5] {
            let plain = taps(method, 12, 3, false);
            let wide = taps(method, 12, 3, true);
            for (p, w) in plain.iter().zip(&wide) {
                assert!(w.weights.len() > p.weights.len(), "{method:?}");
                assert!((w.weights.iter().sum::<f32>() - 1.0).abs() < 1e-5);
            }
        }
    }

    #[test]
    fn nearest_takes_the_input_under_each_centre_and_readers_invert_taps() {
        let t = taps(ResizeMethod::Nearest, 5, 3, false);
        assert_eq!(t.iter().map(|t| t.start).collect::<Vec<_>>(), vec![0, 2, 4]);
        let r = readers(&t, 5);
        assert_eq!(r[2], vec![(1, 1.0)]);
        assert!(r[1].is_empty());
    }

    #[test]
    fn unknown_methods_name_the_valid_ones() {
        let err = ResizeMethod::parse("resize", "area").unwrap_err().to_string();
        assert!(err.contains("bilinear, nearest, lanczos3, lanczos5, bicubic"), "{err}");
    }
}
