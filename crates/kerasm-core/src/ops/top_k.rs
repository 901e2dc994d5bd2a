//! `keras.ops.top_k`: the `k` largest values along the last axis and their int32 indices, in
//! descending order, ties by lower index first and NaN above everything, as JAX's `top_k`. The
//! values' backward scatters the gradient back to the positions they came from; the indices have
//! no gradient.
use std::cmp::Ordering;

use ndarray::{ArrayD, IxDyn};

use crate::error::{fail, shape_str, Result};
use crate::tape::Tape;
use crate::tensor::{Data, Tensor};

/// Descending order of values: NaN first, then by size (+0 above -0, as a total order).
pub(crate) trait Descending: Copy {
    fn descending(self, other: Self) -> Ordering;
}

impl Descending for f32 {
    fn descending(self, other: f32) -> Ordering {
        match (self.is_nan(), other.is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => other.total_cmp(&self),
        }
    }
}

impl Descending for i32 {
    fn descending(self, other: i32) -> Ordering {
        other.cmp(&self)
    }
}

/// The values and int32 indices of the `k` largest entries of each last-axis row of `x`.
pub fn top_k(tape: &mut Tape, x: &Tensor, k: i64) -> Result<(Tensor, Tensor)> {
    if x.rank() == 0 {
        return fail("top_k", "the input must have at least one axis, received shape ()");
    }
    let n = x.shape()[x.rank() - 1];
    if k < 0 || k as usize > n {
        return fail("top_k", format!("k must be in [0, {n}] (the size of the last axis of the input of shape {}), received k={k}", shape_str(x.shape())));
    }
    let k = k as usize;
    let mut out_shape = x.shape().to_vec();
    out_shape[x.rank() - 1] = k;
    let (values, indices) = match &x.data {
        Data::F32(a) => {
            let (v, i) = select_rows(a.as_slice().expect("tensors are kept in standard layout"), n, k);
            (Tensor::f32(array(&out_shape, v)), i)
        }
        Data::I32(a) => {
            let (v, i) = select_rows(a.as_slice().expect("tensors are kept in standard layout"), n, k);
            (Tensor::i32(array(&out_shape, v)), i)
        }
    };
    let x_shape = x.shape().to_vec();
    let positions = indices.clone();
    tape.record(&[x], &values, move |g| {
        let mut dx = ArrayD::<f32>::zeros(IxDyn(&x_shape));
        let dst = dx.as_slice_mut().expect("a new array is in standard layout");
        // Indices within a row are distinct, so each output value lands on its own position.
        let g = g.as_standard_layout();
        for (j, (&i, &gv)) in positions.iter().zip(g.as_slice().expect("a standard-layout array")).enumerate() {
            dst[(j / k) * n + i as usize] += gv;
        }
        Ok(vec![Some(dx.into_shared())])
    });
    Ok((values, Tensor::i32(array(&out_shape, indices))))
}

fn array<T>(shape: &[usize], values: Vec<T>) -> ArrayD<T> {
    ArrayD::from_shape_vec(IxDyn(shape), values).expect("one value per output position")
}

/// For each row of `n` values, the `k` largest (descending) and their positions in the row.
fn select_rows<T: Descending>(src: &[T], n: usize, k: usize) -> (Vec<T>, Vec<i32>) {
    let rows = src.len().checked_div(n).unwrap_or(0);
    let (mut values, mut indices) = (Vec::with_capacity(rows * k), Vec::with_capacity(rows * k));
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for row in src.chunks(n.max(1)).take(rows) {
        let before = |&a: &usize, &b: &usize| row[a].descending(row[b]).then(a.cmp(&b));
        order.clear();
        order.extend(0..n);
        if k > 0 && k < n {
            order.select_nth_unstable_by(k - 1, before);
        }
        order.truncate(k);
        order.sort_unstable_by(before);
        values.extend(order.iter().map(|&i| row[i]));
        indices.extend(order.iter().map(|&i| i as i32));
    }
    (values, indices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t, ti};

    fn ints(x: &Tensor) -> Vec<i32> {
        x.as_i32("test").unwrap().iter().copied().collect()
    }

    #[test]
    fn picks_the_largest_of_each_row_in_order() {
        let mut tape = Tape::default();
        let x = t(&[2, 4], &[1., 3., 2., 3., -1., -4., 0., 5.]);
        let (v, i) = top_k(&mut tape, &x, 2).unwrap();
        assert_eq!(v.shape(), &[2, 2]);
        assert_close(&v, &[3., 3., 5., 0.], 0.0);
        assert_eq!(ints(&i), vec![1, 3, 3, 2]);
        let (v, i) = top_k(&mut tape, &t(&[5], &[1., f32::NAN, 3., -0., 0.]), 5).unwrap();
        assert!(v.to_f32_vec()[0].is_nan());
        assert_eq!(ints(&i), vec![1, 2, 0, 4, 3]);
        let (v, i) = top_k(&mut tape, &ti(&[3], &[5, 9, 7]), 2).unwrap();
        assert_eq!((ints(&v), ints(&i)), (vec![9, 7], vec![1, 2]));
        assert_eq!(top_k(&mut tape, &x, 0).unwrap().0.shape(), &[2, 0]);
    }

    #[test]
    fn refuses_a_k_beyond_the_last_axis() {
        let mut tape = Tape::default();
        let msg = |x: &Tensor, k| top_k(&mut Tape::default(), x, k).unwrap_err().to_string();
        let x = t(&[2, 3], &[0.0; 6]);
        assert_eq!(msg(&x, 4), "top_k: k must be in [0, 3] (the size of the last axis of the input of shape (2, 3)), received k=4");
        assert_eq!(msg(&x, -1), "top_k: k must be in [0, 3] (the size of the last axis of the input of shape (2, 3)), received k=-1");
        assert_eq!(msg(&t(&[], &[1.0]), 1), "top_k: the input must have at least one axis, received shape ()");
        assert!(top_k(&mut tape, &x, 3).is_ok());
    }

    #[test]
    fn values_gradient_scatters_back() {
        let x = t(&[3, 5], &pseudo_random(15, 21));
        gradcheck(|tape, x| top_k(tape, &x[0], 2).map(|(v, _)| v), std::slice::from_ref(&x));
        gradcheck(|tape, x| top_k(tape, &x[0], 5).map(|(v, _)| v), std::slice::from_ref(&x));
    }
}
