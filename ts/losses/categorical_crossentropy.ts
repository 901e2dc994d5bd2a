/** Categorical cross-entropy over one-hot targets, from probabilities or from logits (log-softmax). */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LossArgs, LossFunctionWrapper } from './loss.js';
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

/**
 * Cross-entropy between one-hot targets and predicted probabilities (or logits), as
 * `keras.losses.CategoricalCrossentropy`.
 *
 * @example
 * new CategoricalCrossentropy().apply(tensor([[0, 1, 0]]), tensor([[0.05, 0.95, 0]]))
 */
export class CategoricalCrossentropy extends LossFunctionWrapper {
  static readonly className: string = 'CategoricalCrossentropy';

  constructor(args: LossArgs & CategoricalCrossentropyOptions & { labelSmoothing?: number } = {}) {
    const fromLogits = args.fromLogits ?? false;
    const labelSmoothing = args.labelSmoothing ?? 0;
    super((t, p) => categoricalCrossentropy(t, p, { fromLogits, labelSmoothing }), args, 'categorical_crossentropy', {
      from_logits: fromLogits,
      label_smoothing: labelSmoothing,
      axis: -1,
    });
  }
}
