/**
 * Shape ops, as in `keras.ops`: `shape`, `reshape`, `transpose`, `concatenate` and `slice`. They
 * take float32 and int32 tensors, and gradients flow back through each of them. On KerasTensors
 * they record Keras's `Reshape`, `Transpose`, `Concatenate` and `Slice` nodes; `shape` of a
 * KerasTensor is its shape, unknown sizes `null` (Keras's `None`), and records nothing.
 */
import { REQUIRED, signature } from '../arguments/signature.js';
import { canonicalAxis, canonicalizeAxis, standardizeAxis } from '../arguments/axis.js';
import { call } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { formatShape } from '../utils/python_repr.js';
import { type TensorArg, requireTensor } from './operands.js';
import { wrap } from '../tensor/create.js';
import { reshapedShape, transposedShape } from './output_shape.js';
import { KerasTensor } from './symbolic/keras_tensor.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { type TensorSpec, sameDtype } from './symbolic/spec.js';

/** `values` as an Int32Array, or an error naming the op and argument when one is not an integer. */
function integers(op: string, arg: string, values: unknown): Int32Array {
  const ok = Array.isArray(values) && values.every((v) => Number.isInteger(v) && Math.abs(v) <= 0x7fffffff);
  if (!ok) throw new ValueError(`${op}: '${arg}' must be an array of integers, received ${JSON.stringify(values)}`);
  return Int32Array.from(values as number[]);
}

/** The shape of `x`, as `keras.ops.shape`: sizes a KerasTensor does not know yet are null. */
export function shape(x: Tensor): number[];
export function shape(x: TensorArg): (number | null)[];
export function shape(x: TensorArg): (number | null)[] {
  return [...(x instanceof KerasTensor ? x : requireTensor(x, 'x', 'shape')).shape];
}

const Reshape = defineOp<[x: Tensor], Record<string, never>, { newshape: (number | null)[] }>({
  className: 'Reshape', module: 'keras.src.ops.numpy',
  config: signature<{ newshape: (number | null)[] }>()({ newshape: REQUIRED }),
  compute: ([x], _, { newshape }) => {
    const t = requireTensor(x, 'x', 'reshape');
    const dims = integers('reshape', 'newShape', newshape);
    return wrap('reshape', call('reshape', (w) => w.reshape(t.handle, dims)));
  },
  outputSpec: ([x], _, { newshape }) => ({ shape: reshapedShape(x.shape, newshape), dtype: x.dtype }),
});

/**
 * The values of `x` in row-major order under `newShape`; one entry may be -1 (inferred). On a
 * KerasTensor, entries may also be null (a size known only at run time, such as the batch).
 */
export function reshape<X extends TensorArg>(x: X, newShape: (number | null)[]): OpResult<X> {
  return Reshape.invoke({ newshape: newShape }, [x]);
}

const Transpose = defineOp<[x: Tensor], Record<string, never>, { axes: number[] | null }>({
  className: 'Transpose', module: 'keras.src.ops.numpy',
  config: signature<{ axes: number[] | null }>()({ axes: null }),
  compute: ([x], _, { axes }) => {
    const t = requireTensor(x, 'x', 'transpose');
    const perm = axes === null ? undefined : integers('transpose', 'axes', axes);
    return wrap('transpose', call('transpose', (w) => w.transpose(t.handle, perm)));
  },
  outputSpec: ([x], _, { axes }) => ({ shape: transposedShape(x.shape, axes), dtype: x.dtype }),
});

/** `x` with output axis `i` taken from input axis `axes[i]`; by default the axes are reversed. */
export function transpose<X extends TensorArg>(x: X, axes?: number[] | null): OpResult<X> {
  return Transpose.invoke({ axes: axes ?? null }, [x]);
}

const Concatenate = defineOp<[xs: Tensor[]], Record<string, never>, { axis: number }>({
  className: 'Concatenate', module: 'keras.src.ops.numpy',
  config: signature<{ axis: number }>()({ axis: 0 }),
  compute: ([xs], _, { axis }) => {
    if (!Array.isArray(xs)) throw new ValueError(`concatenate: 'xs' must be an array of tensors, received ${typeof xs}`);
    const handles = Uint32Array.from(xs.map((x, i) => requireTensor(x, `xs[${i}]`, 'concatenate').handle));
    const ax = integers('concatenate', 'axis', [axis])[0]!;
    return wrap('concatenate', call('concatenate', (w) => w.concatenate(handles, ax)));
  },
  outputSpec: ([xs], _, { axis }) => concatenatedSpec(xs, axis),
});

/** Keras's `Concatenate` shape: every size but `axis`'s must agree; those on `axis` add up. */
function concatenatedSpec(xs: TensorSpec[], axis: number): TensorSpec {
  const first = xs[0]!.shape;
  const ax = canonicalizeAxis(axis, first.length);
  let total: number | null = 0;
  for (const x of xs) {
    const agrees = x.shape.length === first.length && x.shape.every((d, i) => i === ax || d === null || first[i] === null || d === first[i]);
    if (!agrees) {
      throw new ValueError(
        `Every value in \`xs\` must have the same shape except on the \`axis\` dim. But found element of shape ${formatShape(x.shape)}, which is different from the first element's shape ${formatShape(first)}.`);
    }
    total = total === null || x.shape[ax] === null ? null : total + x.shape[ax]!;
  }
  return { shape: first.map((d, i) => (i === ax ? total : d)), dtype: sameDtype('concatenate', xs) };
}

/** The tensors `xs` (one dtype) joined along `axis`; every other dimension must match. */
export function concatenate<X extends TensorArg>(xs: X[], axis = 0): OpResult<X> {
  return Concatenate.invoke({ axis }, [xs]);
}

const Slice = defineOp<[inputs: Tensor, startIndices: number[]], Record<string, never>, { shape: number[] }>({
  className: 'Slice', module: 'keras.src.ops.core',
  config: signature<{ shape: number[] }>()({ shape: REQUIRED }),
  compute: ([x, startIndices], _, { shape: size }) => {
    const t = requireTensor(x, 'x', 'slice');
    const start = integers('slice', 'startIndices', startIndices);
    const sizes = integers('slice', 'shape', size);
    return wrap('slice', call('slice', (w) => w.slice(t.handle, start, sizes)));
  },
  outputSpec: ([x, startIndices], _, { shape: size }) => {
    if (size.length !== x.shape.length) {
      throw new ValueError(`The number of dimensions in \`inputs\` must match the number of dimensions in \`shape\`. Received inputs.shape=${formatShape(x.shape)} and shape=${formatShape(size)}`);
    }
    if (startIndices.length !== x.shape.length) {
      throw new ValueError(`The number of dimensions in \`start_indices\` must match the number of dimensions in \`inputs\`. Received start_indices=${formatShape(startIndices)} and inputs.shape=${formatShape(x.shape)}`);
    }
    return { shape: size.map((d, i) => (d !== -1 ? d : x.shape[i] === null ? null : x.shape[i]! - startIndices[i]!)), dtype: x.dtype };
  },
});

/**
 * The block of `x` that starts at `startIndices` and has shape `shape` (as `keras.ops.slice`;
 * a size of -1 takes the rest of that axis, as in `tf.slice`).
 */
export function slice<X extends TensorArg>(x: X, startIndices: number[], shape: number[]): OpResult<X> {
  return Slice.invoke({ shape }, [x, startIndices]) as OpResult<X>;
}
