/** Shared plumbing of the `ops` wrappers: checking tensor operands and turning numbers into temporary scalars. */
import { scalar } from '../tensor/create.js';
import { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { KerasTensor } from './symbolic/keras_tensor.js';

export type TensorOrNumber = Tensor | number;
/** A tensor argument of an op: concrete, or symbolic (the op then records a graph node). */
export type TensorArg = Tensor | KerasTensor;
/** A tensor or number argument of an op. */
export type Operand = TensorArg | number;

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
