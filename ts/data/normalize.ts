/**
 * `normalize`, as `keras.utils.normalize`: `x` divided by its `order`-norm along `axis`. Keras
 * takes two paths and so does this: arrays follow NumPy's (a zero norm divides by 1), Tensors
 * `ops.normalize`'s (the norm is at least `epsilon`, 1e-7). Both give float32.
 */
import { tensor } from '../tensor/create.js';
import { type NestedArray, Tensor, type TypedArray } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';

const EPSILON = 1e-7;

/**
 * @example
 * utils.normalize([[3, 4]]);   // [[0.6, 0.8]]
 */
export function normalize(x: Tensor | TypedArray | NestedArray, axis = -1, order = 2): Tensor {
  if (!Number.isInteger(order) || order < (x instanceof Tensor ? 1 : 0)) throw new ValueError(`Argument \`order\` must be an int >= 1. Received: order=${order}`);
  const input = x instanceof Tensor ? x : tensor(x);
  const shape = input.shape;
  const values = Float32Array.from(input.dataSync());
  if (!(x instanceof Tensor)) input.dispose();
  const rank = shape.length;
  const ax = axis < 0 ? axis + rank : axis;
  if (ax < 0 || ax >= rank) throw new ValueError(`axis ${axis} is out of bounds for array of dimension ${rank}`);
  const norms = normsAlong(values, shape, ax, order);
  // NumPy's path divides by 1 where the norm is 0; the ops path by at least epsilon.
  if (!(x instanceof Tensor)) norms.values.forEach((n, i) => n === 0 && (norms.values[i] = 1));
  const floor = x instanceof Tensor ? EPSILON : 0;
  // NumPy's path puts the norms back at axis `axis or -1`: for axis 0 that is the last axis, as Keras does.
  const at = x instanceof Tensor || ax !== 0 ? ax : rank - 1;
  const divisors = broadcastIndex(shape, norms.shape, at);
  for (let i = 0; i < values.length; i++) values[i] = values[i]! / Math.max(norms.values[divisors(i)]!, floor);
  return tensor(values, shape);
}

/** The norms of the vectors along `axis`: values in row-major order of the shape without that axis. */
function normsAlong(values: Float32Array, shape: number[], axis: number, order: number): { values: Float64Array; shape: number[] } {
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const length = shape[axis]!;
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const norms = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      norms[o * inner + i] = vectorNorm(Array.from({ length }, (_, k) => values[o * length * inner + k * inner + i]!), order);
    }
  }
  return { values: norms, shape: shape.filter((_, k) => k !== axis) };
}

/**
 * For each flat index of `shape`, the index into norms of `normShape` once a unit axis is
 * inserted at `at` and broadcast against `shape` as NumPy would (refused where NumPy refuses).
 */
function broadcastIndex(shape: number[], normShape: number[], at: number): (flat: number) => number {
  const expanded = [...normShape.slice(0, at), 1, ...normShape.slice(at)];
  expanded.forEach((d, k) => {
    if (d !== 1 && d !== shape[k]) throw new ValueError(`operands could not be broadcast together with shapes (${shape.join(',')}) (${expanded.join(',')})`);
  });
  const strides = expanded.map((_, k) => expanded.slice(k + 1).reduce((a, b) => a * b, 1));
  return (flat) => {
    let index = 0;
    for (let k = shape.length - 1, rest = flat; k >= 0; k--) {
      const i = rest % shape[k]!;
      rest = Math.floor(rest / shape[k]!);
      if (expanded[k] !== 1) index += i * strides[k]!;
    }
    return index;
  };
}

/** NumPy's `linalg.norm` of a vector for an integer order (0: the count of non-zeros). */
function vectorNorm(v: number[], order: number): number {
  if (order === 0) return v.filter((e) => e !== 0).length;
  if (order === 1) return v.reduce((s, e) => s + Math.abs(e), 0);
  return Math.pow(v.reduce((s, e) => s + Math.abs(e) ** order, 0), 1 / order);
}
