/**
 * Keras's argument forms for the spatial padding and cropping layers (`ZeroPadding2D/3D`,
 * `Cropping2D/3D`): an int, one int per spatial axis, or one `[before, after]` pair per axis,
 * with Keras's messages.
 */

import type { SymbolicShape } from '../../engine/shape.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import { standardizeTuple } from '../../arguments/tuples.js';

const ORDINALS = ['1st', '2nd', '3rd'];

/** The `[before, after]` pairs of `value` for `n` (2 or 3) spatial axes; `arg` is 'padding' or 'cropping'. */
export function standardizePairs(value: unknown, n: 2 | 3, arg: 'padding' | 'cropping'): [number, number][] {
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (arg === 'cropping' && value < 0) throw new ValueError(`\`cropping\` cannot be negative. Received: cropping=${value}.`);
    return Array.from({ length: n }, () => [value, value]);
  }
  if (Array.isArray(value)) {
    if (value.length !== n) {
      throw new ValueError(n === 2 ? `\`${arg}\` should have two elements. Received: ${arg}=${pythonStr(value, 'tuple')}.` : `\`${arg}\` should have 3 elements. Received: ${pythonStr(value, 'tuple')}.`);
    }
    return value.map((entry, i) => standardizeTuple(entry, 2, `${ORDINALS[i]} entry of ${arg}`, true) as [number, number]);
  }
  const verb = arg === 'padding' ? 'pad' : 'crop';
  const forms = n === 2
    ? `a tuple of 2 ints (symmetric_height_crop, symmetric_width_crop), or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), (left_crop, right_crop))`
    : `a tuple of 3 ints (symmetric_dim1_${verb}, symmetric_dim2_${verb}, symmetric_dim3_${verb}), or a tuple of 3 tuples of 2 ints ((left_dim1_${verb}, right_dim1_${verb}), (left_dim2_${verb}, right_dim2_${verb}), (left_dim3_${verb}, right_dim2_${verb}))`;
  const received = n === 3 && arg === 'cropping' ? pythonStr(value, 'tuple') : `${arg}=${pythonStr(value, 'tuple')}`;
  throw new ValueError(`\`${arg}\` should be either an int, ${forms}. Received: ${received}.`);
}

/** The axes of the spatial dimensions of a rank-`rank` input in `dataFormat`. */
export function spatialAxes(rank: number, dataFormat: 'channels_last' | 'channels_first'): number[] {
  const first = dataFormat === 'channels_first' ? 2 : 1;
  return Array.from({ length: rank - 2 }, (_, i) => first + i);
}

/** `inputShape` with each spatial axis `i` changed by `f(size, i)` (unknown sizes stay unknown). */
export function mapSpatial(inputShape: SymbolicShape, axes: number[], f: (size: number, i: number) => number): SymbolicShape {
  const out = [...inputShape];
  axes.forEach((axis, i) => {
    const d = out[axis];
    if (d !== null && d !== undefined) out[axis] = f(d, i);
  });
  return out;
}

/** Keras's check that the cropping of each spatial axis leaves at least one entry. */
export function checkCropping(shape: SymbolicShape, axes: number[], cropping: [number, number][], what: 'input_shape' | 'inputs.shape'): void {
  const tooLarge = axes.some((axis, i) => {
    const d = shape[axis];
    return d !== null && d !== undefined && cropping[i]![0] + cropping[i]![1] >= d;
  });
  if (tooLarge) {
    throw new ValueError(`Values in \`cropping\` argument should be smaller than the corresponding spatial dimension of the input. Received: ${what}=${pythonStr(shape, 'tuple')}, cropping=${pythonStr(cropping, 'tuple')}`);
  }
}
