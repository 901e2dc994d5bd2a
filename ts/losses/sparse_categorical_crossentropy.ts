/** Sparse categorical cross-entropy: integer class ids against probabilities or logits. */
import * as ops from '../ops/index.js';
import { type Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type CategoricalCrossentropyOptions, crossentropyFromOneHot } from './categorical_crossentropy.js';
import { type LossArgs, LossFunctionWrapper } from './loss.js';

/** Per-sample sparse categorical cross-entropy, as `keras.losses.sparse_categorical_crossentropy`. */
export function sparseCategoricalCrossentropy(yTrue: Tensor, yPred: Tensor, options: CategoricalCrossentropyOptions = {}): Tensor {
  const target = sparseTargets(yTrue, yPred);
  const numClasses = yPred.shape[yPred.rank - 1]!;
  const oneHot = ops.oneHot(ops.cast(target, 'int32'), numClasses);
  return crossentropyFromOneHot(oneHot, yPred, options.fromLogits ?? false);
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

/**
 * Cross-entropy between integer class ids and predicted probabilities (or logits), as
 * `keras.losses.SparseCategoricalCrossentropy`.
 *
 * @example
 * new SparseCategoricalCrossentropy({ fromLogits: true }).apply(tensor([1, 2], [2], 'int32'), logits)
 */
export class SparseCategoricalCrossentropy extends LossFunctionWrapper {
  static readonly className: string = 'SparseCategoricalCrossentropy';

  constructor(args: LossArgs & CategoricalCrossentropyOptions = {}) {
    const fromLogits = args.fromLogits ?? false;
    super((t, p) => sparseCategoricalCrossentropy(t, p, { fromLogits }), args, 'sparse_categorical_crossentropy', {
      from_logits: fromLogits,
      ignore_class: null,
    });
  }
}
