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
