/** Keras's `ops.divide_no_nan`, which the confusion metrics' results are made of. */
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';

/** `a / b`, and 0 where `b` is 0 (a threshold at which nothing was counted yet). */
export function divideNoNan(a: Tensor, b: Tensor): Tensor {
  const zero = ops.equal(b, 0);
  return ops.where(zero, 0, ops.divide(a, ops.where(zero, 1, b)));
}
