/** Shared plumbing of the `ops` wrappers: turning arguments into handles and results into Tensors. */
import { call } from '../runtime/binding.js';
import { scalar } from '../tensor/create.js';
import { type DType, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';

export type TensorOrNumber = Tensor | number;

/** Wraps a handle that an export just returned, reading its shape and dtype from the store. */
export function wrap(op: string, handle: number): Tensor {
  const shape = Array.from(call(op, (w) => w.tensor_shape(handle)));
  const dtype: DType = call(op, (w) => w.tensor_dtype(handle)) === 0 ? 'float32' : 'int32';
  return new Tensor(handle, shape, dtype);
}

/** Checks that `x` is a live Tensor, naming the op and argument otherwise (as tfjs does). */
export function requireTensor(x: unknown, arg: string, op: string): Tensor {
  if (!(x instanceof Tensor)) {
    throw new ValueError(`Argument '${arg}' passed to '${op}' must be a Tensor or a number, received ${describe(x)}`);
  }
  x.handle; // throws a clear error if disposed
  return x;
}

/** Runs `f` on tensors, turning number arguments into temporary scalars that it frees. */
export function withTensors<T>(op: string, args: Record<string, TensorOrNumber>, f: (...tensors: Tensor[]) => T): T {
  const temporaries: Tensor[] = [];
  const tensors = Object.entries(args).map(([name, value]) => {
    if (typeof value === 'number') {
      const s = scalar(value);
      temporaries.push(s);
      return s;
    }
    return requireTensor(value, name, op);
  });
  try {
    return f(...tensors);
  } finally {
    for (const t of temporaries) t.dispose();
  }
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array (wrap it with tensor())';
  return typeof x === 'object' ? (x as object).constructor?.name ?? 'an object' : `${typeof x} ${String(x)}`;
}
