/** The per-sample accuracy functions, as `keras.metrics.binary_accuracy` and friends: 1 where right, 0 where wrong. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { squeezeOrExpandToSameRank } from '../losses/utils.js';

/** 1 where `yPred > threshold` agrees with the binary target `yTrue`, element-wise. */
export function binaryAccuracy(yTrue: Tensor, yPred: Tensor, threshold = 0.5): Tensor {
  const [t, p] = squeezeOrExpandToSameRank(ops.cast(yTrue, 'float32'), yPred);
  const predicted = ops.cast(ops.greater(p, threshold), 'float32');
  return ops.cast(ops.equal(t, predicted), 'float32');
}

/** 1 where the arg-max of `yPred` is the arg-max of the one-hot `yTrue`, per sample. */
export function categoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  return sparseCategoricalAccuracy(ops.argmax(yTrue, -1), yPred);
}

/** 1 where the arg-max of `yPred` is the integer class id `yTrue` (a trailing 1 in its shape is squeezed), per sample. */
export function sparseCategoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  let ids = yTrue;
  if (ids.rank === yPred.rank && ids.shape[ids.rank - 1] === 1) ids = ops.reshape(ids, ids.shape.slice(0, -1));
  const predicted = ops.argmax(yPred, -1);
  return ops.cast(ops.equal(ops.cast(ids, 'int32'), predicted), 'float32');
}

/** 1 where the class of the one-hot `yTrue` is among the `k` largest of `yPred`, per sample. */
export function topKCategoricalAccuracy(yTrue: Tensor, yPred: Tensor, k = 5): Tensor {
  return sparseTopKCategoricalAccuracy(ops.argmax(yTrue, -1), yPred, k);
}

/**
 * 1 where the class id `yTrue` is among the `k` largest of `yPred`, per sample; with
 * `fromSortedIds`, `yPred` already holds class ids sorted by score and its first `k` are searched.
 */
export function sparseTopKCategoricalAccuracy(yTrue: Tensor, yPred: Tensor, k = 5, fromSortedIds = false): Tensor {
  const numClasses = yPred.shape[yPred.rank - 1]!;
  const scores = yPred.rank > 2 ? ops.reshape(yPred, [-1, numClasses]) : yPred;
  const ids = yTrue.rank > 1 ? ops.reshape(yTrue, [-1]) : yTrue;
  const matches = fromSortedIds ? inFirstK(ids, scores, k) : inTopK(ops.cast(ids, 'int32'), scores, k);
  return yTrue.rank > 1 ? ops.reshape(matches, yTrue.shape) : matches;
}

/**
 * Whether each target's score ranks within the top `k`, as `keras.ops.in_top_k` (JAX): fewer than `k`
 * scores strictly above it, so ties all count; a NaN score or an id out of range never does.
 */
function inTopK(targets: Tensor, scores: Tensor, k: number): Tensor {
  const isTarget = ops.equal(ops.oneHot(targets, scores.shape[scores.rank - 1]!), 1);
  const atTarget = ops.max(ops.where(isTarget, ops.where(ops.notEqual(scores, scores), -Infinity, scores), -Infinity), -1, true);
  const above = ops.sum(ops.cast(ops.greater(scores, atTarget), 'float32'), -1);
  return ops.cast(ops.less(above, k), 'float32');
}

/** Whether each id appears among the first `k` entries of its row of sorted ids. */
function inFirstK(ids: Tensor, sortedIds: Tensor, k: number): Tensor {
  const first = ops.slice(sortedIds, [0, 0], [sortedIds.shape[0]!, Math.min(k, sortedIds.shape[1]!)]);
  const found = ops.equal(ops.expandDims(ops.cast(ids, 'float32'), 1), ops.cast(first, 'float32'));
  return ops.max(ops.cast(found, 'float32'), 1);
}
