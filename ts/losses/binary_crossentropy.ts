/** Binary cross-entropy, from probabilities (clipped to [1e-7, 1 - 1e-7]) or from logits (stable form). */
import { type KerasArgs, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import type { LossArgs } from './loss.js';
import { LossFunctionWrapper } from './loss_function_wrapper.js';
import { EPSILON, alignTargets, checkSameShape } from './utils.js';

/** Options of the binary cross-entropy. */
export interface BinaryCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** In [0, 1]: targets are squeezed towards 0.5 by this amount. Default 0. */
  labelSmoothing?: number;
  /** The axis the element-wise values are averaged over. Default -1. */
  axis?: number;
}

/** Element-wise binary cross-entropy, as the backend's `binary_crossentropy`. */
export function binaryCrossentropyElementwise(target: Tensor, output: Tensor, fromLogits: boolean): Tensor {
  if (fromLogits) {
    // max(x, 0) - x * z + log(1 + exp(-|x|)): TensorFlow's sigmoid_cross_entropy_with_logits.
    const softplusNegAbs = ops.log(ops.add(ops.exp(ops.negative(ops.abs(output))), 1));
    return ops.add(ops.subtract(ops.relu(output), ops.multiply(output, target)), softplusNegAbs);
  }
  const p = ops.clip(output, EPSILON, 1 - EPSILON);
  const positive = ops.multiply(target, ops.log(p));
  const negative = ops.multiply(ops.subtract(1, target), ops.log(ops.subtract(1, p)));
  return ops.negative(ops.add(positive, negative));
}

/** Targets squeezed towards 0.5 by `smoothing`, as the binary losses' `label_smoothing`. */
export function smoothBinaryLabels(target: Tensor, smoothing: number): Tensor {
  return smoothing ? ops.add(ops.multiply(target, 1 - smoothing), 0.5 * smoothing) : target;
}

/** Per-sample binary cross-entropy (mean over `axis`, the last by default), as `keras.losses.binary_crossentropy`. */
export function binaryCrossentropy(yTrue: Tensor, yPred: Tensor, options: BinaryCrossentropyOptions = {}): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkSameShape(t, p);
  const target = smoothBinaryLabels(t, options.labelSmoothing ?? 0);
  return ops.mean(binaryCrossentropyElementwise(target, p, options.fromLogits ?? false), options.axis ?? -1);
}

/** Options of `BinaryCrossentropy`. */
export interface BinaryCrossentropyArgs extends LossArgs, BinaryCrossentropyOptions {}

/**
 * Cross-entropy between binary targets and predicted probabilities (or logits), as
 * `keras.losses.BinaryCrossentropy`.
 *
 * @example
 * new BinaryCrossentropy(true).apply(yTrue, logits)
 * new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }).apply(yTrue, logits)
 * new BinaryCrossentropy({ axis: 0 }) // the mean over the first axis
 */
export class BinaryCrossentropy extends LossFunctionWrapper {
  static override className = 'BinaryCrossentropy';
  static override readonly signature = signature<BinaryCrossentropyArgs>()({
    fromLogits: false, labelSmoothing: 0, axis: -1, reduction: 'sum_over_batch_size', name: 'binary_crossentropy', dtype: null,
  });
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(...args: KerasArgs<[fromLogits: boolean, labelSmoothing: number, axis: number], BinaryCrossentropyArgs>) {
    const a = BinaryCrossentropy.signature.resolve(args, new.target);
    const { fromLogits, labelSmoothing, axis } = a;
    super((t, p) => binaryCrossentropy(t, p, { fromLogits, labelSmoothing, axis }), a.reduction, a.name, a.dtype);
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = a.axis;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, label_smoothing: this.labelSmoothing, axis: this.axis };
  }
}
