/**
 * The axes that LayerNormalization and RMSNormalization normalize over, as Keras's `build`
 * settles them: sorted as given (negative ones first), and the shape of the weights they
 * scale by, one size per axis in that order.
 */
import { canonicalAxes } from '../../arguments/axis.js';
import { type Layer, classNameOf } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape } from '../../utils/python_repr.js';

/** `axis` sorted, and the weight shape over `inputShape`; Keras's message for an axis outside it, `layer`'s name for an unknown size. */
export function normalizedAxes(axis: number | number[], inputShape: SymbolicShape, layer: Layer): { axes: number[]; shape: number[] } {
  canonicalAxes(axis, inputShape);
  const axes = Array.isArray(axis) ? [...axis].sort((a, b) => a - b) : [axis];
  const shape = canonicalAxes(axes, inputShape).map((a) => inputShape[a]);
  if (shape.some((d) => d === null || d === undefined)) {
    throw new ValueError(`Layer "${layer.name}": the normalized axes ${JSON.stringify(axes)} of the inputs to ${classNameOf(layer)} should be defined. Received input shape ${formatShape(inputShape)}`);
  }
  return { axes, shape: shape as number[] };
}
