/**
 * `repeat`, as `keras.ops.repeat`: each slice of `x` along `axis` repeated, as a `take` with
 * repeated indices, so the gradient sums the copies (take's scatter-add).
 */
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { take } from './gather.js';
import { reshape } from './shape.js';
import { requireTensor } from './operands.js';

/**
 * `x` with each entry along `axis` repeated `repeats` times (or `repeats[i]` times for entry `i`).
 * With `axis` null, `x` is flattened first.
 */
export function repeat(x: Tensor, repeats: number | number[], axis: number | null = null): Tensor {
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
