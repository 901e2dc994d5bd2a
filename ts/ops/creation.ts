/**
 * New tensors, as in `keras.ops`: `zeros`, `ones` and `arange`. They take no tensor, so they are
 * concrete even while a Functional model is being built: combined with KerasTensors they become
 * constants of the graph, as in Keras (which has no op class for them either).
 */
import { numericDtype, standardizeDtype } from '../arguments/dtype.js';
import { upload } from '../tensor/create.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';

/** `shape` as a list of sizes; one integer is a 1-D shape, as NumPy and Keras take it. */
function dims(op: string, shape: unknown): number[] {
  const sizes = typeof shape === 'number' ? [shape] : shape;
  const ok = Array.isArray(sizes) && sizes.every((d) => Number.isInteger(d) && d >= 0 && d <= 0x7fffffff);
  if (!ok) throw new ValueError(`${op}: \`shape\` must be an integer or an array of non-negative integers, received ${pythonRepr(shape)}`);
  return sizes as number[];
}

function filled(op: string, shape: number | number[], value: number, dtype: DType | null): Tensor {
  const d = dims(op, shape);
  return upload(new Array<number>(d.reduce((n, s) => n * s, 1)).fill(value), d, numericDtype(standardizeDtype(dtype), op));
}

/** A tensor of `shape` (sizes, or one size) filled with 0 (float32 unless `dtype` says otherwise). */
export function zeros(shape: number | number[], dtype: DType | null = null): Tensor {
  return filled('zeros', shape, 0, dtype);
}

/** A tensor of `shape` (sizes, or one size) filled with 1 (float32 unless `dtype` says otherwise). */
export function ones(shape: number | number[], dtype: DType | null = null): Tensor {
  return filled('ones', shape, 1, dtype);
}

/**
 * `[start, start + step, …]` below `stop` (`arange(n)` counts from 0 to n - 1), as
 * `keras.ops.arange`. The dtype is int32 when every bound is an integer, else float32 (JavaScript
 * cannot tell Python's `3` from `3.0`), unless `dtype` is given.
 */
export function arange(start: number, stop: number | null = null, step = 1, dtype: DType | null = null): Tensor {
  const [from, to] = stop === null ? [0, start] : [start, stop];
  for (const [name, v] of [['start', from], ['stop', to], ['step', step]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValueError(`arange: \`${name}\` must be a finite number, received ${String(v)}`);
  }
  if (step === 0) throw new ValueError('arange: `step` must not be 0');
  const length = Math.max(0, Math.ceil((to - from) / step));
  const values = Array.from({ length }, (_, i) => from + i * step);
  const inferred: DType = [from, to, step].every(Number.isInteger) ? 'int32' : 'float32';
  return upload(values, [length], dtype === null ? inferred : numericDtype(standardizeDtype(dtype), 'arange'));
}
