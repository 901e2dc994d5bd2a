/**
 * Reductions, as in `keras.ops`: `sum`, `mean`, `max`, `min` over `axis` (a number, a list, or
 * null for every axis; negative axes count from the end), and `argmax` / `argmin` (int32).
 * `max` / `min` split the gradient evenly among tied extrema, as TensorFlow does.
 */
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type TensorOrNumber, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';

/** One axis, several, or null (undefined) for all of them. */
export type Axis = number | number[] | null | undefined;

type ReductionExport = 'sum' | 'mean' | 'max' | 'min';

function reduction(op: ReductionExport, x: TensorOrNumber, axis: Axis, keepdims: boolean): Tensor {
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

/** Sum over `axis` (all axes by default). int32 stays int32. */
export const sum = (x: TensorOrNumber, axis: Axis = null, keepdims = false): Tensor => reduction('sum', x, axis, keepdims);
/** Mean over `axis` (all axes by default); always float32. */
export const mean = (x: TensorOrNumber, axis: Axis = null, keepdims = false): Tensor => reduction('mean', x, axis, keepdims);
/** Maximum over `axis` (all axes by default); NaN propagates. */
export const max = (x: TensorOrNumber, axis: Axis = null, keepdims = false): Tensor => reduction('max', x, axis, keepdims);
/** Minimum over `axis` (all axes by default); NaN propagates. */
export const min = (x: TensorOrNumber, axis: Axis = null, keepdims = false): Tensor => reduction('min', x, axis, keepdims);

function argExtremum(op: 'argmax' | 'argmin', x: TensorOrNumber, axis: number | null | undefined, keepdims: boolean): Tensor {
  const flatten = axis === null || axis === undefined;
  const a = flatten ? 0 : checkAxis(op, axis);
  return withTensors(op, { x }, (t) => wrap(op, call(op, (w: Glue) => w[op](t.handle, a, flatten, keepdims))));
}

/** int32 index of the first maximum along `axis` (-1 by default; null: over the flattened tensor). */
export const argmax = (x: TensorOrNumber, axis: number | null = -1, keepdims = false): Tensor => argExtremum('argmax', x, axis, keepdims);
/** int32 index of the first minimum along `axis` (-1 by default; null: over the flattened tensor). */
export const argmin = (x: TensorOrNumber, axis: number | null = -1, keepdims = false): Tensor => argExtremum('argmin', x, axis, keepdims);
