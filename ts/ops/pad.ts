/**
 * `pad`, as `keras.ops.pad` with `mode='constant'`: blocks of the constant are joined to each side
 * of each padded axis with `concatenate`, so the gradient with respect to `x` is the matching
 * slice of the output gradient (concatenate's backward). On a KerasTensor it records Keras's
 * `Pad` node (the constant is the call's `constant_values` keyword, as Keras passes it).
 */
import { REQUIRED, signature } from '../arguments/signature.js';
import { call } from '../runtime/binding.js';
import { type Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { add } from './elementwise.js';
import { concatenate } from './shape.js';
import { type TensorArg, requireTensor } from './operands.js';
import { wrap } from '../tensor/create.js';
import { type OpResult, defineOp } from './symbolic/op.js';

/** Options of `pad`. */
export interface PadOptions {
  /** Only 'constant' is supported (Keras's default). */
  mode?: 'constant';
  /** The value of the padded entries. Default 0. */
  constantValues?: number | null;
}

type PadWidth = number | [number, number] | [number, number][];

interface PadConfig {
  padWidth: PadWidth;
  mode: 'constant';
}

const Pad = defineOp<[x: Tensor], { constant_values: number | null }, PadConfig>({
  className: 'Pad', module: 'keras.src.ops.numpy',
  config: signature<PadConfig>()({ padWidth: REQUIRED, mode: 'constant' }),
  compute: ([x], { constant_values: value }, { padWidth, mode }) => padConstant(requireTensor(x, 'x', 'pad'), padWidth, mode, value ?? 0),
  outputSpec: ([x], { constant_values: value }, { padWidth, mode }) => {
    checkMode(mode, value ?? 0);
    const widths = padWidths(padWidth, x.shape);
    return { shape: x.shape.map((d, i) => (d === null ? null : d + widths[i]![0] + widths[i]![1])), dtype: x.dtype };
  },
});

/**
 * `x` with `padWidth[i][0]` entries before and `padWidth[i][1]` after axis `i`. `padWidth` is one
 * `[before, after]` pair per axis, a single pair used for every axis, or a single integer.
 */
export function pad<X extends TensorArg>(x: X, padWidth: PadWidth, options: PadOptions = {}): OpResult<X> {
  return Pad.invoke({ padWidth, mode: options.mode ?? 'constant' }, [x], { constant_values: options.constantValues ?? null });
}

function checkMode(mode: unknown, value: unknown): void {
  if (mode !== 'constant') throw new ValueError(`pad: only mode='constant' is supported, received mode=${String(mode)}`);
  if (typeof value !== 'number') throw new ValueError(`pad: 'constantValues' must be a number, received ${String(value)}`);
}

function padConstant(t: Tensor, padWidth: PadWidth, mode: unknown, value: number): Tensor {
  checkMode(mode, value);
  const widths = padWidths(padWidth, t.shape);
  let y = t;
  widths.forEach(([before, after], axis) => {
    if (before === 0 && after === 0) return;
    const block = (n: number) => {
      const shape = y.shape.map((d, i) => (i === axis ? n : d));
      const dims = Uint32Array.from(shape);
      const zeros = wrap('pad', call('pad', (w) => (t.dtype === 'int32' ? w.alloc_i32(dims) : w.alloc_f32(dims))));
      return value === 0 ? zeros : add(zeros, value);
    };
    const parts = [...(before > 0 ? [block(before)] : []), y, ...(after > 0 ? [block(after)] : [])];
    y = concatenate(parts, axis);
  });
  return y === t ? concatenate([t], 0) : y;
}

/** One `[before, after]` pair of non-negative integers per axis of `shape`. */
function padWidths(padWidth: unknown, shape: readonly (number | null)[]): [number, number][] {
  const rank = shape.length;
  const bad = () => new ValueError(`pad: 'pad_width' must be an int, a pair [before, after] or one pair per axis of an input of shape ${formatShape(shape)}; received ${JSON.stringify(padWidth)}`);
  const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
  let pairs: unknown[];
  if (isCount(padWidth)) pairs = Array.from({ length: rank }, () => [padWidth, padWidth]);
  else if (Array.isArray(padWidth) && padWidth.length === 2 && padWidth.every(isCount)) pairs = Array.from({ length: rank }, () => padWidth);
  else if (Array.isArray(padWidth) && padWidth.length === rank) pairs = padWidth;
  else throw bad();
  return pairs.map((p) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every(isCount)) throw bad();
    const [before, after] = p as [number, number];
    if (before < 0 || after < 0) throw new ValueError(`pad: padding widths must be non-negative, received ${JSON.stringify(padWidth)}`);
    return [before, after];
  });
}
