/** The blocks of `units` columns of a cell's gate pre-activations `(batch, gates·units)`, in Keras's gate order. */
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';

export function splitGates(z: Tensor, gates: number, units: number): Tensor[] {
  const batch = z.shape[0]!;
  return Array.from({ length: gates }, (_, k) => ops.slice(z, [0, k * units], [batch, units]));
}
