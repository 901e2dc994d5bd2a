/** Binary focal cross-entropy: the binary cross-entropy down-weighted on well-classified values. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type BinaryCrossentropyOptions, binaryCrossentropyElementwise, smoothBinaryLabels } from './binary_crossentropy.js';
import type { LossArgs } from './loss.js';
import { LossFunctionWrapper } from './loss_function_wrapper.js';
import { alignTargets, checkSameShape, power } from './utils.js';

/** Options of the binary focal cross-entropy. */
export interface BinaryFocalCrossentropyOptions extends BinaryCrossentropyOptions {
  /** Whether to weigh class 1 by `alpha` and class 0 by `1 - alpha`. Default false. */
  applyClassBalancing?: boolean;
  /** The weight of class 1 when `applyClassBalancing`. Default 0.25. */
  alpha?: number;
  /** The focusing parameter: `(1 - p_t) ** gamma` scales each value; 0 gives the cross-entropy. Default 2. */
  gamma?: number;
}

/**
 * Per-sample binary focal cross-entropy (mean over `axis`), as
 * `keras.losses.binary_focal_crossentropy`: `(1 - p_t) ** gamma * bce`, with `p_t` the probability
 * given to the target; logits go through a sigmoid first.
 */
export function binaryFocalCrossentropy(yTrue: Tensor, yPred: Tensor, options: BinaryFocalCrossentropyOptions = {}): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkSameShape(t, p);
  const target = smoothBinaryLabels(t, options.labelSmoothing ?? 0);
  const probs = options.fromLogits ? ops.sigmoid(p) : p;
  const bce = binaryCrossentropyElementwise(target, probs, false);
  const notTarget = ops.subtract(1, target);
  const pT = ops.add(ops.multiply(target, probs), ops.multiply(notTarget, ops.subtract(1, probs)));
  let focal = ops.multiply(power(ops.subtract(1, pT), options.gamma ?? 2), bce);
  if (options.applyClassBalancing) {
    const alpha = options.alpha ?? 0.25;
    focal = ops.multiply(ops.add(ops.multiply(target, alpha), ops.multiply(notTarget, 1 - alpha)), focal);
  }
  return ops.mean(focal, options.axis ?? -1);
}

/** Options of `BinaryFocalCrossentropy`. */
export interface BinaryFocalCrossentropyArgs extends LossArgs, BinaryFocalCrossentropyOptions {}

/**
 * Focal cross-entropy between binary targets and predicted probabilities (or logits), as
 * `keras.losses.BinaryFocalCrossentropy`: it focuses training on the hard examples.
 *
 * @example
 * new BinaryFocalCrossentropy({ gamma: 2, fromLogits: true })
 * new BinaryFocalCrossentropy(true, 0.25) // with class balancing, alpha 0.25
 */
export class BinaryFocalCrossentropy extends LossFunctionWrapper {
  static override className = 'BinaryFocalCrossentropy';
  static override readonly signature = signature<BinaryFocalCrossentropyArgs>()({
    applyClassBalancing: false, alpha: 0.25, gamma: 2, fromLogits: false, labelSmoothing: 0, axis: -1,
    reduction: 'sum_over_batch_size', name: 'binary_focal_crossentropy', dtype: null,
  });
  readonly applyClassBalancing: boolean;
  readonly alpha: number;
  readonly gamma: number;
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(
    ...args: KerasArgs<[applyClassBalancing: boolean, alpha: number, gamma: number, fromLogits: boolean, labelSmoothing: number, axis: number], BinaryFocalCrossentropyArgs>
  ) {
    const a = BinaryFocalCrossentropy.signature.resolve(args, new.target);
    const { applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing, axis } = a;
    super((t, p) => binaryFocalCrossentropy(t, p, { applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing, axis }), a.reduction, a.name, a.dtype);
    this.applyClassBalancing = applyClassBalancing;
    this.alpha = alpha;
    this.gamma = gamma;
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }

  /** Keras's config, in Keras's key order. */
  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), from_logits: this.fromLogits, label_smoothing: this.labelSmoothing, axis: this.axis,
      apply_class_balancing: this.applyClassBalancing, alpha: this.alpha, gamma: this.gamma,
    };
  }
}
