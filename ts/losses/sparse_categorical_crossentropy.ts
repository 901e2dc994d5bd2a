/** Sparse categorical cross-entropy: integer class ids against probabilities or logits. */
import { type KerasArgs, onlyDefault, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import { tidy } from '../tensor/scope.js';
import { type Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { crossentropyFromOneHot } from './categorical_crossentropy.js';
import { type LossArgs, reduceValues } from './loss.js';
import { LossFunctionWrapper } from './loss_function_wrapper.js';

/** Options of the sparse categorical cross-entropy. */
export interface SparseCategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** A class id (such as -1 or 255 for "void") whose targets add nothing to the loss. Default null: every class counts. */
  ignoreClass?: number | null;
}

/** Per-sample sparse categorical cross-entropy, as `keras.losses.sparse_categorical_crossentropy` (0 where the target is `ignoreClass`). */
export function sparseCategoricalCrossentropy(yTrue: Tensor, yPred: Tensor, options: SparseCategoricalCrossentropyOptions = {}): Tensor {
  return sparseCrossentropyAndMask(yTrue, yPred, options).values;
}

/** The per-sample values, and with `ignoreClass` the mask of the targets that count (Keras's mask on the values). */
function sparseCrossentropyAndMask(yTrue: Tensor, yPred: Tensor, options: SparseCategoricalCrossentropyOptions): { values: Tensor; mask?: Tensor } {
  const numClasses = yPred.shape[yPred.rank - 1]!;
  let target = sparseTargets(yTrue, yPred);
  const ignoreClass = options.ignoreClass ?? null;
  const mask = ignoreClass === null ? undefined : ops.notEqual(target, ignoreClass);
  if (mask) target = ops.where(mask, target, 0);
  checkLabelRange(target, numClasses);
  const oneHot = ops.oneHot(ops.cast(target, 'int32'), numClasses);
  const values = crossentropyFromOneHot(oneHot, yPred, options.fromLogits ?? false);
  return mask ? { values: ops.where(mask, values, 0), mask } : { values };
}

/**
 * Refuses class ids outside `[0, numClasses)`, as the TensorFlow backend's kernel does (Keras
 * 3.15.1 on JAX lets them through: their one-hot row is all zeros, so they add nothing to the loss
 * and a batch of them trains on nothing with a loss of 0). Two reductions in wasm and two scalars
 * downloaded per batch; ids are truncated towards zero, as the cast to int32 below does.
 */
function checkLabelRange(labels: Tensor, numClasses: number): void {
  if (labels.size === 0) return;
  const [lowest, highest] = tidy(() => [ops.min(labels).dataSync()[0]!, ops.max(labels).dataSync()[0]!].map(Math.trunc) as [number, number]);
  const outside = highest >= numClasses ? highest : lowest < 0 ? lowest : null;
  if (outside === null) return;
  // TensorFlow 2.21's message, with the loss named and what the range comes from.
  throw new ValueError(
    `sparse_categorical_crossentropy: Received a label value of ${outside} which is outside the valid range of [0, ${numClasses}). The labels must be class indices below the number of classes, the last dimension of y_pred (${numClasses}).`,
  );
}

/** Class ids with shape `yPred.shape[:-1]` (a trailing 1 is squeezed), as Keras's backend checks them. */
function sparseTargets(yTrue: Tensor, yPred: Tensor): Tensor {
  let target = yTrue;
  if (target.rank === yPred.rank && target.shape[target.rank - 1] === 1) target = ops.reshape(target, target.shape.slice(0, -1));
  const expected = yPred.shape.slice(0, -1);
  if (target.rank !== expected.length || target.shape.some((d, i) => d !== expected[i])) {
    throw new ValueError(
      `Arguments \`target\` and \`output\` must have the same shape up until the last dimension: target.shape=${formatShape(yTrue.shape)}, output.shape=${formatShape(yPred.shape)}`,
    );
  }
  return target;
}

/** Options of `SparseCategoricalCrossentropy`. */
export interface SparseCategoricalCrossentropyArgs extends LossArgs, SparseCategoricalCrossentropyOptions {
  /**
   * The class axis: only -1, the one Keras 3.15.1 checks targets against on every backend (on
   * JAX another axis fails or gives one-hot rows of the wrong size).
   */
  axis?: -1;
}

/**
 * Cross-entropy between integer class ids and predicted probabilities (or logits), as
 * `keras.losses.SparseCategoricalCrossentropy`.
 *
 * @example
 * new SparseCategoricalCrossentropy(true).apply(tensor([1, 2], [2], 'int32'), logits)
 */
export class SparseCategoricalCrossentropy extends LossFunctionWrapper {
  static override className = 'SparseCategoricalCrossentropy';
  static override readonly signature = signature<SparseCategoricalCrossentropyArgs>()({
    fromLogits: false, ignoreClass: null, reduction: 'sum_over_batch_size', axis: onlyDefault(-1 as const),
    name: 'sparse_categorical_crossentropy', dtype: null,
  });
  readonly fromLogits: boolean;
  readonly ignoreClass: number | null;

  constructor(...args: KerasArgs<[fromLogits: boolean, ignoreClass: number | null], SparseCategoricalCrossentropyArgs>) {
    const a = SparseCategoricalCrossentropy.signature.resolve(args, new.target);
    const { fromLogits, ignoreClass } = a;
    super((t, p) => sparseCategoricalCrossentropy(t, p, { fromLogits, ignoreClass }), a.reduction, a.name, a.dtype);
    this.fromLogits = fromLogits;
    this.ignoreClass = ignoreClass;
  }

  /** The values reduced over the targets that count: the mean leaves the `ignoreClass` ones out. */
  override apply(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor {
    const { values, mask } = sparseCrossentropyAndMask(yTrue, yPred, this);
    return reduceValues(values, this.reduction, sampleWeight, mask);
  }

  /** Keras's config: `axis` is not in it. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, ignore_class: this.ignoreClass };
  }
}
