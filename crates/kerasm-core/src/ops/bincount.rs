//! `bincount`: how many times each integer occurs in a vector, or in each row of a matrix,
//! optionally summing a weight per occurrence instead of 1, as `tf.math.bincount` (the kernel
//! Keras's categorical encoder uses in place of summing a one-hot tensor: tokens × bins of work
//! and memory become tokens + bins). Rows are counted in parallel for large outputs. The
//! backward pass gives the weights the gradient of the bin each one was added to.
use ndarray::{ArrayD, IxDyn};
use rayon::prelude::*;

use crate::error::{fail, shape_str, Result};
use crate::parallel::{runs_inline, CHUNK_LEN};
use crate::tape::Tape;
use crate::tensor::{checked_len, Data, Tensor};

/// How many bins the output has.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bins {
    /// The largest value + 1, at least this many (`keras.ops.bincount`'s `minlength`); the
    /// values must be non-negative.
    AtLeast(usize),
    /// Exactly this many (the encoder's `depth`); a value outside `[0, n)` counts nowhere, as
    /// in `one_hot`.
    Exactly(usize),
}

/// The counts of `x` (int32, rank 1 or 2: per row) into `bins`, each occurrence adding its
/// `weights` entry (same shape as `x`, whose dtype the output takes) or 1 (int32 output).
/// `binary_output` gives 1 for a bin hit at least once (`multi_hot`); it takes no weights.
pub fn bincount(tape: &mut Tape, x: &Tensor, weights: Option<&Tensor>, bins: Bins, binary_output: bool) -> Result<Tensor> {
    let ids = x.as_i32("bincount")?.as_slice().expect("tensors are kept in standard layout");
    if x.rank() == 0 || x.rank() > 2 {
        return fail("bincount", format!("x must have rank 1 or 2, received shape {}", shape_str(x.shape())));
    }
    if let Some(w) = weights {
        if binary_output {
            return fail("bincount", "binary_output and weights cannot both be given");
        }
        if w.shape() != x.shape() {
            return fail("bincount", format!("weights must have the shape of x {}, received {}", shape_str(x.shape()), shape_str(w.shape())));
        }
    }
    let depth = bin_count(ids, bins)?;
    let row_len = x.shape()[x.rank() - 1];
    let mut out_shape = x.shape()[..x.rank() - 1].to_vec();
    out_shape.push(depth);
    checked_len("bincount", &out_shape)?;
    let out = match weights.map(|w| &w.data) {
        None if binary_output => Tensor::i32(count_rows(ids, row_len, &out_shape, 0, |_| 1, |bin, _| *bin = 1)),
        None => Tensor::i32(count_rows(ids, row_len, &out_shape, 0, |_| 1, |bin, one| *bin += one)),
        Some(Data::F32(w)) => {
            let w = w.as_slice().expect("tensors are kept in standard layout");
            Tensor::f32(count_rows(ids, row_len, &out_shape, 0.0, |i| w[i], |bin, w| *bin += w))
        }
        Some(Data::I32(w)) => {
            let w = w.as_slice().expect("tensors are kept in standard layout");
            Tensor::i32(count_rows(ids, row_len, &out_shape, 0, |i| w[i], |bin, w| *bin += w))
        }
    };
    if let Some(w) = weights {
        record_weights_gradient(tape, ids, w, &out, row_len, depth);
    }
    Ok(out)
}

/// The number of bins: `n` for `Exactly(n)`; else the largest value + 1, at least `minlength`,
/// refusing a negative value.
fn bin_count(ids: &[i32], bins: Bins) -> Result<usize> {
    match bins {
        Bins::Exactly(n) => Ok(n),
        Bins::AtLeast(minlength) => match ids.iter().min() {
            Some(&lowest) if lowest < 0 => fail("bincount", format!("x must hold non-negative integers, received {lowest}")),
            _ => Ok(ids.iter().max().map_or(0, |&m| m as usize + 1).max(minlength)),
        },
    }
}

/// One output row of `depth` bins (starting at `zero`) per `row_len` ids, rows in parallel when
/// large: `add(bin, weight(i))` for the id at flat position `i` when it is in range.
fn count_rows<T: Copy + Send + Sync>(
    ids: &[i32],
    row_len: usize,
    out_shape: &[usize],
    zero: T,
    weight: impl Fn(usize) -> T + Sync,
    add: impl Fn(&mut T, T) + Sync,
) -> ArrayD<T> {
    let mut out = ArrayD::from_elem(IxDyn(out_shape), zero);
    let depth = out_shape[out_shape.len() - 1];
    let fill = |r: usize, row: &mut [T]| {
        let span = r * row_len..(r + 1) * row_len;
        for (k, &id) in ids[span.clone()].iter().enumerate() {
            if id >= 0 && (id as usize) < depth {
                add(&mut row[id as usize], weight(span.start + k));
            }
        }
    };
    if depth == 0 {
        return out;
    }
    let dst = out.as_slice_mut().expect("a new array is in standard layout");
    if runs_inline(dst.len() + ids.len()) {
        dst.chunks_mut(depth).enumerate().for_each(|(r, row)| fill(r, row));
    } else {
        let rows_per_task = (CHUNK_LEN / (depth + row_len)).max(1);
        dst.par_chunks_mut(depth).enumerate().with_min_len(rows_per_task).for_each(|(r, row)| fill(r, row));
    }
    out
}

/// The weights' gradient: each weight gets the output gradient of the bin it was added to (0 for
/// an id that counted nowhere).
fn record_weights_gradient(tape: &mut Tape, ids: &[i32], weights: &Tensor, out: &Tensor, row_len: usize, depth: usize) {
    let ids = ids.to_vec();
    let shape = weights.shape().to_vec();
    tape.record(&[weights], out, move |g| {
        let g = g.as_standard_layout();
        let g = g.as_slice().expect("a standard-layout array");
        let dw: Vec<f32> = ids
            .iter()
            .enumerate()
            .map(|(i, &id)| if id >= 0 && (id as usize) < depth { g[(i / row_len) * depth + id as usize] } else { 0.0 })
            .collect();
        Ok(vec![Some(ArrayD::from_shape_vec(IxDyn(&shape), dw).expect("one gradient per weight").into_shared())])
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t, ti};

    fn ints(x: &Tensor) -> Vec<i32> {
        x.as_i32("test").unwrap().iter().copied().collect()
    }

    fn count(x: &Tensor, weights: Option<&Tensor>, bins: Bins, binary: bool) -> Result<Tensor> {
        bincount(&mut Tape::default(), x, weights, bins, binary)
    }

    #[test]
    fn counts_a_vector_up_to_its_largest_value() {
        let x = ti(&[4], &[1, 2, 2, 3]);
        let out = count(&x, None, Bins::AtLeast(0), false).unwrap();
        assert_eq!((out.shape(), ints(&out)), (&[4][..], vec![0, 1, 2, 1]));
        assert_eq!(ints(&count(&x, None, Bins::AtLeast(6), false).unwrap()), vec![0, 1, 2, 1, 0, 0]);
        assert_eq!(count(&ti(&[0], &[]), None, Bins::AtLeast(0), false).unwrap().shape(), &[0]);
        let weighted = count(&x, Some(&t(&[4], &[0.5, 1., 1., 1.5])), Bins::AtLeast(0), false).unwrap();
        assert_close(&weighted, &[0., 0.5, 2., 1.5], 0.0);
    }

    #[test]
    fn counts_each_row_of_a_matrix_into_a_fixed_number_of_bins() {
        let x = ti(&[2, 4], &[0, 1, 1, 3, 2, 2, 5, -1]);
        let out = count(&x, None, Bins::Exactly(4), false).unwrap();
        assert_eq!((out.shape(), ints(&out)), (&[2, 4][..], vec![1, 2, 0, 1, 0, 0, 2, 0]));
        assert_eq!(ints(&count(&x, None, Bins::Exactly(4), true).unwrap()), vec![1, 1, 0, 1, 0, 0, 1, 0]);
        let w = ti(&[2, 4], &[1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(ints(&count(&x, Some(&w), Bins::Exactly(4), false).unwrap()), vec![1, 5, 0, 4, 0, 0, 11, 0]);
        assert_eq!(ints(&count(&x, None, Bins::Exactly(0), false).unwrap()), Vec::<i32>::new());
    }

    #[test]
    fn counts_large_batches_in_parallel_as_serially() {
        let ids: Vec<i32> = (0..20_000 * 10).map(|i| (i * 7919 % 5001) as i32).collect();
        let x = ti(&[20_000, 10], &ids);
        let out = ints(&count(&x, None, Bins::Exactly(5001), false).unwrap());
        for (r, row) in out.chunks(5001).enumerate().step_by(997) {
            let mut want = vec![0; 5001];
            ids[r * 10..(r + 1) * 10].iter().for_each(|&i| want[i as usize] += 1);
            assert_eq!(row, &want[..]);
        }
    }

    #[test]
    fn refuses_bad_arguments() {
        let msg = |x: &Tensor, w: Option<&Tensor>, bins, binary| count(x, w, bins, binary).unwrap_err().to_string();
        let x = ti(&[2], &[1, -1]);
        assert_eq!(msg(&x, None, Bins::AtLeast(0), false), "bincount: x must hold non-negative integers, received -1");
        assert_eq!(msg(&t(&[1], &[1.]), None, Bins::AtLeast(0), false), "bincount: expected an int32 tensor, received float32");
        assert_eq!(msg(&ti(&[1, 1, 1], &[0]), None, Bins::AtLeast(0), false), "bincount: x must have rank 1 or 2, received shape (1, 1, 1)");
        assert_eq!(msg(&ti(&[], &[0]), None, Bins::AtLeast(0), false), "bincount: x must have rank 1 or 2, received shape ()");
        let w = t(&[2], &[1., 1.]);
        assert_eq!(msg(&x, Some(&w), Bins::Exactly(2), true), "bincount: binary_output and weights cannot both be given");
        assert_eq!(msg(&x, Some(&t(&[1], &[1.])), Bins::Exactly(2), false), "bincount: weights must have the shape of x (2,), received (1,)");
    }

    #[test]
    fn weights_gradient_is_the_gradient_of_their_bin() {
        let x = ti(&[3, 5], &[0, 1, 1, 4, 2, 3, 3, 3, -1, 0, 9, 2, 2, 1, 0]);
        let w = t(&[3, 5], &pseudo_random(15, 5));
        gradcheck(|tape, w| bincount(tape, &x, Some(&w[0]), Bins::Exactly(5), false), std::slice::from_ref(&w));
        let v = ti(&[6], &[0, 3, 3, 1, 5, 0]);
        gradcheck(|tape, w| bincount(tape, &v, Some(&w[0]), Bins::AtLeast(2), false), &[t(&[6], &pseudo_random(6, 9))]);
    }
}
