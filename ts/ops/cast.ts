/**
 * `cast(x, dtype)` between 'float32' and 'int32', as `keras.ops.cast`. float32 → int32 truncates
 * toward zero (as TensorFlow), saturating out-of-range values and mapping NaN to 0. Only
 * float32 → float32 passes a gradient; int32 results are constants to autodiff. On a KerasTensor
 * it records Keras's `Cast` node.
 */
import { REQUIRED, signature } from '../arguments/signature.js';
import { call, type Glue } from '../runtime/binding.js';
import type { DType, NumericDType } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type TensorArg, type TensorOrNumber, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { specOf } from './symbolic/spec.js';

// Strings are not cast: they become numbers only through a lookup or hashing layer.
const DTYPE_CODES: Record<NumericDType, number> = { float32: 0, int32: 1 };

function checkDtype(dtype: unknown): NumericDType {
  if (typeof dtype !== 'string' || !Object.hasOwn(DTYPE_CODES, dtype)) {
    throw new ValueError(`cast: unknown dtype '${String(dtype)}', expected 'float32' or 'int32'`);
  }
  return dtype as NumericDType;
}

const Cast = defineOp<[x: TensorOrNumber], Record<string, never>, { dtype: DType }>({
  className: 'Cast', module: 'keras.src.ops.core',
  config: signature<{ dtype: DType }>()({ dtype: REQUIRED }),
  compute: ([x], _, { dtype }) => {
    const code = DTYPE_CODES[checkDtype(dtype)];
    return withTensors('cast', { x }, (t) => wrap('cast', call('cast', (w: Glue) => w.cast(t.handle, code))));
  },
  outputSpec: ([x], _, { dtype }) => ({ shape: specOf(x).shape, dtype: checkDtype(dtype) }),
});

/** `x` converted to `dtype`; always a new tensor. */
export function cast<X extends TensorArg | number>(x: X, dtype: DType): OpResult<X> {
  return Cast.invoke({ dtype }, [x]);
}
