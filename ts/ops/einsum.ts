/**
 * `einsum(subscripts, ...operands)`, as `keras.ops.einsum` (NumPy's subscripts: ellipsis,
 * implicit output, repeated labels for diagonals). The subscripts are read here (see
 * einsum_subscripts.ts, also the shape rule) and each axis's label is handed to Rust as a small
 * integer; `crates/kerasm-core/src/ops/einsum.rs` lowers the sum to diagonals, sums, and one
 * batched matmul (with transposes and reshapes) per pair of operands, each recording its
 * backward on the tape. On KerasTensors it records Keras's `Einsum` node.
 */
import { REQUIRED, signature } from '../arguments/signature.js';
import { call } from '../runtime/binding.js';
import { wrap } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';
import { type EinsumLabels, labelSizes, parseSubscripts } from './einsum_subscripts.js';
import { type TensorArg, requireTensor } from './operands.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { requireFloat } from './symbolic/spec.js';

const Einsum = defineOp<Tensor[], Record<string, never>, { subscripts: string }>({
  className: 'Einsum', module: 'keras.src.ops.numpy',
  config: signature<{ subscripts: string }>()({ subscripts: REQUIRED }),
  compute: (operands, _, { subscripts }) => {
    const tensors = operands.map((x, i) => requireTensor(x, `operands[${i}]`, 'einsum'));
    const shapes = tensors.map((t) => t.shape);
    const labels = parseSubscripts(subscripts, shapes);
    labelSizes(labels, shapes, subscripts);
    const ids = labelIds(labels);
    return wrap('einsum', call('einsum', (w) => w.einsum(
      Uint32Array.from(tensors, (t) => t.handle), Uint32Array.from(labels.inputs, (l) => l.length),
      Uint32Array.from(labels.inputs.flat(), (l) => ids.get(l)!), Uint32Array.from(labels.output, (l) => ids.get(l)!),
    )));
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

/** A small integer for each label, in order of first use. */
function labelIds(labels: EinsumLabels): Map<string, number> {
  const ids = new Map<string, number>();
  for (const label of labels.inputs.flat()) if (!ids.has(label)) ids.set(label, ids.size);
  return ids;
}
