/**
 * Shape ops, as in `keras.ops`: `reshape`, `transpose`, `concatenate`, `stack` and `slice`. They
 * take float32 and int32 tensors, and gradients flow back through each of them.
 */
import { canonicalAxis, standardizeAxis } from '../arguments/axis.js';
import { call } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { formatShape } from '../utils/python_repr.js';
import { requireTensor } from './operands.js';
import { wrap } from '../tensor/create.js';

/** `values` as an Int32Array, or an error naming the op and argument when one is not an integer. */
function integers(op: string, arg: string, values: unknown): Int32Array {
  const ok = Array.isArray(values) && values.every((v) => Number.isInteger(v) && Math.abs(v) <= 0x7fffffff);
  if (!ok) throw new ValueError(`${op}: '${arg}' must be an array of integers, received ${JSON.stringify(values)}`);
  return Int32Array.from(values as number[]);
}

/** The values of `x` in row-major order under `newShape`; one entry may be -1 (inferred). */
export function reshape(x: Tensor, newShape: number[]): Tensor {
  const t = requireTensor(x, 'x', 'reshape');
  const dims = integers('reshape', 'newShape', newShape);
  return wrap('reshape', call('reshape', (w) => w.reshape(t.handle, dims)));
}

/** `x` with output axis `i` taken from input axis `axes[i]`; by default the axes are reversed. */
export function transpose(x: Tensor, axes?: number[] | null): Tensor {
  const t = requireTensor(x, 'x', 'transpose');
  const perm = axes == null ? undefined : integers('transpose', 'axes', axes);
  return wrap('transpose', call('transpose', (w) => w.transpose(t.handle, perm)));
}

/** The tensors `xs` (one dtype) joined along `axis`; every other dimension must match. */
export function concatenate(xs: Tensor[], axis = 0): Tensor {
  if (!Array.isArray(xs)) throw new ValueError(`concatenate: 'xs' must be an array of tensors, received ${typeof xs}`);
  const handles = Uint32Array.from(xs.map((x, i) => requireTensor(x, `xs[${i}]`, 'concatenate').handle));
  const ax = integers('concatenate', 'axis', [axis])[0]!;
  return wrap('concatenate', call('concatenate', (w) => w.concatenate(handles, ax)));
}

/**
 * The tensors `xs` (one shape, one dtype) joined along a new axis at `axis`, as `keras.ops.stack`:
 * each gains a dimension of 1 there, then they are concatenated along it.
 */
export function stack(xs: Tensor[], axis = 0): Tensor {
  if (!Array.isArray(xs) || xs.length === 0) throw new ValueError(`stack: 'xs' must be a non-empty array of tensors, received ${Array.isArray(xs) ? 'an empty array' : typeof xs}`);
  const tensors = xs.map((x, i) => requireTensor(x, `xs[${i}]`, 'stack'));
  const first = tensors[0]!.shape;
  for (const t of tensors) {
    if (t.shape.length !== first.length || t.shape.some((d, i) => d !== first[i])) {
      throw new ValueError(`Every value in \`xs\` must have the same shape. But found element of shape ${formatShape(t.shape)},  which is different from the first element's shape ${formatShape(first)}.`);
    }
  }
  const position = canonicalAxis(standardizeAxis(axis), [...first, 1]);
  const expanded = [...first.slice(0, position), 1, ...first.slice(position)];
  return concatenate(tensors.map((t) => reshape(t, expanded)), position);
}

/**
 * The block of `x` that starts at `startIndices` and has shape `shape` (as `keras.ops.slice`;
 * a size of -1 takes the rest of that axis, as in `tf.slice`).
 */
export function slice(x: Tensor, startIndices: number[], shape: number[]): Tensor {
  const t = requireTensor(x, 'x', 'slice');
  const start = integers('slice', 'startIndices', startIndices);
  const size = integers('slice', 'shape', shape);
  return wrap('slice', call('slice', (w) => w.slice(t.handle, start, size)));
}
