/** Huber loss: quadratic for errors up to `delta`, linear beyond. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type LossArgs, LossFunctionWrapper } from './loss.js';
import { alignTargets, checkBroadcastable } from './utils.js';

/** Options of the Huber loss. */
export interface HuberOptions {
  /** Where the loss turns from quadratic to linear. Default 1. */
  delta?: number;
}

/**
 * The per-sample Huber loss over the last axis, as `keras.losses.huber`: with `e = yPred - yTrue`,
 * `0.5 * e²` where `|e| <= delta`, else `delta * |e| - 0.5 * delta²`.
 */
export function huber(yTrue: Tensor, yPred: Tensor, options: HuberOptions = {}): Tensor {
  const delta = checkDelta(options.delta ?? 1);
  const [t, p] = alignTargets(yTrue, yPred);
  checkBroadcastable('huber', t, p);
  const error = ops.subtract(p, t);
  const absError = ops.abs(error);
  const quadratic = ops.multiply(ops.square(error), 0.5);
  const linear = ops.subtract(ops.multiply(absError, delta), 0.5 * delta * delta);
  return ops.mean(ops.where(ops.lessEqual(absError, delta), quadratic, linear), -1);
}

/** Keras converts `delta` to a tensor without checking it; a non-number here is a caller's slip worth naming. */
function checkDelta(delta: unknown): number {
  if (typeof delta !== 'number' || !Number.isFinite(delta)) {
    throw new ValueError(`Huber: \`delta\` must be a finite number. Received: delta=${JSON.stringify(delta) ?? String(delta)}`);
  }
  return delta;
}

/**
 * The Huber loss between targets and predictions, as `keras.losses.Huber`. Its config keeps
 * `delta` (Keras 3.15.1 leaves it out of `get_config`, but accepts it back in `from_config`).
 *
 * @example
 * new Huber({ delta: 0.5 }).apply(yTrue, yPred)
 */
export class Huber extends LossFunctionWrapper {
  static readonly className: string = 'Huber';

  constructor(args: LossArgs & HuberOptions = {}) {
    const delta = checkDelta(args.delta ?? 1);
    super((t, p) => huber(t, p, { delta }), args, 'huber_loss', { delta });
  }
}
