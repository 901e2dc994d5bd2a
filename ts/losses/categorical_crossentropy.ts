/** Categorical cross-entropy over one-hot targets, from probabilities or from logits (log-softmax). */
import { type KerasArgs, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import type { LossArgs } from './loss.js';
import { LossFunctionWrapper } from './loss_function_wrapper.js';
import { EPSILON, alignTargets, checkSameShape } from './utils.js';

/** Options of the categorical cross-entropies. */
export interface CategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** In [0, 1]: targets are smoothed towards the uniform distribution by this amount. Default 0. */
  labelSmoothing?: number;
  /** The class axis. Default -1. */
  axis?: number;
}

/** `p` along `axis` renormalised to sum to 1 and clipped to [1e-7, 1 - 1e-7], as Keras's backend does before a log. */
export function normalizedProbabilities(output: Tensor, axis: number): Tensor {
  return ops.clip(ops.divide(output, ops.sum(output, axis, true)), EPSILON, 1 - EPSILON);
}

/**
 * `-sum(target * log(p), axis)` with `p` the {@link normalizedProbabilities}, or
 * `log_softmax(logits)` when `fromLogits`.
 */
export function crossentropyFromOneHot(target: Tensor, output: Tensor, fromLogits: boolean, axis = -1): Tensor {
  const logProbs = fromLogits ? ops.logSoftmax(output, axis) : ops.log(normalizedProbabilities(output, axis));
  return ops.negative(ops.sum(ops.multiply(target, logProbs), axis));
}

/**
 * One-hot targets smoothed towards the uniform distribution by `smoothing`. The number of classes
 * is the size of the last axis whatever the class axis, as in Keras 3.15.1.
 */
export function smoothCategoricalLabels(target: Tensor, smoothing: number): Tensor {
  return smoothing ? ops.add(ops.multiply(target, 1 - smoothing), smoothing / target.shape[target.rank - 1]!) : target;
}

/** Per-sample categorical cross-entropy, as `keras.losses.categorical_crossentropy`. */
export function categoricalCrossentropy(yTrue: Tensor, yPred: Tensor, options: CategoricalCrossentropyOptions = {}): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkSameShape(t, p);
  return crossentropyFromOneHot(smoothCategoricalLabels(t, options.labelSmoothing ?? 0), p, options.fromLogits ?? false, options.axis ?? -1);
}

/** Options of `CategoricalCrossentropy`. */
export interface CategoricalCrossentropyArgs extends LossArgs, CategoricalCrossentropyOptions {}

/**
 * Cross-entropy between one-hot targets and predicted probabilities (or logits), as
 * `keras.losses.CategoricalCrossentropy`.
 *
 * @example
 * new CategoricalCrossentropy().apply(tensor([[0, 1, 0]]), tensor([[0.05, 0.95, 0]]))
 * new CategoricalCrossentropy(true, 0.1) // from logits, label smoothing 0.1
 */
export class CategoricalCrossentropy extends LossFunctionWrapper {
  static override className = 'CategoricalCrossentropy';
  static override readonly signature = signature<CategoricalCrossentropyArgs>()({
    fromLogits: false, labelSmoothing: 0, axis: -1, reduction: 'sum_over_batch_size', name: 'categorical_crossentropy', dtype: null,
  });
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(...args: KerasArgs<[fromLogits: boolean, labelSmoothing: number, axis: number], CategoricalCrossentropyArgs>) {
    const a = CategoricalCrossentropy.signature.resolve(args, new.target);
    const { fromLogits, labelSmoothing, axis } = a;
    super((t, p) => categoricalCrossentropy(t, p, { fromLogits, labelSmoothing, axis }), a.reduction, a.name, a.dtype);
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = a.axis;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, label_smoothing: this.labelSmoothing, axis: this.axis };
  }
}
