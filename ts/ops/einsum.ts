/**
 * `einsum(subscripts, ...operands)`, as `keras.ops.einsum` (NumPy's subscripts: ellipsis,
 * implicit output, repeated labels for diagonals). It is lowered to the kernels that already
 * carry gradients, so the tape differentiates it: each operand's diagonals are taken (a product
 * with an identity, summed) and its labels used nowhere else summed away, then the operands are
 * contracted two at a time as one batched matmul each (shared labels kept → batch axes, shared
 * labels summed → the inner axis, the rest → rows and columns, by transposes and reshapes), and
 * the result is transposed to the output's order. On KerasTensors it records Keras's `Einsum`.
 */
import { REQUIRED, signature } from '../arguments/signature.js';
import { tensor } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import { multiply } from './elementwise.js';
import { type EinsumLabels, labelSizes, parseSubscripts } from './einsum_subscripts.js';
import { matmul } from './matmul.js';
import { type TensorArg, requireTensor } from './operands.js';
import { sum } from './reduce.js';
import { reshape, transpose } from './shape.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { requireFloat } from './symbolic/spec.js';

/** An operand on its way to the result: its value and the label of each of its axes. */
interface Term {
  value: Tensor;
  labels: string[];
}

const Einsum = defineOp<Tensor[], Record<string, never>, { subscripts: string }>({
  className: 'Einsum', module: 'keras.src.ops.numpy',
  config: signature<{ subscripts: string }>()({ subscripts: REQUIRED }),
  compute: (operands, _, { subscripts }) => {
    const tensors = operands.map((x, i) => requireTensor(x, `operands[${i}]`, 'einsum'));
    const shapes = tensors.map((t) => t.shape);
    const labels = parseSubscripts(subscripts, shapes);
    labelSizes(labels, shapes, subscripts);
    return tidy(() => evaluate(labels, tensors));
  },
  outputSpec: (operands, _, { subscripts }) => {
    requireFloat('einsum', ...operands);
    const shapes = operands.map((x) => x.shape);
    const labels = parseSubscripts(subscripts, shapes);
    const sizes = labelSizes(labels, shapes, subscripts);
    return { shape: labels.output.map((label) => sizes.get(label)!), dtype: 'float32' };
  },
});

/** The Einstein summation `subscripts` over `operands` (float32). */
export function einsum<X extends TensorArg>(subscripts: string, ...operands: X[]): OpResult<X> {
  return Einsum.invoke({ subscripts }, operands) as OpResult<X>;
}

/** The result of the contraction `labels` describes, over `tensors`. */
function evaluate(labels: EinsumLabels, tensors: Tensor[]): Tensor {
  const output = new Set(labels.output);
  let terms = tensors.map((value, i) => withoutDiagonals({ value, labels: [...labels.inputs[i]!] }));
  terms = terms.map((term, i) => summedOver(term, neededOutside(terms, [i], output)));
  while (terms.length > 1) {
    const needed = neededOutside(terms, [0, 1], output);
    terms = [contract(terms[0]!, terms[1]!, needed, labels.output), ...terms.slice(2)];
  }
  const last = summedOver(terms[0]!, output);
  const result = transposed(last.value, labels.output.map((label) => last.labels.indexOf(label)));
  // The result must be a tensor of its own, even for an identity such as 'ij->ij'.
  return result === tensors[0] ? reshape(result, result.shape) : result;
}

/** The labels of the output and of every term but those at `skipped`. */
function neededOutside(terms: Term[], skipped: number[], output: Set<string>): Set<string> {
  const needed = new Set(output);
  terms.forEach((term, i) => { if (!skipped.includes(i)) term.labels.forEach((l) => needed.add(l)); });
  return needed;
}

/** `term` with each label it repeats reduced to one axis: the diagonal (a product with the identity, summed over the second axis). */
function withoutDiagonals(term: Term): Term {
  let { value, labels } = term;
  for (let second = labels.findIndex((l, i) => labels.indexOf(l) !== i); second >= 0; second = labels.findIndex((l, i) => labels.indexOf(l) !== i)) {
    const first = labels.indexOf(labels[second]!);
    const n = value.shape[first]!;
    const identity = tensor(Float32Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0)), labels.map((_, i) => (i === first || i === second ? n : 1)));
    value = sum(multiply(value, identity), second);
    labels = labels.filter((_, i) => i !== second);
  }
  return { value, labels };
}

/** `term` summed over the labels that `kept` does not hold. */
function summedOver(term: Term, kept: Set<string>): Term {
  const axes = term.labels.flatMap((label, i) => (kept.has(label) ? [] : [i]));
  if (axes.length === 0) return term;
  return { value: sum(term.value, axes), labels: term.labels.filter((label) => kept.has(label)) };
}

/**
 * `a` and `b` contracted as one batched matmul: labels both hold and `needed` keeps become batch
 * axes, those it does not are summed (the inner axis), the rest are rows (`a`'s) and columns
 * (`b`'s). The operands are swapped when the output lists `b`'s labels first, which spares a transpose.
 */
function contract(first: Term, second: Term, needed: Set<string>, output: string[]): Term {
  const ownLabels = (t: Term, other: Term) => t.labels.filter((l) => !other.labels.includes(l));
  const firstInOutput = (labels: string[]) => Math.min(Infinity, ...labels.map((l) => output.indexOf(l)).filter((i) => i >= 0));
  const [a, b] = firstInOutput(ownLabels(second, first)) < firstInOutput(ownLabels(first, second)) ? [second, first] : [first, second];
  const shared = a.labels.filter((l) => b.labels.includes(l));
  const batch = shared.filter((l) => needed.has(l));
  const inner = shared.filter((l) => !needed.has(l));
  const rows = a.labels.filter((l) => !b.labels.includes(l));
  const columns = b.labels.filter((l) => !a.labels.includes(l));
  const left = asMatrices(a, batch, rows, inner);
  const right = asMatrices(b, batch, inner, columns);
  const product = matmul(left, right);
  const batchShape = product.shape.slice(0, batch.length);
  const sizes = (t: Term, labels: string[]) => labels.map((l) => t.value.shape[t.labels.indexOf(l)]!);
  return { value: reshape(product, [...batchShape, ...sizes(a, rows), ...sizes(b, columns)]), labels: [...batch, ...rows, ...columns] };
}

/** `term`'s value as a stack of matrices: the `batch` axes, then `rows` flattened, then `columns` flattened. */
function asMatrices(term: Term, batch: string[], rows: string[], columns: string[]): Tensor {
  const order = [...batch, ...rows, ...columns].map((l) => term.labels.indexOf(l));
  const size = (labels: string[]) => labels.reduce((n, l) => n * term.value.shape[term.labels.indexOf(l)]!, 1);
  const batchShape = batch.map((l) => term.value.shape[term.labels.indexOf(l)]!);
  return reshape(transposed(term.value, order), [...batchShape, size(rows), size(columns)]);
}

/** `x` with its axes in `order`, or `x` itself when that is its order already. */
function transposed(x: Tensor, order: number[]): Tensor {
  return order.every((axis, i) => axis === i) ? x : transpose(x, order);
}
