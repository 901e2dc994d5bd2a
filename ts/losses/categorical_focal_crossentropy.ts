/** Categorical focal cross-entropy: the categorical cross-entropy down-weighted on well-classified samples. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import { tensor } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';
import { type CategoricalCrossentropyOptions, normalizedProbabilities, smoothCategoricalLabels } from './categorical_crossentropy.js';
import type { LossArgs } from './loss.js';
import { LossFunctionWrapper } from './loss_function_wrapper.js';
import { alignTargets, checkSameShape, power } from './utils.js';

/** Options of the categorical focal cross-entropy. */
export interface CategoricalFocalCrossentropyOptions extends CategoricalCrossentropyOptions {
  /** A weight on every class's term, or one weight per class (along the last axis), such as inverse class frequencies. Default 0.25. */
  alpha?: number | number[];
  /** The focusing parameter: `(1 - p) ** gamma` scales each term; 0 gives `alpha` × the cross-entropy. Default 2. */
  gamma?: number;
}

/**
 * Per-sample categorical focal cross-entropy, as `keras.losses.categorical_focal_crossentropy`:
 * `sum(alpha * (1 - p) ** gamma * -target * log(p), axis)` with `p` the predictions renormalised
 * and clipped (after a softmax when `fromLogits`).
 */
export function categoricalFocalCrossentropy(yTrue: Tensor, yPred: Tensor, options: CategoricalFocalCrossentropyOptions = {}): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkSameShape(t, p);
  const axis = options.axis ?? -1;
  const target = smoothCategoricalLabels(t, options.labelSmoothing ?? 0);
  const probs = normalizedProbabilities(options.fromLogits ? ops.softmax(p, axis) : p, axis);
  const crossentropy = ops.multiply(ops.negative(target), ops.log(probs));
  const alpha = options.alpha ?? 0.25;
  const weight = ops.multiply(power(ops.subtract(1, probs), options.gamma ?? 2), typeof alpha === 'number' ? alpha : tensor(alpha));
  return ops.sum(ops.multiply(weight, crossentropy), axis);
}

/** Options of `CategoricalFocalCrossentropy`. */
export interface CategoricalFocalCrossentropyArgs extends LossArgs, CategoricalFocalCrossentropyOptions {}

/**
 * Focal cross-entropy between one-hot targets and predicted probabilities (or logits), as
 * `keras.losses.CategoricalFocalCrossentropy`: it focuses training on the hard examples.
 *
 * @example
 * new CategoricalFocalCrossentropy({ gamma: 2, fromLogits: true })
 * new CategoricalFocalCrossentropy(0.5, 1) // alpha 0.5, gamma 1
 */
export class CategoricalFocalCrossentropy extends LossFunctionWrapper {
  static override className = 'CategoricalFocalCrossentropy';
  static override readonly signature = signature<CategoricalFocalCrossentropyArgs>()({
    alpha: 0.25, gamma: 2, fromLogits: false, labelSmoothing: 0, axis: -1, reduction: 'sum_over_batch_size', name: 'categorical_focal_crossentropy', dtype: null,
  });
  readonly alpha: number | number[];
  readonly gamma: number;
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(...args: KerasArgs<[alpha: number | number[], gamma: number, fromLogits: boolean, labelSmoothing: number, axis: number], CategoricalFocalCrossentropyArgs>) {
    const a = CategoricalFocalCrossentropy.signature.resolve(args, new.target);
    const { alpha, gamma, fromLogits, labelSmoothing, axis } = a;
    super((t, p) => categoricalFocalCrossentropy(t, p, { alpha, gamma, fromLogits, labelSmoothing, axis }), a.reduction, a.name, a.dtype);
    this.alpha = alpha;
    this.gamma = gamma;
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }

  /** Keras's config, in Keras's key order. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, label_smoothing: this.labelSmoothing, axis: this.axis, alpha: this.alpha, gamma: this.gamma };
  }
}
