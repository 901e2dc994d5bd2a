/**
 * Adding and removing axes, as in `keras.ops`: `expandDims`, `squeeze` and `stack`. They are
 * reshapes (and a concatenation for `stack`), so gradients flow back through them. On
 * KerasTensors they record Keras's `ExpandDims`, `Squeeze` and `Stack` nodes.
 */
import { REQUIRED, signature } from '../arguments/signature.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { formatShape, pythonRepr } from '../utils/python_repr.js';
import { type TensorArg, requireTensor } from './operands.js';
import { expandedShape, squeezedShape } from './output_shape.js';
import { concatenate, reshape } from './shape.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { type TensorSpec, sameDtype } from './symbolic/spec.js';
import { canonicalizeAxis } from '../arguments/axis.js';

type Axes = number | number[];

const ExpandDims = defineOp<[x: Tensor], Record<string, never>, { axis: Axes }>({
  className: 'ExpandDims', module: 'keras.src.ops.numpy',
  config: signature<{ axis: Axes }>()({ axis: REQUIRED }),
  compute: ([x], _, { axis }) => {
    const t = requireTensor(x, 'x', 'expandDims');
    return reshape(t, expandedShape(t.shape, checkAxes('expand_dims', axis)) as number[]);
  },
  outputSpec: ([x], _, { axis }) => ({ shape: expandedShape(x.shape, checkAxes('expand_dims', axis)), dtype: x.dtype }),
});

/** `x` with a new axis of size 1 at `axis` (a position in the result; several for several new axes). */
export function expandDims<X extends TensorArg>(x: X, axis: Axes): OpResult<X> {
  return ExpandDims.invoke({ axis }, [x]);
}

const Squeeze = defineOp<[x: Tensor], Record<string, never>, { axis: Axes | null }>({
  className: 'Squeeze', module: 'keras.src.ops.numpy',
  config: signature<{ axis: Axes | null }>()({ axis: null }),
  compute: ([x], _, { axis }) => {
    const t = requireTensor(x, 'x', 'squeeze');
    return reshape(t, squeezedShape(t.shape, axis === null ? null : checkAxes('squeeze', axis)) as number[]);
  },
  outputSpec: ([x], _, { axis }) => ({ shape: squeezedShape(x.shape, axis === null ? null : checkAxes('squeeze', axis)), dtype: x.dtype }),
});

/** `x` without its axes of size 1 (only those of `axis`, which must have size 1, when given). */
export function squeeze<X extends TensorArg>(x: X, axis: Axes | null = null): OpResult<X> {
  return Squeeze.invoke({ axis }, [x]);
}

const Stack = defineOp<[x: Tensor[]], Record<string, never>, { axis: number }>({
  className: 'Stack', module: 'keras.src.ops.numpy',
  config: signature<{ axis: number }>()({ axis: 0 }),
  compute: ([xs], _, { axis }) => {
    if (!Array.isArray(xs) || xs.length === 0) throw new ValueError(`stack: 'x' must be a non-empty array of tensors, received ${pythonRepr(xs)}`);
    stackedSpec(xs.map((x, i) => requireTensor(x, `x[${i}]`, 'stack')), axis);
    const expanded = xs.map((x) => expandDims(x, canonicalizeAxis(axis, x.shape.length + 1)));
    try {
      return concatenate(expanded, axis);
    } finally {
      for (const t of expanded) t.dispose();
    }
  },
  outputSpec: ([xs], _, { axis }) => stackedSpec(xs, axis),
});

/** The shape and dtype of `xs` stacked on a new `axis`, with Keras's message when their shapes differ. */
function stackedSpec(xs: readonly TensorSpec[], axis: number): TensorSpec {
  const first = xs[0]!.shape;
  const ax = canonicalizeAxis(axis, first.length + 1);
  for (const x of xs) {
    const agrees = x.shape.length === first.length && x.shape.every((d, i) => d === null || first[i] === null || d === first[i]);
    if (!agrees) throw new ValueError(`Every value in \`x\` must have the same shape. But found element of shape ${formatShape(x.shape)},  which is different from the first element's shape ${formatShape(first)}.`);
  }
  return { shape: [...first.slice(0, ax), xs.length, ...first.slice(ax)], dtype: sameDtype('stack', xs) };
}

/** The tensors `x` (one shape, one dtype) joined along a new axis `axis`. */
export function stack<X extends TensorArg>(x: X[], axis = 0): OpResult<X> {
  return Stack.invoke({ axis }, [x]);
}

function checkAxes(op: string, axis: unknown): Axes {
  const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
  if (isInt(axis) || (Array.isArray(axis) && axis.every(isInt))) return axis as Axes;
  throw new ValueError(`The \`axis\` argument to \`${op}\` should be an integer, tuple or list. Received axis=${JSON.stringify(axis)}`);
}
