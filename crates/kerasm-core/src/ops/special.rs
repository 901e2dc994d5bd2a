//! Special functions that activations need and `f32` lacks: the error function, for the exact
//! GELU (`0.5 * x * (1 + erf(x / sqrt(2)))`, Keras 3's default). Forward and backward sit in one
//! table row, as in `elementwise.rs`, and run through its unary machinery (parallel map, tape).
use super::elementwise::Unary;

/// `erf(x)`; its derivative is `2 / sqrt(pi) * exp(-x^2)`.
pub const ERF: Unary = crate::unary_op!("erf", forward: erf, derivative: |x: f32, _| FRAC_2_SQRT_PI as f32 * (-x * x).exp());

const FRAC_2_SQRT_PI: f64 = std::f64::consts::FRAC_2_SQRT_PI;

/// The error function, evaluated in `f64` and rounded once, so the `f32` result is within one
/// ulp. Below |x| = 2.5 the Maclaurin series converges fast enough (the largest term is ~2e2,
/// leaving ~1e-14 of cancellation error); above it, the continued fraction of `erfc` does.
pub fn erf(x: f32) -> f32 {
    if x.is_nan() {
        return f32::NAN;
    }
    let v = x as f64;
    let a = v.abs();
    let y = if a < 2.5 {
        erf_series(v)
    } else if a < 6.0 {
        (1.0 - erfc_continued_fraction(a)).copysign(v)
    } else {
        // erfc(6) ~ 2e-17: no f32 differs from 1 there.
        1.0f64.copysign(v)
    };
    y as f32
}

/// `2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))`.
fn erf_series(x: f64) -> f64 {
    let x2 = x * x;
    let mut term = x; // (-1)^n x^(2n+1) / n!
    let mut sum = x;
    for n in 1..200 {
        term *= -x2 / n as f64;
        let add = term / (2 * n + 1) as f64;
        sum += add;
        if add.abs() <= 1e-17 * sum.abs() {
            break;
        }
    }
    FRAC_2_SQRT_PI * sum
}

/// `erfc(x) = exp(-x^2) / sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))`, x >= 2.5,
/// evaluated from the tail (60 levels leave an error far below f32 precision at x = 2.5).
fn erfc_continued_fraction(x: f64) -> f64 {
    let mut f = x;
    for k in (1..=60).rev() {
        f = x + (k as f64 / 2.0) / f;
    }
    (-x * x).exp() / (std::f64::consts::PI.sqrt() * f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::elementwise::unary;
    use crate::tape::Tape;
    use crate::testing::{assert_close, gradcheck, t};

    #[test]
    fn erf_matches_reference_values() {
        // scipy.special.erf at these points (float64), rounded to f32 by the comparison.
        let cases: [(f32, f64); 12] = [
            (0.0, 0.0),
            (1e-4, 1.1283791633342487e-4),
            (0.1, 0.1124629160182849),
            (0.5, 0.5204998778130465),
            (1.0, 0.8427007929497149),
            (-1.5, -0.9661051464753108),
            (2.0, 0.9953222650189527),
            (2.4999, 0.9995928300996666),
            (2.5, 0.9995930479825550),
            (3.0, 0.9999779095030014),
            (-4.0, -0.9999999845827421),
            (7.0, 1.0),
        ];
        for (x, want) in cases {
            let got = erf(x);
            assert!((got as f64 - want).abs() <= 1.2e-7 * want.abs().max(1e-30) + 1e-12, "erf({x}) = {got}, want {want}");
        }
        assert!(erf(f32::NAN).is_nan());
        assert_eq!(erf(f32::INFINITY), 1.0);
        assert_eq!(erf(f32::NEG_INFINITY), -1.0);
    }

    #[test]
    fn erf_is_odd_and_continuous_across_the_switch() {
        for x in [0.3f32, 1.7, 2.49, 2.51, 5.9, 6.1] {
            assert_eq!(erf(-x), -erf(x));
        }
        assert!((erf(2.4999998) - erf(2.5)).abs() < 1e-7);
    }

    #[test]
    fn erf_op_values_and_gradient() {
        let mut tape = Tape::default();
        let x = t(&[4], &[-1.0, 0.0, 0.5, 2.0]);
        assert_close(&unary(&mut tape, &ERF, &x).unwrap(), &[-0.8427008, 0.0, 0.5204999, 0.9953223], 1e-6);
        gradcheck(|tape, x| unary(tape, &ERF, &x[0]), &[t(&[2, 3], &[-2.1, -0.7, -0.2, 0.3, 0.8, 1.6])]);
    }
}
