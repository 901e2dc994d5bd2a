/**
 * Comparisons and selection, as in `keras.ops`. Comparisons broadcast, take either dtype and
 * return float32 1 / 0 (kerasm has no bool dtype); they carry no gradient. `where` and `clip`
 * are differentiable in their float32 tensor arguments.
 */
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type TensorOrNumber, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';

type ComparisonExport = 'equal' | 'not_equal' | 'greater' | 'greater_equal' | 'less' | 'less_equal';

function comparison(op: ComparisonExport, x1: TensorOrNumber, x2: TensorOrNumber): Tensor {
  return withTensors(op, { x1, x2 }, (a, b) => wrap(op, call(op, (w: Glue) => w[op](a.handle, b.handle))));
}

/** 1 where `x1 == x2`, else 0 (float32). */
export const equal = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => comparison('equal', x1, x2);
/** 1 where `x1 != x2` (and where either is NaN), else 0 (float32). */
export const notEqual = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => comparison('not_equal', x1, x2);
/** 1 where `x1 > x2`, else 0 (float32). */
export const greater = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => comparison('greater', x1, x2);
/** 1 where `x1 >= x2`, else 0 (float32). */
export const greaterEqual = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => comparison('greater_equal', x1, x2);
/** 1 where `x1 < x2`, else 0 (float32). */
export const less = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => comparison('less', x1, x2);
/** 1 where `x1 <= x2`, else 0 (float32). */
export const lessEqual = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => comparison('less_equal', x1, x2);

/**
 * `x1` where `condition` is nonzero, else `x2`, broadcasting all three. int32 when `x1` and `x2`
 * both are, else float32. Gradients reach `x1` and `x2` through the elements each supplied.
 */
export function where(condition: TensorOrNumber, x1: TensorOrNumber, x2: TensorOrNumber): Tensor {
  return withTensors('where', { condition, x1, x2 }, (c, a, b) => wrap('where', call('where', (w: Glue) => w.select(c.handle, a.handle, b.handle))));
}

/**
 * `x` limited to `[minValue, maxValue]` (`maxValue` wins if they cross; NaN passes through).
 * The gradient passes where `minValue <= x <= maxValue`, as TensorFlow's `clip_by_value`.
 */
export function clip(x: TensorOrNumber, minValue: number, maxValue: number): Tensor {
  for (const [name, v] of [['minValue', minValue], ['maxValue', maxValue]] as const) {
    if (typeof v !== 'number' || Number.isNaN(v)) throw new ValueError(`clip: ${name} must be a number, received ${String(v)}`);
  }
  return withTensors('clip', { x }, (t) => wrap('clip', call('clip', (w: Glue) => w.clip(t.handle, minValue, maxValue))));
}
