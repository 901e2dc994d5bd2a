/**
 * The masks attention layers combine, as float 0/1 tensors (1: may attend): a causal mask, and
 * the conjunction of several masks that broadcast against each other (Keras's `&` of booleans).
 */
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';

/** Keras's causal mask `(1, T, S)`: query position `i` sees key positions `j <= i`. */
export function causalMask(queryLength: number, keyLength: number): Tensor {
  const rows = ops.reshape(ops.arange(queryLength), [1, queryLength, 1]);
  const columns = ops.reshape(ops.arange(keyLength), [1, 1, keyLength]);
  return ops.cast(ops.greaterEqual(rows, columns), 'float32');
}

/** The conjunction of the given masks (each cast to float 0/1, broadcast together), or null when none is given. */
export function allOf(masks: (Tensor | null | undefined)[]): Tensor | null {
  const given = masks.filter((m): m is Tensor => m !== null && m !== undefined).map((m) => ops.cast(ops.notEqual(m, 0), 'float32'));
  return given.length === 0 ? null : given.reduce((a, b) => ops.multiply(a, b));
}
