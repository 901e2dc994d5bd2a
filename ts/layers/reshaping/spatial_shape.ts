/**
 * Output shapes of the layers that resize spatial axes (padding, cropping, up-sampling), and
 * Keras's check that a cropping leaves something of each axis.
 */
import type { SymbolicShape } from '../../engine/shape.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';

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
