/**
 * Reductions, as in `keras.ops`: `sum`, `mean`, `max`, `min` over `axis` (a number, a list, or
 * null for every axis; negative axes count from the end), and `argmax` / `argmin` (int32).
 * `max` / `min` split the gradient evenly among tied extrema, as TensorFlow does. On KerasTensors
 * they record Keras's `Sum`, `Mean`, `Max`, `Min`, `Argmax` and `Argmin` nodes.
 */
import { onlyDefault, signature } from '../arguments/signature.js';
import { call, type Glue } from '../runtime/binding.js';
import type { DType } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type TensorArg, type TensorOrNumber, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import { reducedShape } from './output_shape.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { specOf } from './symbolic/spec.js';

/** One axis, several, or null (undefined) for all of them. */
export type Axis = number | number[] | null | undefined;

type ReductionExport = 'sum' | 'mean' | 'max' | 'min';

interface ReductionConfig {
  axis: number | number[] | null;
  keepdims: boolean;
  /** Keras's `initial` of `max` / `min`, which kerasm takes only at its default. */
  initial?: null;
}

function reduction(op: ReductionExport, x: TensorOrNumber, axis: Axis, keepdims: boolean) {
  const all = axis === null || axis === undefined;
  const axes = Int32Array.from(all ? [] : Array.isArray(axis) ? axis.map((a) => checkAxis(op, a)) : [checkAxis(op, axis)]);
  return withTensors(op, { x }, (t) => wrap(op, call(op, (w: Glue) => w[op](t.handle, axes, all, keepdims))));
}

function checkAxis(op: string, axis: unknown): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || Math.abs(axis) > 2 ** 31 - 1) {
    throw new ValueError(`${op}: axis must be an integer, a list of integers or null, received ${JSON.stringify(axis) ?? String(axis)}`);
  }
  return axis;
}

function reductionOp(className: string, op: ReductionExport, withInitial: boolean) {
  const cls = defineOp<[x: TensorOrNumber], Record<string, never>, ReductionConfig>({
    className, module: 'keras.src.ops.numpy',
    config: signature<ReductionConfig>()(withInitial ? { axis: null, keepdims: false, initial: onlyDefault(null) } : { axis: null, keepdims: false }),
    compute: ([x], _, { axis, keepdims }) => reduction(op, x, axis, keepdims),
    outputSpec: ([x], _, { axis, keepdims }) => {
      const spec = specOf(x);
      const dtype: DType = op === 'mean' ? 'float32' : spec.dtype;
      return { shape: reducedShape(spec.shape, axis === null ? null : [axis].flat().map((a) => checkAxis(op, a)), keepdims), dtype };
    },
  });
  return <X extends TensorArg | number>(x: X, axis: Axis = null, keepdims = false): OpResult<X> =>
    cls.invoke(withInitial ? { axis: axis ?? null, keepdims, initial: null } : { axis: axis ?? null, keepdims }, [x]);
}

/** Sum over `axis` (all axes by default). int32 stays int32. */
export const sum = reductionOp('Sum', 'sum', false);
/** Mean over `axis` (all axes by default); always float32. */
export const mean = reductionOp('Mean', 'mean', false);
/** Maximum over `axis` (all axes by default); NaN propagates. */
export const max = reductionOp('Max', 'max', true);
/** Minimum over `axis` (all axes by default); NaN propagates. */
export const min = reductionOp('Min', 'min', true);

interface ArgExtremumConfig {
  axis: number | null;
  keepdims: boolean;
}

function argExtremumOp(className: string, op: 'argmax' | 'argmin') {
  const cls = defineOp<[x: TensorOrNumber], Record<string, never>, ArgExtremumConfig>({
    className, module: 'keras.src.ops.numpy',
    config: signature<ArgExtremumConfig>()({ axis: null, keepdims: false }),
    compute: ([x], _, { axis, keepdims }) => {
      const flatten = axis === null;
      const a = flatten ? 0 : checkAxis(op, axis);
      return withTensors(op, { x }, (t) => wrap(op, call(op, (w: Glue) => w[op](t.handle, a, flatten, keepdims))));
    },
    outputSpec: ([x], _, { axis, keepdims }) => ({
      shape: reducedShape(specOf(x).shape, axis === null ? null : [checkAxis(op, axis)], keepdims),
      dtype: 'int32',
    }),
  });
  return <X extends TensorArg | number>(x: X, axis: number | null = -1, keepdims = false): OpResult<X> => cls.invoke({ axis: axis ?? null, keepdims }, [x]);
}

/** int32 index of the first maximum along `axis` (-1 by default; null: over the flattened tensor). */
export const argmax = argExtremumOp('Argmax', 'argmax');
/** int32 index of the first minimum along `axis` (-1 by default; null: over the flattened tensor). */
export const argmin = argExtremumOp('Argmin', 'argmin');
