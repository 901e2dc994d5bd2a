/**
 * `cast(x, dtype)` between 'float32' and 'int32', as `keras.ops.cast`. float32 → int32 truncates
 * toward zero (as TensorFlow), saturating out-of-range values and mapping NaN to 0. Only
 * float32 → float32 passes a gradient; int32 results are constants to autodiff.
 */
import { call, type Glue } from '../runtime/binding.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type TensorOrNumber, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';

const DTYPE_CODES: Record<DType, number> = { float32: 0, int32: 1 };

/** `x` converted to `dtype`; always a new tensor. */
export function cast(x: TensorOrNumber, dtype: DType): Tensor {
  if (!Object.hasOwn(DTYPE_CODES, dtype)) {
    throw new ValueError(`cast: unknown dtype '${String(dtype)}', expected 'float32' or 'int32'`);
  }
  const code = DTYPE_CODES[dtype];
  return withTensors('cast', { x }, (t) => wrap('cast', call('cast', (w: Glue) => w.cast(t.handle, code))));
}
