/** Binary cross-entropy, from probabilities (clipped to [1e-7, 1 - 1e-7]) or from logits (stable form). */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LossArgs, LossFunctionWrapper } from './loss.js';
import { EPSILON, alignTargets, checkSameShape } from './utils.js';

/** Options of the binary cross-entropy. */
export interface BinaryCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** In [0, 1]: targets are squeezed towards 0.5 by this amount. Default 0. */
  labelSmoothing?: number;
}

/** Element-wise binary cross-entropy, as the backend's `binary_crossentropy`. */
function elementwise(target: Tensor, output: Tensor, fromLogits: boolean): Tensor {
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

/** Per-sample binary cross-entropy (mean over the last axis), as `keras.losses.binary_crossentropy`. */
export function binaryCrossentropy(yTrue: Tensor, yPred: Tensor, options: BinaryCrossentropyOptions = {}): Tensor {
  let [t, p] = alignTargets(yTrue, yPred);
  checkSameShape(t, p);
  const smoothing = options.labelSmoothing ?? 0;
  if (smoothing) t = ops.add(ops.multiply(t, 1 - smoothing), 0.5 * smoothing);
  return ops.mean(elementwise(t, p, options.fromLogits ?? false), -1);
}

/**
 * Cross-entropy between binary targets and predicted probabilities (or logits), as
 * `keras.losses.BinaryCrossentropy`.
 *
 * @example
 * new BinaryCrossentropy({ fromLogits: true }).apply(yTrue, logits)
 */
export class BinaryCrossentropy extends LossFunctionWrapper {
  static readonly className: string = 'BinaryCrossentropy';

  constructor(args: LossArgs & BinaryCrossentropyOptions = {}) {
    const fromLogits = args.fromLogits ?? false;
    const labelSmoothing = args.labelSmoothing ?? 0;
    super((t, p) => binaryCrossentropy(t, p, { fromLogits, labelSmoothing }), args, 'binary_crossentropy', {
      from_logits: fromLogits,
      label_smoothing: labelSmoothing,
      axis: -1,
    });
  }
}
