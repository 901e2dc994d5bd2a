/**
 * Cumulative ops, as in `keras.ops`: `cumsum` and `cumprod` along `axis` (null: over the
 * flattened tensor, a 1-D result), in `dtype` when given (`x` is cast to it first, as NumPy
 * does). Gradients flow back through float32 scans (`cumprod`'s without dividing, so zeros are
 * fine). On KerasTensors they record Keras's `Cumsum` and `Cumprod` nodes.
 */
import { canonicalizeAxis } from '../arguments/axis.js';
import { standardizeDtype } from '../arguments/dtype.js';
import { signature } from '../arguments/signature.js';
import { call } from '../runtime/binding.js';
import { wrap } from '../tensor/create.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';
import { cast } from './cast.js';
import { type TensorArg, requireTensor } from './operands.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import type { TensorSpec } from './symbolic/spec.js';

interface ScanConfig {
  axis: number | null;
  dtype: DType | null;
}

function checkAxis(op: string, axis: unknown): number | null {
  if (axis === null || (Number.isInteger(axis) && Math.abs(axis as number) <= 0x7fffffff)) return axis as number | null;
  throw new ValueError(`${op}: \`axis\` must be an integer or null, received ${pythonRepr(axis)}`);
}

/** Keras's shape rule: the input's shape along an axis; 1-D (unknown if any size is) when flattened. */
function scannedSpec(op: string, x: TensorSpec, { axis, dtype }: ScanConfig): TensorSpec {
  const ax = checkAxis(op, axis);
  const outDtype = dtype === null ? x.dtype : standardizeDtype(dtype);
  if (ax !== null) {
    canonicalizeAxis(ax, x.shape.length);
    return { shape: [...x.shape], dtype: outDtype };
  }
  const size = x.shape.includes(null) ? null : x.shape.reduce<number>((n, d) => n * d!, 1);
  return { shape: [size], dtype: outDtype };
}

function scanOp(className: string, op: 'cumsum' | 'cumprod') {
  const cls = defineOp<[x: Tensor], Record<string, never>, ScanConfig>({
    className, module: 'keras.src.ops.numpy',
    config: signature<ScanConfig>()({ axis: null, dtype: null }),
    compute: ([x], _, config) => {
      const t = requireTensor(x, 'x', op);
      const { dtype } = scannedSpec(op, t, config);
      const ax = config.axis ?? undefined;
      if (dtype === t.dtype) return wrap(op, call(op, (w) => w[op](t.handle, ax)));
      const converted = cast(t, dtype);
      try {
        return wrap(op, call(op, (w) => w[op](converted.handle, ax)));
      } finally {
        converted.dispose();
      }
    },
    outputSpec: ([x], _, config) => scannedSpec(op, x, config),
  });
  return <X extends TensorArg>(x: X, axis: number | null = null, dtype: DType | null = null): OpResult<X> => cls.invoke({ axis, dtype }, [x]);
}

/** Running sums of `x` along `axis` (null: over the flattened `x`); int32 sums wrap as NumPy's. */
export const cumsum = scanOp('Cumsum', 'cumsum');
/** Running products of `x` along `axis` (null: over the flattened `x`). */
export const cumprod = scanOp('Cumprod', 'cumprod');
