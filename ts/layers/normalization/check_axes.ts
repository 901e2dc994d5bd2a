/** The axis check that LayerNormalization and RMSNormalization share, with Keras's message. */
import type { SymbolicShape } from '../../engine/shape.js';
import { formatShape } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

/** Throws when an axis of `axis` (one or several, negative from the end) is outside `inputShape`. */
export function checkAxes(axis: number | number[], inputShape: SymbolicShape): void {
  for (const a of Array.isArray(axis) ? axis : [axis]) {
    if (a >= inputShape.length || a < -inputShape.length) {
      throw new ValueError(`Axis ${a} is out of bounds for input shape ${formatShape(inputShape)}. Received: axis=${Array.isArray(axis) ? `[${axis.join(', ')}]` : axis}`);
    }
  }
}
