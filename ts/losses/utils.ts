/** Shape and dtype alignment shared by the losses, as Keras's `squeeze_or_expand_to_same_rank`. */
import * as ops from '../ops/index.js';
import { type Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';

/** Keras's backend epsilon: probabilities are clipped to [EPSILON, 1 - EPSILON] before a log. */
export const EPSILON = 1e-7;

/** Drops a trailing dimension of 1 from whichever of `a`, `b` has one rank more than the other. */
export function squeezeOrExpandToSameRank(a: Tensor, b: Tensor): [Tensor, Tensor] {
  if (a.rank === b.rank + 1 && a.shape[a.rank - 1] === 1) return [ops.reshape(a, a.shape.slice(0, -1)), b];
  if (b.rank === a.rank + 1 && b.shape[b.rank - 1] === 1) return [a, ops.reshape(b, b.shape.slice(0, -1))];
  return [a, b];
}

/** `yTrue` as float32 with `yPred`'s rank, as Keras converts targets to the prediction's dtype. */
export function alignTargets(yTrue: Tensor, yPred: Tensor): [Tensor, Tensor] {
  const t = yTrue.dtype === 'float32' ? yTrue : ops.cast(yTrue, 'float32');
  return squeezeOrExpandToSameRank(t, yPred);
}

/** Throws Keras's message unless `target` and `output` have the same shape. */
export function checkSameShape(target: Tensor, output: Tensor): void {
  if (target.rank !== output.rank || target.shape.some((d, i) => d !== output.shape[i])) {
    throw new ValueError(
      `Arguments \`target\` and \`output\` must have the same shape. Received: target.shape=${formatShape(target.shape)}, output.shape=${formatShape(output.shape)}`,
    );
  }
}

/**
 * Throws, naming the loss, unless `target` and `output` broadcast together: element-wise losses
 * let targets of shape (n, 1) meet predictions of shape (n, k), as Keras's do.
 */
export function checkBroadcastable(loss: string, target: Tensor, output: Tensor): void {
  const rank = Math.max(target.rank, output.rank);
  for (let i = 1; i <= rank; i++) {
    const a = target.shape[target.rank - i] ?? 1;
    const b = output.shape[output.rank - i] ?? 1;
    if (a !== b && a !== 1 && b !== 1) {
      throw new ValueError(`${loss}: targets of shape ${formatShape(target.shape)} and predictions of shape ${formatShape(output.shape)} cannot be broadcast together`);
    }
  }
}

/**
 * `x ** exponent` for `x >= 0`, as `keras.ops.power` in the focal losses: whole exponents 1 to 4 by
 * multiplication; others as `exp(exponent * log(x))`, with `0 ** exponent` (and a zero gradient)
 * where `x` is 0, so that no NaN reaches the gradient.
 */
export function power(x: Tensor, exponent: number): Tensor {
  if (Number.isInteger(exponent) && exponent >= 1 && exponent <= 4) {
    let result = x;
    for (let i = 1; i < exponent; i++) result = ops.multiply(result, x);
    return result;
  }
  const isZero = ops.equal(x, 0);
  const safe = ops.where(isZero, 1, x);
  return ops.where(isZero, exponent === 0 ? 1 : 0, ops.exp(ops.multiply(ops.log(safe), exponent)));
}
