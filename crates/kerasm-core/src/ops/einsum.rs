//! `einsum`, lowered to the ops that carry their own backward, so the tape differentiates it as
//! it runs: each operand's repeated labels become one axis (its diagonal: a product with the
//! identity, summed), labels no other operand and not the output use are summed away, then the
//! operands are contracted two at a time as one batched `matmul` each (shared labels that are
//! still needed → batch axes, shared labels that are not → the inner axis, the rest → rows and
//! columns, by `transpose` and `reshape`), and the result is transposed to the output's order.
//! The subscripts are read in TypeScript (ts/ops/einsum_subscripts.ts, which is also the shape
//! rule): each axis's label arrives here as a small integer.
use ndarray::{ArrayD, IxDyn};

use crate::error::{fail, Result};
use crate::ops::elementwise::{binary, MULTIPLY};
use crate::ops::matmul::matmul;
use crate::ops::reduce::sum;
use crate::ops::shape::{reshape, transpose};
use crate::tape::Tape;
use crate::tensor::Tensor;

pub type Label = u32;

/// An operand on its way to the result: its value and the label of each of its axes.
struct Term {
    value: Tensor,
    labels: Vec<Label>,
}

/// The Einstein sum of `operands`, whose axes carry the labels `inputs`, with `output`'s labels.
pub fn einsum(tape: &mut Tape, operands: &[&Tensor], inputs: &[Vec<Label>], output: &[Label]) -> Result<Tensor> {
    if operands.is_empty() || operands.len() != inputs.len() {
        return fail("einsum", format!("{} operands for {} input specs", operands.len(), inputs.len()));
    }
    let mut terms = Vec::with_capacity(operands.len());
    for (x, labels) in operands.iter().zip(inputs) {
        if x.shape().len() != labels.len() {
            return fail("einsum", format!("an operand of rank {} has {} labels", x.shape().len(), labels.len()));
        }
        terms.push(without_diagonals(tape, Term { value: (*x).clone(), labels: labels.clone() })?);
    }
    let mut reduced = Vec::with_capacity(terms.len());
    for i in 0..terms.len() {
        let kept = needed_outside(&terms, &[i], output);
        reduced.push(summed_over(tape, &terms[i], &kept)?);
    }
    let mut terms = reduced;
    while terms.len() > 1 {
        let kept = needed_outside(&terms, &[0, 1], output);
        let rest = terms.split_off(2);
        let second = terms.pop().expect("two terms");
        let first = terms.pop().expect("two terms");
        terms = std::iter::once(contract(tape, &first, &second, &kept, output)?).chain(rest).collect();
    }
    let last = summed_over(tape, &terms[0], output)?;
    let mut order = Vec::with_capacity(output.len());
    for label in output {
        match last.labels.iter().position(|l| l == label) {
            Some(axis) => order.push(axis as i64),
            None => return fail("einsum", format!("output label {label} is in no operand")),
        }
    }
    if order.iter().enumerate().any(|(i, &axis)| axis != i as i64) {
        return transpose(tape, &last.value, Some(&order));
    }
    // A tensor of its own even for an identity such as 'ij->ij'.
    reshape(tape, &last.value, &dims(last.value.shape()))
}

/// The labels of the output and of every term but those at `skipped`.
fn needed_outside(terms: &[Term], skipped: &[usize], output: &[Label]) -> Vec<Label> {
    let mut needed = output.to_vec();
    for (i, term) in terms.iter().enumerate() {
        if !skipped.contains(&i) {
            needed.extend(&term.labels);
        }
    }
    needed
}

/// `term` with each label it repeats reduced to one axis: its diagonal.
fn without_diagonals(tape: &mut Tape, mut term: Term) -> Result<Term> {
    while let Some(second) = (0..term.labels.len()).find(|&j| term.labels[..j].contains(&term.labels[j])) {
        let first = term.labels.iter().position(|l| *l == term.labels[second]).expect("repeated");
        let n = term.value.shape()[first];
        if term.value.shape()[second] != n {
            return fail("einsum", format!("a repeated label spans axes of sizes {n} and {}", term.value.shape()[second]));
        }
        let shape: Vec<usize> = (0..term.labels.len()).map(|i| if i == first || i == second { n } else { 1 }).collect();
        let identity = Tensor::f32(ArrayD::from_shape_fn(IxDyn(&shape), |at| if at[first] == at[second] { 1.0 } else { 0.0 }));
        let masked = binary(tape, &MULTIPLY, &term.value, &identity)?;
        term.value = sum(tape, &masked, Some(&[second as isize]), false)?;
        term.labels.remove(second);
    }
    Ok(term)
}

/// `term` summed over the labels `kept` does not hold.
fn summed_over(tape: &mut Tape, term: &Term, kept: &[Label]) -> Result<Term> {
    let axes: Vec<isize> = (0..term.labels.len()).filter(|&i| !kept.contains(&term.labels[i])).map(|i| i as isize).collect();
    let labels: Vec<Label> = term.labels.iter().copied().filter(|l| kept.contains(l)).collect();
    let value = if axes.is_empty() { term.value.clone() } else { sum(tape, &term.value, Some(&axes), false)? };
    Ok(Term { value, labels })
}

/// `first` and `second` contracted as one batched matmul; the operands are swapped when the
/// output lists `second`'s own labels first, which spares a transpose of the result.
fn contract(tape: &mut Tape, first: &Term, second: &Term, needed: &[Label], output: &[Label]) -> Result<Term> {
    let own = |t: &Term, other: &Term| -> Vec<Label> { t.labels.iter().copied().filter(|l| !other.labels.contains(l)).collect() };
    let first_in_output = |labels: &[Label]| labels.iter().filter_map(|l| output.iter().position(|o| o == l)).min().unwrap_or(usize::MAX);
    let (a, b) = if first_in_output(&own(second, first)) < first_in_output(&own(first, second)) { (second, first) } else { (first, second) };
    let shared: Vec<Label> = a.labels.iter().copied().filter(|l| b.labels.contains(l)).collect();
    let batch: Vec<Label> = shared.iter().copied().filter(|l| needed.contains(l)).collect();
    let inner: Vec<Label> = shared.iter().copied().filter(|l| !needed.contains(l)).collect();
    let (rows, columns) = (own(a, b), own(b, a));
    let left = as_matrices(tape, a, &batch, &rows, &inner)?;
    let right = as_matrices(tape, b, &batch, &inner, &columns)?;
    let product = matmul(tape, &left, &right)?;
    let mut shape = dims(&product.shape()[..batch.len()]);
    shape.extend(sizes(a, &rows).iter().map(|&d| d as i64));
    shape.extend(sizes(b, &columns).iter().map(|&d| d as i64));
    let labels = [batch, rows, columns].concat();
    Ok(Term { value: reshape(tape, &product, &shape)?, labels })
}

/// `term`'s value as a stack of matrices: the `batch` axes, then `rows` flattened, then `columns` flattened.
fn as_matrices(tape: &mut Tape, term: &Term, batch: &[Label], rows: &[Label], columns: &[Label]) -> Result<Tensor> {
    let order: Vec<i64> = [batch, rows, columns].concat().iter().map(|l| axis_of(term, *l) as i64).collect();
    let moved = if order.iter().enumerate().any(|(i, &axis)| axis != i as i64) { transpose(tape, &term.value, Some(&order))? } else { term.value.clone() };
    let mut shape = dims(&sizes(term, batch));
    shape.push(sizes(term, rows).iter().product::<usize>() as i64);
    shape.push(sizes(term, columns).iter().product::<usize>() as i64);
    reshape(tape, &moved, &shape)
}

fn axis_of(term: &Term, label: Label) -> usize {
    term.labels.iter().position(|l| *l == label).expect("a label of the term")
}

fn sizes(term: &Term, labels: &[Label]) -> Vec<usize> {
    labels.iter().map(|l| term.value.shape()[axis_of(term, *l)]).collect()
}

fn dims(shape: &[usize]) -> Vec<i64> {
    shape.iter().map(|&d| d as i64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_close, gradcheck, pseudo_random, t};

    fn run(operands: &[&Tensor], inputs: &[&[Label]], output: &[Label]) -> Tensor {
        let inputs: Vec<Vec<Label>> = inputs.iter().map(|l| l.to_vec()).collect();
        einsum(&mut Tape::default(), operands, &inputs, output).unwrap()
    }

    #[test]
    fn products_transposes_traces_and_batches() {
        let a = t(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        let b = t(&[3, 2], &[7.0, 8.0, 9.0, 10.0, 11.0, 12.0]);
        assert_close(&run(&[&a, &b], &[&[0, 1], &[1, 2]], &[0, 2]), &[58.0, 64.0, 139.0, 154.0], 0.0);
        assert_close(&run(&[&a, &b], &[&[0, 1], &[1, 2]], &[2, 0]), &[58.0, 139.0, 64.0, 154.0], 0.0);
        assert_close(&run(&[&a], &[&[0, 1]], &[1, 0]), &[1.0, 4.0, 2.0, 5.0, 3.0, 6.0], 0.0);
        assert_close(&run(&[&a], &[&[0, 1]], &[]), &[21.0], 0.0);
        let square = t(&[2, 2], &[1.0, 2.0, 3.0, 4.0]);
        assert_close(&run(&[&square], &[&[0, 0]], &[0]), &[1.0, 4.0], 0.0);
        assert_close(&run(&[&square], &[&[0, 0]], &[]), &[5.0], 0.0);
        // 'bij,bjk->bik' with b = 2: each batch its own product.
        let x = t(&[2, 1, 2], &[1.0, 2.0, 3.0, 4.0]);
        let y = t(&[2, 2, 1], &[5.0, 6.0, 7.0, 8.0]);
        assert_close(&run(&[&x, &y], &[&[0, 1, 2], &[0, 2, 3]], &[0, 1, 3]), &[17.0, 53.0], 0.0);
    }

    #[test]
    fn gradients_match_finite_differences() {
        // 'aecd,abcd->acbe' (keys, queries → attention scores) and 'ii,ij->j' (a diagonal).
        let k = t(&[2, 3, 2, 2], &pseudo_random(24, 1));
        let q = t(&[2, 4, 2, 2], &pseudo_random(32, 2));
        gradcheck(|tape, xs| einsum(tape, &[&xs[0], &xs[1]], &[vec![0, 4, 2, 3], vec![0, 1, 2, 3]], &[0, 2, 1, 4]), &[k, q]);
        let m = t(&[3, 3], &pseudo_random(9, 3));
        let n = t(&[3, 2], &pseudo_random(6, 4));
        gradcheck(|tape, xs| einsum(tape, &[&xs[0], &xs[1]], &[vec![0, 0], vec![0, 1]], &[1]), &[m, n]);
    }

    #[test]
    fn refuses_labels_that_do_not_fit() {
        let a = t(&[2, 3], &[0.0; 6]);
        assert!(einsum(&mut Tape::default(), &[&a], &[vec![0]], &[0]).is_err());
        assert!(einsum(&mut Tape::default(), &[&a], &[vec![0, 0]], &[0]).is_err());
        assert!(einsum(&mut Tape::default(), &[&a], &[vec![0, 1]], &[2]).is_err());
    }
}
