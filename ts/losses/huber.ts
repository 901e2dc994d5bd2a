/** Huber loss: quadratic for errors up to `delta`, linear beyond. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { LossArgs, Reduction } from './loss.js';
import { LossFunctionWrapper } from './loss_function_wrapper.js';
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

/** Options of `Huber`. */
export interface HuberArgs extends LossArgs, HuberOptions {}

/**
 * The Huber loss between targets and predictions, as `keras.losses.Huber`.
 *
 * @example
 * new Huber(0.5).apply(yTrue, yPred)
 * new Huber({ delta: 0.5, reduction: 'sum' }).apply(yTrue, yPred)
 */
export class Huber extends LossFunctionWrapper {
  static override className = 'Huber';
  static override readonly signature = signature<HuberArgs>()({ delta: 1, reduction: 'sum_over_batch_size', name: 'huber_loss', dtype: null });
  readonly delta: number;

  constructor(...args: KerasArgs<[delta: number, reduction: Reduction | null, name: string | null], HuberArgs>) {
    const a = Huber.signature.resolve(args, new.target);
    const delta = checkDelta(a.delta);
    super((t, p) => huber(t, p, { delta }), a.reduction, a.name, a.dtype);
    this.delta = delta;
  }

  /**
   * Keras 3.15.1 leaves `delta` out of its config, so a delta other than 1 is lost on reload there;
   * ours keeps such a delta (Keras's `from_config` reads it back) and is Keras's otherwise.
   */
  override getConfig(): Record<string, unknown> {
    return this.delta === Huber.signature.defaultOf('delta') ? super.getConfig() : { ...super.getConfig(), delta: this.delta };
  }
}
