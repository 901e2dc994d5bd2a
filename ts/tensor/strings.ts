/**
 * String tensors: a `'string'` dtype whose values stay in JavaScript. WebAssembly computes on
 * numbers only, so strings never cross into it: the layers that take text (StringLookup,
 * TextVectorization, Hashing, HashedCrossing) read `stringsOf(inputs)` and emit numeric
 * tensors. Batching (gathering rows, concatenating batches) is done here, in JavaScript.
 */
import { ValueError } from '../utils/errors.js';
import { inferShape } from './create.js';
import { type DType, type Shape, Tensor, formatShape } from './tensor.js';

/** Whether `values` (a value or nested arrays) holds a string at its first leaf, as `tensor()` infers the dtype. */
export function holdsStrings(values: unknown): boolean {
  let leaf = values;
  while (Array.isArray(leaf) && leaf.length > 0) leaf = leaf[0];
  return typeof leaf === 'string';
}

/** A string tensor from a string or nested arrays of strings; `shape` reshapes the flat values. */
export function stringTensor(values: unknown, shape?: Shape, dtype: DType = 'string'): Tensor {
  if (dtype !== 'string') throw new ValueError(`tensor: strings cannot make a tensor of dtype ${dtype}. Strings become numbers through a StringLookup, TextVectorization or Hashing layer.`);
  const inferred = inferShape(values);
  const flat = flattenStrings(values, inferred);
  const finalShape = shape ?? inferred;
  const size = finalShape.reduce((a, b) => a * b, 1);
  if (size !== flat.length) throw new ValueError(`tensor: the shape ${formatShape(finalShape)} holds ${size} values, but ${flat.length} were given`);
  return new Tensor(flat, [...finalShape], 'string');
}

/** The values of a string tensor, row-major (read-only). Throws, naming `what`, for a numeric tensor. */
export function stringsOf(t: Tensor, what = 'The input'): readonly string[] {
  if (t.dtype !== 'string') throw new ValueError(`${what} must be a string tensor, received dtype ${t.dtype} (shape ${formatShape(t.shape)}).`);
  return t.stringValues;
}

/** Rows `indices` (along axis 0) of a string tensor: how batches of string data are gathered. */
export function gatherStrings(t: Tensor, indices: ArrayLike<number>): Tensor {
  const values = t.stringValues;
  const row = t.shape.slice(1).reduce((a, b) => a * b, 1);
  const out: string[] = new Array(indices.length * row);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i]! * row;
    for (let j = 0; j < row; j++) out[i * row + j] = values[from + j]!;
  }
  return new Tensor(out, [indices.length, ...t.shape.slice(1)], 'string');
}

/** String tensors joined along axis 0 (their other dimensions must agree): batches into one result. */
export function concatStrings(parts: readonly Tensor[]): Tensor {
  const rest = parts[0]!.shape.slice(1);
  for (const p of parts) {
    if (p.shape.slice(1).join() !== rest.join()) throw new ValueError(`concatenate: string tensors of shapes ${parts.map((q) => formatShape(q.shape)).join(', ')} differ beyond axis 0`);
  }
  const values = parts.flatMap((p) => p.stringValues);
  return new Tensor(values, [parts.reduce((n, p) => n + p.shape[0]!, 0), ...rest], 'string');
}

/** A string tensor with the same values and a new shape of the same size. */
export function reshapeStrings(t: Tensor, shape: Shape): Tensor {
  if (shape.reduce((a, b) => a * b, 1) !== t.size) throw new ValueError(`Cannot reshape a string tensor of shape ${formatShape(t.shape)} into shape ${formatShape(shape)}`);
  return new Tensor([...t.stringValues], [...shape], 'string');
}

function flattenStrings(values: unknown, shape: Shape): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (Array.isArray(v)) {
      if (v.length !== shape[depth]) throw new ValueError(`tensor: nested arrays are ragged at depth ${depth}: expected length ${shape[depth]}, received ${v.length}`);
      for (const item of v) walk(item, depth + 1);
    } else {
      if (depth !== shape.length) throw new ValueError(`tensor: nested arrays are ragged: a value at depth ${depth}, expected depth ${shape.length}`);
      if (typeof v !== 'string') throw new ValueError(`tensor: a string tensor's values must all be strings, received ${typeof v} (${JSON.stringify(v)}) at index ${out.length}`);
      out.push(v);
    }
  };
  walk(values, 0);
  return out;
}
