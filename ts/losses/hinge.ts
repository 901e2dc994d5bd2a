/** Hinge loss: `mean(max(1 - yTrue * yPred, 0), axis=-1)` over labels in {-1, 1} (or {0, 1}, converted). */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type BasicLossArgs, LossFunctionWrapper, basicLossSignature } from './loss_function_wrapper.js';
import { alignTargets, checkBroadcastable } from './utils.js';

/**
 * Labels as -1 / 1, as Keras's `convert_binary_labels_to_hinge`: when every label is 0 or 1 they
 * become `2 * t - 1`, otherwise they stay as they are. The test stays on the device: `isBinary`
 * is 1 or 0, and `t + isBinary * (t - 1)` is `2t - 1` or `t`.
 */
export function toHingeLabels(yTrue: Tensor): Tensor {
  const isBinary = ops.min(ops.equal(ops.multiply(yTrue, ops.subtract(yTrue, 1)), 0));
  return ops.add(yTrue, ops.multiply(isBinary, ops.subtract(yTrue, 1)));
}

/** `max(1 - yTrue * yPred, 0)` per element, with labels converted to -1 / 1; `loss` names the caller in errors. */
export function hingeMargins(loss: string, yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkBroadcastable(loss, t, p);
  return ops.maximum(ops.subtract(1, ops.multiply(toHingeLabels(t), p)), 0);
}

/** The per-sample hinge loss over the last axis, as `keras.losses.hinge`. */
export function hinge(yTrue: Tensor, yPred: Tensor): Tensor {
  return ops.mean(hingeMargins('hinge', yTrue, yPred), -1);
}

/**
 * The hinge loss between labels (-1 / 1, or 0 / 1) and predicted scores, as `keras.losses.Hinge`.
 *
 * @example
 * new Hinge().apply(tensor([[0, 1]]), tensor([[-0.5, 0.3]]))
 */
export class Hinge extends LossFunctionWrapper {
  static override className = 'Hinge';
  static override readonly signature = basicLossSignature('hinge');

  /** `new Hinge()`, `new Hinge('sum')` or `new Hinge({ reduction: 'sum', name: '…' })`. */
  constructor(...args: BasicLossArgs) {
    const a = Hinge.signature.resolve(args, new.target);
    super(hinge, a.reduction, a.name, a.dtype);
  }
}
