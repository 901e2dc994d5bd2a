/**
 * What shape inference knows of a tensor, and the dtype rules of kerasm's kernels. A KerasTensor
 * and a concrete Tensor both are `TensorSpec`s, so an op's shape rule reads either.
 */
import type { DType, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import type { KerasTensor } from './keras_tensor.js';

/** A tensor's shape (null: a size not known until run time) and dtype. */
export interface TensorSpec {
  readonly shape: readonly (number | null)[];
  readonly dtype: DType;
}

/** An op's argument types as its shape rule sees them: tensors as specs. */
export type Specs<A> = { [K in keyof A]: Spec<A[K]> };
type Spec<T> = T extends Tensor ? TensorSpec : T extends readonly (infer E)[] ? Spec<E>[] : T;

/** An op's argument types as callers may give them: a KerasTensor wherever a Tensor goes. */
export type Symbolic<A> = { [K in keyof A]: SymbolicArg<A[K]> };
type SymbolicArg<T> = T extends Tensor ? Tensor | KerasTensor : T extends readonly (infer E)[] ? SymbolicArg<E>[] : T;

/** A number operand's spec: kerasm turns numbers into float32 scalars. */
export function specOf(x: TensorSpec | number): TensorSpec {
  return typeof x === 'number' ? { shape: [], dtype: 'float32' } : x;
}

/** Checks that kerasm's float32-only kernel `op` gets float32 tensors, with the kernel's own message. */
export function requireFloat(op: string, ...xs: (TensorSpec | number)[]): void {
  for (const x of xs) {
    const dtype = specOf(x).dtype;
    if (dtype !== 'float32') throw new ValueError(`${op}: expected a float32 tensor, received ${dtype}`);
  }
}

/** The one dtype of `xs`, or the joining kernel `op`'s own error when they differ. */
export function sameDtype(op: string, xs: readonly TensorSpec[]): DType {
  const first = xs[0]!.dtype;
  xs.forEach((x, i) => {
    if (x.dtype !== first) throw new ValueError(`${op}: all tensors must have the same dtype, input 0 is ${first} and input ${i} is ${x.dtype}`);
  });
  return first;
}
