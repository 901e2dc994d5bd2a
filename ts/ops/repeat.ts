/**
 * `repeat`, as `keras.ops.repeat`: each slice of `x` along `axis` repeated, as a `take` with
 * repeated indices, so the gradient sums the copies (take's scatter-add). On a KerasTensor it
 * records Keras's `Repeat` node.
 */
import { REQUIRED, signature } from '../arguments/signature.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';
import { take } from './gather.js';
import { reshape } from './shape.js';
import { type TensorArg, requireTensor } from './operands.js';
import { type OpResult, defineOp } from './symbolic/op.js';

interface RepeatConfig {
  repeats: number | number[];
  axis: number | null;
}

function repeatValues(x: Tensor, repeats: number | number[], axis: number | null): Tensor {
  const t = requireTensor(x, 'x', 'repeat');
  const flat = axis === null || axis === undefined;
  const input = flat ? reshape(t, [-1]) : t;
  const rank = input.shape.length;
  if (!flat && (!Number.isInteger(axis) || axis! < -rank || axis! >= rank)) {
    throw new ValueError(`repeat: 'axis' ${String(axis)} is out of bounds for a tensor of rank ${rank}`);
  }
  const ax = flat ? 0 : axis! < 0 ? axis! + rank : axis!;
  const n = input.shape[ax]!;
  const counts = typeof repeats === 'number' ? Array<number>(n).fill(repeats) : repeats;
  if (!Array.isArray(counts) || counts.length !== n || !counts.every((c) => Number.isInteger(c) && c >= 0)) {
    throw new ValueError(`repeat: 'repeats' must be a non-negative integer or one per entry of axis ${ax} (${n} entries), received ${JSON.stringify(repeats)}`);
  }
  const indices: number[] = [];
  counts.forEach((c, i) => { for (let k = 0; k < c; k++) indices.push(i); });
  return take(input, indices, ax);
}

/** Keras's `Repeat` shape: the repeated axis (the flattened size when `axis` is null) grows; unknown sizes stay unknown. */
function repeatedShape(shape: readonly (number | null)[], repeats: number | number[], axis: number | null): (number | null)[] {
  const counts = typeof repeats === 'number' ? [repeats] : repeats;
  const total = counts.reduce((a, b) => a + b, 0);
  if (axis === null) {
    if (shape.includes(null)) return [null];
    const size = shape.reduce<number>((n, d) => n * d!, 1);
    if (counts.length !== 1 && counts.length !== size) {
      throw new ValueError(`Size of \`repeats\` and dimensions of \`x\` after flattening should be compatible. Received: ${counts.length} and ${size}`);
    }
    return [counts.length === 1 ? size * counts[0]! : total];
  }
  const ax = axis < 0 ? axis + shape.length : axis;
  const size = shape[ax];
  if (size === null || size === undefined) return [...shape];
  if (counts.length !== 1 && counts.length !== size) {
    throw new ValueError(`Size of \`repeats\` and dimensions of \`axis ${axis} of x\` should be compatible. Received: ${counts.length} and ${pythonRepr(shape)}`);
  }
  return shape.map((d, i) => (i === ax ? (counts.length === 1 ? size * counts[0]! : total) : d));
}

const Repeat = defineOp<[x: Tensor], Record<string, never>, RepeatConfig>({
  className: 'Repeat', module: 'keras.src.ops.numpy',
  config: signature<RepeatConfig>()({ repeats: REQUIRED, axis: null }),
  compute: ([x], _, { repeats, axis }) => repeatValues(x, repeats, axis),
  outputSpec: ([x], _, { repeats, axis }) => ({ shape: repeatedShape(x.shape, repeats, axis), dtype: x.dtype }),
});

/**
 * `x` with each entry along `axis` repeated `repeats` times (or `repeats[i]` times for entry `i`).
 * With `axis` null, `x` is flattened first.
 */
export function repeat<X extends TensorArg>(x: X, repeats: number | number[], axis: number | null = null): OpResult<X> {
  return Repeat.invoke({ repeats, axis: axis ?? null }, [x]);
}
