/** Cosine similarity loss: `-sum(l2_normalize(yTrue) * l2_normalize(yPred), axis)`. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonStr } from '../utils/python_repr.js';
import type { LossArgs, Reduction } from './loss.js';
import { LossFunctionWrapper } from './loss_function_wrapper.js';
import { EPSILON, alignTargets, checkBroadcastable } from './utils.js';

/** Options of the cosine similarity. */
export interface CosineSimilarityOptions {
  /** The features axis, along which vectors are compared. Default -1. */
  axis?: number;
}

/** `x / max(||x||, 1e-7)` along `axis`, as `keras.ops.normalize` (a zero vector stays zero). */
export function l2Normalize(x: Tensor, axis: number): Tensor {
  const norm = ops.sqrt(ops.sum(ops.square(x), axis, true));
  return ops.divide(x, ops.maximum(norm, EPSILON));
}

/** The cosine similarity of the vectors along `axis` (1: same direction, -1: opposite), as `keras.metrics.cosine_similarity`. */
export function cosineSimilarityOf(yTrue: Tensor, yPred: Tensor, axis = -1): Tensor {
  const [t, p] = alignTargets(yTrue, yPred);
  checkBroadcastable('cosine_similarity', t, p);
  checkAxis(axis, p.rank);
  return ops.sum(ops.multiply(l2Normalize(t, axis), l2Normalize(p, axis)), axis);
}

/** The negated cosine similarity along `axis`, as `keras.losses.cosine_similarity`: minimising it aligns the vectors. */
export function cosineSimilarity(yTrue: Tensor, yPred: Tensor, options: CosineSimilarityOptions = {}): Tensor {
  return ops.negative(cosineSimilarityOf(yTrue, yPred, options.axis ?? -1));
}

function checkAxis(axis: number, rank: number): void {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ValueError(`CosineSimilarity: \`axis\` must be an integer in [${-rank}, ${rank}) for inputs of rank ${rank}. Received: axis=${String(axis)}`);
  }
}

/** Options of `CosineSimilarity`. */
export interface CosineSimilarityArgs extends LossArgs, CosineSimilarityOptions {}

/**
 * The negated cosine similarity between targets and predictions, as `keras.losses.CosineSimilarity`.
 *
 * @example
 * new CosineSimilarity().apply(tensor([[0, 1], [1, 1]]), tensor([[1, 0], [1, 1]])); // -0.5
 * new CosineSimilarity(0) // along the first axis
 */
export class CosineSimilarity extends LossFunctionWrapper {
  static override className = 'CosineSimilarity';
  static override readonly signature = signature<CosineSimilarityArgs>()({ axis: -1, reduction: 'sum_over_batch_size', name: 'cosine_similarity', dtype: null });
  readonly axis: number;

  constructor(...args: KerasArgs<[axis: number, reduction: Reduction | null, name: string | null], CosineSimilarityArgs>) {
    const a = CosineSimilarity.signature.resolve(args, new.target);
    const axis = a.axis;
    if (!Number.isInteger(axis)) throw new ValueError(`CosineSimilarity: \`axis\` must be an integer. Received: axis=${pythonStr(axis)}`);
    super((t, p) => cosineSimilarity(t, p, { axis }), a.reduction, a.name, a.dtype);
    this.axis = axis;
  }

  /**
   * Keras 3.15.1 leaves `axis` out of its config, so an axis other than -1 is lost on reload there;
   * ours keeps such an axis (Keras's `from_config` reads it back) and is Keras's otherwise.
   */
  override getConfig(): Record<string, unknown> {
    return this.axis === CosineSimilarity.signature.defaultOf('axis') ? super.getConfig() : { ...super.getConfig(), axis: this.axis };
  }
}
