/** Making tensors from JavaScript values, as `tf.tensor` does. */
import { call, memory } from '../runtime/binding.js';
import { ValueError } from '../utils/errors.js';
import { holdsStrings, stringTensor } from './strings.js';
import { type DType, type NestedArray, type NestedStrings, type NumericDType, type Shape, Tensor, type TypedArray, formatShape } from './tensor.js';

export type TensorLike = TypedArray | NestedArray | number[] | NestedStrings | string[];

/**
 * A tensor from a typed array, nested arrays or a number, or from strings. The shape is inferred
 * from nested arrays, or given; the dtype is float32 unless given or the values are an
 * Int32Array (int32) or strings (string).
 */
export function tensor(values: TensorLike, shape?: Shape, dtype?: DType): Tensor {
  if (dtype === 'string' || holdsStrings(values)) return stringTensor(values, shape, dtype);
  const inferredShape = inferShape(values);
  const flat = flatten(values as TypedArray | NestedArray);
  const finalShape = shape ?? inferredShape;
  checkShape(finalShape);
  const size = finalShape.reduce((a, b) => a * b, 1);
  if (size !== flat.length) {
    throw new ValueError(`tensor: the shape ${formatShape(finalShape)} holds ${size} values, but ${flat.length} were given`);
  }
  const finalDtype: DType = dtype ?? (values instanceof Int32Array ? 'int32' : 'float32');
  if (finalDtype !== 'float32' && finalDtype !== 'int32') {
    throw new ValueError(`tensor: unknown dtype '${String(finalDtype)}', expected 'float32' or 'int32'`);
  }
  return upload(flat, finalShape, finalDtype);
}

/** A scalar (rank-0) float32 tensor. */
export function scalar(value: number, dtype: DType = 'float32'): Tensor {
  return tensor([value], [], dtype);
}

/** Copies values into a new store tensor: one copy, straight into wasm memory. */
export function upload(values: ArrayLike<number>, shape: Shape, dtype: NumericDType): Tensor {
  const dims = Uint32Array.from(shape);
  const handle = call('tensor', (w) => (dtype === 'float32' ? w.alloc_f32(dims) : w.alloc_i32(dims)));
  const t = new Tensor(handle, [...shape], dtype);
  const ptr = call('tensor', (w) => w.tensor_data_ptr(handle));
  const view = dtype === 'float32' ? new Float32Array(memory().buffer, ptr, t.size) : new Int32Array(memory().buffer, ptr, t.size);
  view.set(values);
  return t;
}

function checkShape(shape: Shape): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new ValueError(`tensor: shape ${JSON.stringify(shape)} must hold non-negative integers`);
  }
}

/** The shape of nested arrays (`[]` for a lone value), read along the first elements. */
export function inferShape(values: unknown): Shape {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) return [];
  if (!Array.isArray(values)) return [(values as TypedArray).length];
  const shape: Shape = [];
  let level: unknown = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  return shape;
}

function flatten(values: TypedArray | NestedArray): ArrayLike<number> {
  if (typeof values === 'number') return [checkNumber(values, 0)];
  if (!Array.isArray(values)) return values;
  const out: number[] = [];
  const walk = (v: unknown, depth: number, expected: Shape): void => {
    if (Array.isArray(v)) {
      if (v.length !== expected[depth]) {
        throw new ValueError(`tensor: nested arrays are ragged at depth ${depth}: expected length ${expected[depth]}, received ${v.length}`);
      }
      for (const item of v) walk(item, depth + 1, expected);
    } else {
      if (depth !== expected.length) throw new ValueError(`tensor: nested arrays are ragged: a number at depth ${depth}, expected depth ${expected.length}`);
      out.push(checkNumber(v, out.length));
    }
  };
  walk(values, 0, inferShape(values));
  return out;
}

function checkNumber(v: unknown, index: number): number {
  if (typeof v !== 'number') throw new ValueError(`tensor: values must be numbers, received ${typeof v} (${JSON.stringify(v)}) at index ${index}`);
  return v;
}

/** Wraps a handle that an export just returned, reading its shape and dtype from the store. */
export function wrap(op: string, handle: number): Tensor {
  const shape = Array.from(call(op, (w) => w.tensor_shape(handle)));
  const dtype: DType = call(op, (w) => w.tensor_dtype(handle)) === 0 ? 'float32' : 'int32';
  return new Tensor(handle, shape, dtype);
}
