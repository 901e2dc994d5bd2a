/** The Dice loss: one minus the overlap of targets and predictions, as used for segmentation masks. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import type { LossArgs, Reduction } from './loss.js';
import { LossFunctionWrapper } from './loss_function_wrapper.js';
import { EPSILON, alignTargets, checkBroadcastable } from './utils.js';

/** The axes the overlap losses sum over: one, several, or null for every axis (one value for the batch). */
export type OverlapAxis = number | number[] | null;

/** Options of the Dice loss. */
export interface DiceOptions {
  /** The axes to sum over. Default null: every axis, so the whole batch gives one value. */
  axis?: OverlapAxis;
}

/** `yTrue` as float32 beside `yPred`, for the overlap losses (Dice, Tversky). */
export function overlapOperands(loss: string, yTrue: Tensor, yPred: Tensor): [Tensor, Tensor] {
  const [t, p] = alignTargets(yTrue, yPred);
  checkBroadcastable(loss, t, p);
  return [t, p];
}

/**
 * `1 - 2 * sum(yTrue * yPred) / (sum(yTrue) + sum(yPred) + 1e-7)` over `axis`, as
 * `keras.losses.dice`.
 */
export function dice(yTrue: Tensor, yPred: Tensor, options: DiceOptions = {}): Tensor {
  const [t, p] = overlapOperands('dice', yTrue, yPred);
  const axis = options.axis ?? null;
  const intersection = ops.sum(ops.multiply(t, p), axis);
  const total = ops.add(ops.add(ops.sum(t, axis), ops.sum(p, axis)), EPSILON);
  return ops.subtract(1, ops.divide(ops.multiply(intersection, 2), total));
}

/** Options of `Dice`. */
export interface DiceArgs extends LossArgs, DiceOptions {}

/**
 * The Dice loss between targets and predictions, as `keras.losses.Dice`.
 *
 * @example
 * new Dice() // one value for the whole batch
 * new Dice({ axis: [1, 2, 3] }) // one value per image
 */
export class Dice extends LossFunctionWrapper {
  static override className = 'Dice';
  static override readonly signature = signature<DiceArgs>()({ reduction: 'sum_over_batch_size', name: 'dice', axis: null, dtype: null });
  readonly axis: OverlapAxis;

  constructor(...args: KerasArgs<[reduction: Reduction | null, name: string | null, axis: OverlapAxis, dtype: DType | null], DiceArgs>) {
    const a = Dice.signature.resolve(args, new.target);
    const { axis } = a;
    super((t, p) => dice(t, p, { axis }), a.reduction, a.name, a.dtype);
    this.axis = axis;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}
