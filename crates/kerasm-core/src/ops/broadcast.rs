//! NumPy broadcasting: the output shape of a binary op, and the reverse step that sums a
//! gradient back down to an input's shape.
use ndarray::{Axis, IxDyn};

use crate::error::{fail, shape_str, Result};
use crate::tape::F32Array;
use crate::tensor::checked_len;

/// The broadcast shape of `a` and `b`, or Keras's error naming both shapes.
pub fn broadcast_shape(op: &'static str, a: &[usize], b: &[usize]) -> Result<Vec<usize>> {
    let rank = a.len().max(b.len());
    let dim = |s: &[usize], i: usize| if i + s.len() >= rank { s[i + s.len() - rank] } else { 1 };
    let shape = (0..rank)
        .map(|i| match (dim(a, i), dim(b, i)) {
            (x, y) if x == y || y == 1 => Ok(x),
            (1, y) => Ok(y),
            _ => fail(op, format!("cannot broadcast shapes {} and {}", shape_str(a), shape_str(b))),
        })
        .collect::<Result<Vec<_>>>()?;
    checked_len(op, &shape)?;
    Ok(shape)
}

/// Sums `grad` over the axes that broadcasting expanded, so that it has `shape` again.
pub fn sum_to_shape(grad: &F32Array, shape: &[usize]) -> F32Array {
    if grad.shape() == shape {
        return grad.clone();
    }
    let extra = grad.ndim() - shape.len();
    let mut out = grad.to_owned();
    for _ in 0..extra {
        out = out.sum_axis(Axis(0));
    }
    for (axis, &d) in shape.iter().enumerate() {
        if d == 1 && out.shape()[axis] != 1 {
            out = out.sum_axis(Axis(axis)).insert_axis(Axis(axis));
        }
    }
    out.into_shape_with_order(IxDyn(shape)).expect("sizes agree after summing").into_shared()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::ArrayD;

    #[test]
    fn broadcasts_like_numpy() {
        assert_eq!(broadcast_shape("add", &[2, 3], &[3]).unwrap(), vec![2, 3]);
        assert_eq!(broadcast_shape("add", &[4, 1, 3], &[5, 1]).unwrap(), vec![4, 5, 3]);
        assert_eq!(broadcast_shape("add", &[], &[2]).unwrap(), vec![2]);
        let err = broadcast_shape("add", &[2, 3], &[4]).unwrap_err();
        assert_eq!(err.to_string(), "add: cannot broadcast shapes (2, 3) and (4,)");
    }

    #[test]
    fn sums_back_to_the_input_shape() {
        let g = ArrayD::from_shape_vec(IxDyn(&[2, 3]), vec![1., 2., 3., 4., 5., 6.]).unwrap().into_shared();
        assert_eq!(sum_to_shape(&g, &[3]).iter().copied().collect::<Vec<f32>>(), vec![5., 7., 9.]);
        assert_eq!(sum_to_shape(&g, &[2, 1]).iter().copied().collect::<Vec<f32>>(), vec![6., 15.]);
        assert_eq!(sum_to_shape(&g, &[]).iter().copied().collect::<Vec<f32>>(), vec![21.]);
    }
}
