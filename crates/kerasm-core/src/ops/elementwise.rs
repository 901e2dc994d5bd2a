//! Element-wise ops: unary maps and broadcasting binary arithmetic, each with its backward.
//! Derivatives are written next to the forward formula in one table row.
use ndarray::{ArrayD, IxDyn, Zip};

use super::broadcast::{broadcast_shape, sum_to_shape};
use crate::error::Result;
use crate::parallel;
use crate::tape::{F32Array, Tape};
use crate::tensor::Tensor;

/// A unary op: its name, `y = f(x)`, and `dy/dx` from `(x, y)`.
pub struct Unary {
    pub name: &'static str,
    pub forward: fn(f32) -> f32,
    pub derivative: fn(f32, f32) -> f32,
}

pub const NEGATIVE: Unary = Unary { name: "negative", forward: |x| -x, derivative: |_, _| -1.0 };
pub const EXP: Unary = Unary { name: "exp", forward: f32::exp, derivative: |_, y| y };
pub const LOG: Unary = Unary { name: "log", forward: f32::ln, derivative: |x, _| 1.0 / x };
pub const SQRT: Unary = Unary { name: "sqrt", forward: f32::sqrt, derivative: |_, y| 0.5 / y };
pub const SQUARE: Unary = Unary { name: "square", forward: |x| x * x, derivative: |x, _| 2.0 * x };
pub const ABS: Unary = Unary { name: "abs", forward: f32::abs, derivative: |x, _| sign(x) };
pub const RELU: Unary = Unary { name: "relu", forward: |x| x.max(0.0), derivative: |x, _| if x > 0.0 { 1.0 } else { 0.0 } };
pub const SIGMOID: Unary = Unary { name: "sigmoid", forward: sigmoid, derivative: |_, y| y * (1.0 - y) };
pub const TANH: Unary = Unary { name: "tanh", forward: f32::tanh, derivative: |_, y| 1.0 - y * y };

fn sign(x: f32) -> f32 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

fn sigmoid(x: f32) -> f32 {
    // Two branches keep exp's argument non-positive, so large |x| neither overflows nor NaNs.
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// Applies a unary op and records its backward.
pub fn unary(tape: &mut Tape, op: &Unary, x: &Tensor) -> Result<Tensor> {
    let xa = x.as_f32(op.name)?.clone();
    let mut y = ArrayD::<f32>::zeros(IxDyn(xa.shape()));
    parallel::map(slice(&xa), y.as_slice_mut().unwrap(), op.forward);
    let out = Tensor::f32(y);
    let ya = out.as_f32(op.name)?.clone();
    let derivative = op.derivative;
    tape.record(&[x], &out, move |g| {
        let mut dx = ArrayD::<f32>::zeros(IxDyn(g.shape()));
        parallel::zip3_map(slice(&xa), slice(&ya), slice(g), dx.as_slice_mut().unwrap(), |x, y, g| g * derivative(x, y));
        Ok(vec![Some(dx.into_shared())])
    });
    Ok(out)
}

/// A broadcasting binary op: `z = f(a, b)` and the partial derivatives `(dz/da, dz/db)`.
pub struct Binary {
    pub name: &'static str,
    pub forward: fn(f32, f32) -> f32,
    pub partials: fn(f32, f32) -> (f32, f32),
}

pub const ADD: Binary = Binary { name: "add", forward: |a, b| a + b, partials: |_, _| (1.0, 1.0) };
pub const SUBTRACT: Binary = Binary { name: "subtract", forward: |a, b| a - b, partials: |_, _| (1.0, -1.0) };
pub const MULTIPLY: Binary = Binary { name: "multiply", forward: |a, b| a * b, partials: |a, b| (b, a) };
pub const DIVIDE: Binary = Binary { name: "divide", forward: |a, b| a / b, partials: |a, b| (1.0 / b, -a / (b * b)) };
// Ties send the gradient to the first argument, as TensorFlow does.
pub const MAXIMUM: Binary =
    Binary { name: "maximum", forward: f32::max, partials: |a, b| if a >= b { (1.0, 0.0) } else { (0.0, 1.0) } };
pub const MINIMUM: Binary =
    Binary { name: "minimum", forward: f32::min, partials: |a, b| if a <= b { (1.0, 0.0) } else { (0.0, 1.0) } };

/// Applies a binary op with NumPy broadcasting and records its backward.
pub fn binary(tape: &mut Tape, op: &Binary, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let (aa, ba) = (a.as_f32(op.name)?.clone(), b.as_f32(op.name)?.clone());
    let shape = broadcast_shape(op.name, aa.shape(), ba.shape())?;
    let out = Tensor::f32(zip_broadcast(&aa, &ba, &shape, op.forward));
    let partials = op.partials;
    tape.record(&[a, b], &out, move |g| {
        let da = zip_broadcast(&aa, &ba, &shape, |x, y| partials(x, y).0) * &**g;
        let db = zip_broadcast(&aa, &ba, &shape, |x, y| partials(x, y).1) * &**g;
        Ok(vec![Some(sum_to_shape(&da.into_shared(), aa.shape())), Some(sum_to_shape(&db.into_shared(), ba.shape()))])
    });
    Ok(out)
}

/// `f(a, b)` over the broadcast `shape`; equal shapes take the flat, parallel path.
fn zip_broadcast(a: &F32Array, b: &F32Array, shape: &[usize], f: impl Fn(f32, f32) -> f32 + Sync) -> ArrayD<f32> {
    let mut out = ArrayD::<f32>::zeros(IxDyn(shape));
    if a.shape() == shape && b.shape() == shape {
        parallel::zip_map(slice(a), slice(b), out.as_slice_mut().unwrap(), f);
    } else {
        let (av, bv) = (a.broadcast(IxDyn(shape)).unwrap(), b.broadcast(IxDyn(shape)).unwrap());
        Zip::from(&mut out).and(&av).and(&bv).par_for_each(|o, &x, &y| *o = f(x, y));
    }
    out
}

pub(crate) fn slice(a: &F32Array) -> &[f32] {
    a.as_slice().expect("tensors are kept in standard layout")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, t};

    #[test]
    fn unary_values() {
        let mut tape = Tape::default();
        let x = t(&[4], &[-2.0, -0.5, 0.5, 3.0]);
        let cases: [(&Unary, [f32; 4]); 6] = [
            (&NEGATIVE, [2.0, 0.5, -0.5, -3.0]),
            (&SQUARE, [4.0, 0.25, 0.25, 9.0]),
            (&ABS, [2.0, 0.5, 0.5, 3.0]),
            (&RELU, [0.0, 0.0, 0.5, 3.0]),
            (&SIGMOID, [0.11920292, 0.37754067, 0.62245935, 0.95257413]),
            (&TANH, [-0.9640276, -0.46211716, 0.46211716, 0.9950548]),
        ];
        for (op, want) in cases {
            assert_close(&unary(&mut tape, op, &x).unwrap(), &want, 1e-6);
        }
        let p = t(&[3], &[0.25, 1.0, 4.0]);
        assert_close(&unary(&mut tape, &SQRT, &p).unwrap(), &[0.5, 1.0, 2.0], 1e-6);
        assert_close(&unary(&mut tape, &LOG, &p).unwrap(), &[-1.3862944, 0.0, 1.3862944], 1e-6);
        assert_close(&unary(&mut tape, &EXP, &p).unwrap(), &[1.2840254, 2.7182817, 54.59815], 1e-5);
        assert_close(&unary(&mut tape, &SIGMOID, &t(&[2], &[-100.0, 100.0])).unwrap(), &[0.0, 1.0], 1e-30);
    }

    #[test]
    fn unary_gradients() {
        for op in [&NEGATIVE, &EXP, &SQUARE, &ABS, &RELU, &SIGMOID, &TANH] {
            gradcheck(|tape, x| unary(tape, op, &x[0]), &[t(&[2, 3], &[-1.5, -0.7, -0.2, 0.3, 0.8, 1.6])]);
        }
        for op in [&LOG, &SQRT] {
            gradcheck(|tape, x| unary(tape, op, &x[0]), &[t(&[2, 2], &[0.5, 1.0, 1.7, 3.0])]);
        }
    }

    #[test]
    fn binary_values_broadcast() {
        let mut tape = Tape::default();
        let a = t(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        let b = t(&[3], &[10.0, 20.0, 30.0]);
        assert_close(&binary(&mut tape, &ADD, &a, &b).unwrap(), &[11., 22., 33., 14., 25., 36.], 0.0);
        assert_close(&binary(&mut tape, &SUBTRACT, &a, &b).unwrap(), &[-9., -18., -27., -6., -15., -24.], 0.0);
        assert_close(&binary(&mut tape, &MULTIPLY, &a, &b).unwrap(), &[10., 40., 90., 40., 100., 180.], 0.0);
        assert_close(&binary(&mut tape, &DIVIDE, &b, &a).unwrap(), &[10., 10., 10., 2.5, 4., 5.], 1e-6);
        let c = t(&[2, 1], &[2.5, 4.5]);
        assert_close(&binary(&mut tape, &MAXIMUM, &a, &c).unwrap(), &[2.5, 2.5, 3., 4.5, 5., 6.], 0.0);
        assert_close(&binary(&mut tape, &MINIMUM, &a, &c).unwrap(), &[1., 2., 2.5, 4., 4.5, 4.5], 0.0);
        let err = binary(&mut tape, &ADD, &a, &t(&[2], &[1.0, 2.0])).unwrap_err();
        assert_eq!(err.to_string(), "add: cannot broadcast shapes (2, 3) and (2,)");
    }

    #[test]
    fn binary_gradients_reduce_over_broadcast_axes() {
        let a = t(&[2, 3], &[1.1, -2.3, 3.2, 0.4, -1.5, 2.6]);
        let b = t(&[3], &[0.7, 1.9, -1.3]);
        let c = t(&[2, 1], &[0.35, -0.45]);
        for op in [&ADD, &SUBTRACT, &MULTIPLY, &DIVIDE] {
            gradcheck(|tape, x| binary(tape, op, &x[0], &x[1]), &[a.clone(), b.clone()]);
            gradcheck(|tape, x| binary(tape, op, &x[0], &x[1]), &[c.clone(), a.clone()]);
        }
        for op in [&MAXIMUM, &MINIMUM] {
            gradcheck(|tape, x| binary(tape, op, &x[0], &x[1]), &[a.clone(), c.clone()]);
        }
    }
}
