//! Element-wise ops: unary maps and broadcasting binary arithmetic, each with its backward.
//! Derivatives are written next to the forward formula in one table row.
use ndarray::{ArrayD, IxDyn, Zip};

use super::broadcast::{broadcast_shape, sum_to_shape};
use crate::error::Result;
use crate::parallel;
use crate::tape::{F32Array, Tape};
use crate::tensor::Tensor;

/// A unary op: its name, `y = f(x)` over a slice, and `dx = dy · f'(x)` from `(x, y, dy)` over
/// slices. Built by [`unary_op!`], which writes each op's formula into its own loops, so that
/// the compiler inlines (and vectorises) it instead of calling through a pointer per element.
pub struct Unary {
    pub name: &'static str,
    pub forward: fn(&[f32], &mut [f32]),
    pub backward: UnaryBackward,
}

/// `dx` from `(x, y, dy, dx)`, over slices of one length.
pub type UnaryBackward = fn(&[f32], &[f32], &[f32], &mut [f32]);

/// `unary_op!(name, forward: |x| …, derivative: |x, y| …)`: a [`Unary`] from the scalar forward
/// formula and the derivative `dy/dx` from `(x, y)`.
#[macro_export]
macro_rules! unary_op {
    ($name:literal, forward: $f:expr, derivative: $d:expr $(,)?) => {
        $crate::ops::elementwise::Unary {
            name: $name,
            forward: |x: &[f32], y: &mut [f32]| y.iter_mut().zip(x).for_each(|(y, &x)| *y = ($f)(x)),
            backward: |x: &[f32], y: &[f32], g: &[f32], dx: &mut [f32]| {
                for i in 0..dx.len() {
                    dx[i] = g[i] * ($d)(x[i], y[i]);
                }
            },
        }
    };
}

pub const NEGATIVE: Unary = unary_op!("negative", forward: |x: f32| -x, derivative: |_, _| -1.0);
pub const EXP: Unary = unary_op!("exp", forward: f32::exp, derivative: |_, y: f32| y);
pub const LOG: Unary = unary_op!("log", forward: f32::ln, derivative: |x: f32, _| 1.0 / x);
pub const SQRT: Unary = unary_op!("sqrt", forward: f32::sqrt, derivative: |_, y: f32| 0.5 / y);
pub const SQUARE: Unary = unary_op!("square", forward: |x: f32| x * x, derivative: |x: f32, _| 2.0 * x);
pub const ABS: Unary = unary_op!("abs", forward: f32::abs, derivative: |x: f32, _| sign(x));
// A comparison rather than `f32::max`, whose NaN rule keeps it from vectorising (NaN gives 0 either way).
pub const RELU: Unary =
    unary_op!("relu", forward: |x: f32| if x > 0.0 { x } else { 0.0 }, derivative: |x: f32, _| if x > 0.0 { 1.0 } else { 0.0 });
pub const SIGMOID: Unary = unary_op!("sigmoid", forward: sigmoid, derivative: |_, y: f32| y * (1.0 - y));
pub const TANH: Unary = unary_op!("tanh", forward: f32::tanh, derivative: |_, y: f32| 1.0 - y * y);

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
    parallel::map_slices(slice(&xa), y.as_slice_mut().unwrap(), op.forward);
    let out = Tensor::f32(y);
    let ya = out.as_f32(op.name)?.clone();
    let backward = op.backward;
    tape.record(&[x], &out, move |g| {
        let mut dx = ArrayD::<f32>::zeros(IxDyn(g.shape()));
        parallel::zip3_slices(slice(&xa), slice(&ya), slice(g), dx.as_slice_mut().unwrap(), backward);
        Ok(vec![Some(dx.into_shared())])
    });
    Ok(out)
}

/// A broadcasting binary op: `z = f(a, b)` (per element, and over slices as in [`Unary`]) and the
/// partial derivatives `(dz/da, dz/db)`.
pub struct Binary {
    pub name: &'static str,
    pub forward: fn(f32, f32) -> f32,
    pub forward_slices: fn(&[f32], &[f32], &mut [f32]),
    pub partials: fn(f32, f32) -> (f32, f32),
}

macro_rules! binary_op {
    ($name:literal, forward: $f:expr, partials: $p:expr $(,)?) => {
        Binary {
            name: $name,
            forward: $f,
            forward_slices: |a: &[f32], b: &[f32], z: &mut [f32]| z.iter_mut().zip(a.iter().zip(b)).for_each(|(z, (&a, &b))| *z = ($f)(a, b)),
            partials: $p,
        }
    };
}

pub const ADD: Binary = binary_op!("add", forward: |a, b| a + b, partials: |_, _| (1.0, 1.0));
pub const SUBTRACT: Binary = binary_op!("subtract", forward: |a, b| a - b, partials: |_, _| (1.0, -1.0));
pub const MULTIPLY: Binary = binary_op!("multiply", forward: |a, b| a * b, partials: |a, b| (b, a));
pub const DIVIDE: Binary = binary_op!("divide", forward: |a, b| a / b, partials: |a, b| (1.0 / b, -a / (b * b)));
// Ties send the gradient to the first argument, as TensorFlow does.
pub const MAXIMUM: Binary =
    binary_op!("maximum", forward: f32::max, partials: |a, b| if a >= b { (1.0, 0.0) } else { (0.0, 1.0) });
pub const MINIMUM: Binary =
    binary_op!("minimum", forward: f32::min, partials: |a, b| if a <= b { (1.0, 0.0) } else { (0.0, 1.0) });

/// Applies a binary op with NumPy broadcasting and records its backward.
pub fn binary(tape: &mut Tape, op: &Binary, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let (aa, ba) = (a.as_f32(op.name)?.clone(), b.as_f32(op.name)?.clone());
    let shape = broadcast_shape(op.name, aa.shape(), ba.shape())?;
    let out = Tensor::f32(forward_broadcast(op, &aa, &ba, &shape));
    let partials = op.partials;
    tape.record(&[a, b], &out, move |g| {
        let da = zip_broadcast(&aa, &ba, &shape, |x, y| partials(x, y).0) * &**g;
        let db = zip_broadcast(&aa, &ba, &shape, |x, y| partials(x, y).1) * &**g;
        Ok(vec![Some(sum_to_shape(&da.into_shared(), aa.shape())), Some(sum_to_shape(&db.into_shared(), ba.shape()))])
    });
    Ok(out)
}

/// The forward of `op` over the broadcast `shape`. Equal sizes, and an operand that repeats
/// along the other (a bias over rows, a scalar), run `op.forward_slices` over flat memory; other
/// broadcasts take ndarray's general path.
fn forward_broadcast(op: &Binary, a: &F32Array, b: &F32Array, shape: &[usize]) -> ArrayD<f32> {
    let mut out = ArrayD::<f32>::zeros(IxDyn(shape));
    let dst = out.as_slice_mut().expect("fresh arrays are standard");
    let (len, sa, sb) = (dst.len(), slice(a), slice(b));
    if sa.len() == len && sb.len() == len {
        parallel::zip_slices(sa, sb, dst, op.forward_slices);
    } else if sa.len() == len && repeats_along(b.shape(), shape) {
        parallel::zip_rows(sa, sb, dst, false, op.forward_slices);
    } else if sb.len() == len && repeats_along(a.shape(), shape) {
        parallel::zip_rows(sb, sa, dst, true, op.forward_slices);
    } else {
        return zip_broadcast(a, b, shape, op.forward);
    }
    out
}

/// Whether an operand of shape `small` broadcast to `shape` is its values repeated end to end:
/// past its leading 1s, it is the trailing part of `shape`.
fn repeats_along(small: &[usize], shape: &[usize]) -> bool {
    let core = &small[small.iter().take_while(|&&d| d == 1).count()..];
    shape.ends_with(core)
}

/// `f(a, b)` over the broadcast `shape`; equal shapes take the flat, parallel path.
fn zip_broadcast(a: &F32Array, b: &F32Array, shape: &[usize], f: impl Fn(f32, f32) -> f32 + Sync) -> ArrayD<f32> {
    let mut out = ArrayD::<f32>::zeros(IxDyn(shape));
    if a.shape() == shape && b.shape() == shape {
        parallel::zip_map(slice(a), slice(b), out.as_slice_mut().unwrap(), f);
    } else {
        let (av, bv) = (a.broadcast(IxDyn(shape)).unwrap(), b.broadcast(IxDyn(shape)).unwrap());
        crate::zip_for_each!(Zip::from(&mut out).and(&av).and(&bv), shape.iter().product(), |o, &x, &y| *o = f(x, y));
    }
    out
}

pub(crate) fn slice(a: &F32Array) -> &[f32] {
    a.as_slice().expect("tensors are kept in standard layout")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t};

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
    fn repeated_operands_take_the_flat_path_with_the_general_results() {
        // A bias over rows (short and long rows), a scalar, a leading-1 row, the repeated operand
        // first or second, and sizes on both sides of the parallel threshold.
        let cases: [(&[usize], &[usize]); 6] =
            [(&[5, 3], &[3]), (&[4, 300], &[1, 300]), (&[2, 3, 4], &[1]), (&[2, 3, 4], &[]), (&[3, 200, 256], &[256]), (&[1 << 18], &[1])];
        for (full, small) in cases {
            let a = t(full, &pseudo_random(full.iter().product(), 1));
            let b = t(small, &pseudo_random(small.iter().product(), 2).iter().map(|v| v + 2.0).collect::<Vec<_>>());
            for op in [&ADD, &SUBTRACT, &DIVIDE, &MAXIMUM] {
                for (x, y) in [(&a, &b), (&b, &a)] {
                    let (xa, ya) = (x.as_f32("test").unwrap(), y.as_f32("test").unwrap());
                    let shape = broadcast_shape(op.name, xa.shape(), ya.shape()).unwrap();
                    let fast = forward_broadcast(op, xa, ya, &shape);
                    let general = zip_broadcast(xa, ya, &shape, op.forward);
                    assert_eq!(fast, general, "{} of {:?} and {:?}", op.name, xa.shape(), ya.shape());
                }
            }
        }
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
