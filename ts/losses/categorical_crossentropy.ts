/** Categorical cross-entropy over one-hot targets, from probabilities or from logits (log-softmax). */
import { type KerasArgs, onlyDefault, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import type { LossArgs } from './loss.js';
import { LossFunctionWrapper } from './loss_function_wrapper.js';
import { EPSILON, alignTargets, checkSameShape } from './utils.js';

/** Options of the categorical cross-entropies. */
export interface CategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
}

/**
 * `-sum(target * log(p), axis=-1)` with `p` the predictions renormalised to sum to 1 and clipped
 * to [1e-7, 1 - 1e-7] as Keras's backend does, or `log_softmax(logits)` when `fromLogits`.
 */
export function crossentropyFromOneHot(target: Tensor, output: Tensor, fromLogits: boolean): Tensor {
  const logProbs = fromLogits ? ops.logSoftmax(output, -1) : ops.log(ops.clip(ops.divide(output, ops.sum(output, -1, true)), EPSILON, 1 - EPSILON));
  return ops.negative(ops.sum(ops.multiply(target, logProbs), -1));
}

/** Per-sample categorical cross-entropy, as `keras.losses.categorical_crossentropy`. */
export function categoricalCrossentropy(yTrue: Tensor, yPred: Tensor, options: CategoricalCrossentropyOptions & { labelSmoothing?: number } = {}): Tensor {
  let [t, p] = alignTargets(yTrue, yPred);
  checkSameShape(t, p);
  const smoothing = options.labelSmoothing ?? 0;
  if (smoothing) t = ops.add(ops.multiply(t, 1 - smoothing), smoothing / p.shape[p.rank - 1]!);
  return crossentropyFromOneHot(t, p, options.fromLogits ?? false);
}

/** Options of `CategoricalCrossentropy`. */
export interface CategoricalCrossentropyArgs extends LossArgs, CategoricalCrossentropyOptions {
  /** In [0, 1]: targets are smoothed towards the uniform distribution by this amount. Default 0. */
  labelSmoothing?: number;
  /** The class axis; kerasm computes over the last one, so only -1 is taken. */
  axis?: -1;
}

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
    fromLogits: false, labelSmoothing: 0, axis: onlyDefault(-1 as const), reduction: 'sum_over_batch_size', name: 'categorical_crossentropy', dtype: null,
  });
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: -1;

  constructor(...args: KerasArgs<[fromLogits: boolean, labelSmoothing: number], CategoricalCrossentropyArgs>) {
    const a = CategoricalCrossentropy.signature.resolve(args, new.target);
    const { fromLogits, labelSmoothing } = a;
    super((t, p) => categoricalCrossentropy(t, p, { fromLogits, labelSmoothing }), a.reduction, a.name, a.dtype);
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = a.axis;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, label_smoothing: this.labelSmoothing, axis: this.axis };
  }
}
