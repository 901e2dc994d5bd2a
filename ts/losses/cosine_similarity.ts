/** Cosine similarity loss: `-sum(l2_normalize(yTrue) * l2_normalize(yPred), axis)`. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type LossArgs, LossFunctionWrapper } from './loss.js';
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

/**
 * The negated cosine similarity between targets and predictions, as `keras.losses.CosineSimilarity`.
 * Its config keeps `axis` (Keras 3.15.1 leaves it out of `get_config`, but accepts it back in `from_config`).
 *
 * @example
 * new CosineSimilarity().apply(tensor([[0, 1], [1, 1]]), tensor([[1, 0], [1, 1]])); // -0.5
 */
export class CosineSimilarity extends LossFunctionWrapper {
  static readonly className: string = 'CosineSimilarity';

  constructor(args: LossArgs & CosineSimilarityOptions = {}) {
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) throw new ValueError(`CosineSimilarity: \`axis\` must be an integer. Received: axis=${JSON.stringify(axis) ?? String(axis)}`);
    super((t, p) => cosineSimilarity(t, p, { axis }), args, 'cosine_similarity', { axis });
  }
}
