/** The Tversky loss: the Dice loss with false positives and false negatives weighted apart. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { type OverlapAxis, overlapOperands } from './dice.js';
import type { LossArgs, Reduction } from './loss.js';
import { LossFunctionWrapper } from './loss_function_wrapper.js';
import { EPSILON } from './utils.js';

/** Options of the Tversky loss. */
export interface TverskyOptions {
  /** The weight of false positives. Default 0.5. */
  alpha?: number;
  /** The weight of false negatives. Default 0.5 (with `alpha` 0.5: the Dice loss). */
  beta?: number;
  /** The axes to sum over. Default null: every axis, so the whole batch gives one value. */
  axis?: OverlapAxis;
}

/**
 * `1 - tp / (tp + alpha * fp + beta * fn + 1e-7)` with `tp = sum(yTrue * yPred)`,
 * `fp = sum((1 - yPred) * yTrue)` and `fn = sum(yPred * (1 - yTrue))` over `axis`, as
 * `keras.losses.tversky` (its `fp` and `fn` are named so, though they count misses and false alarms).
 */
export function tversky(yTrue: Tensor, yPred: Tensor, options: TverskyOptions = {}): Tensor {
  const [t, p] = overlapOperands('tversky', yTrue, yPred);
  const axis = options.axis ?? null;
  const intersection = ops.sum(ops.multiply(t, p), axis);
  const fp = ops.sum(ops.multiply(ops.subtract(1, p), t), axis);
  const fn = ops.sum(ops.multiply(p, ops.subtract(1, t)), axis);
  const denominator = ops.add(ops.add(ops.add(intersection, ops.multiply(fp, options.alpha ?? 0.5)), ops.multiply(fn, options.beta ?? 0.5)), EPSILON);
  return ops.subtract(1, ops.divide(intersection, denominator));
}

/** Options of `Tversky`. */
export interface TverskyArgs extends LossArgs, TverskyOptions {}

/**
 * The Tversky loss between targets and predictions, as `keras.losses.Tversky`.
 *
 * @example
 * new Tversky(0.3, 0.7) // false negatives weigh more
 * new Tversky({ alpha: 0.3, beta: 0.7, axis: [1, 2] })
 */
export class Tversky extends LossFunctionWrapper {
  static override className = 'Tversky';
  static override readonly signature = signature<TverskyArgs>()({ alpha: 0.5, beta: 0.5, reduction: 'sum_over_batch_size', name: 'tversky', axis: null, dtype: null });
  readonly alpha: number;
  readonly beta: number;
  readonly axis: OverlapAxis;

  constructor(...args: KerasArgs<[alpha: number, beta: number, reduction: Reduction | null, name: string | null, axis: OverlapAxis, dtype: DType | null], TverskyArgs>) {
    const a = Tversky.signature.resolve(args, new.target);
    const { alpha, beta, axis } = a;
    super((t, p) => tversky(t, p, { alpha, beta, axis }), a.reduction, a.name, a.dtype);
    this.alpha = alpha;
    this.beta = beta;
    this.axis = axis;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha, beta: this.beta, axis: this.axis };
  }
}
