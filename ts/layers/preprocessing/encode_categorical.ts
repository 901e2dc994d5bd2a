/**
 * The encoder the categorical preprocessing layers share, as Keras's
 * `numerical_utils.encode_categorical_inputs` (plus the `tf_idf` weighting Keras applies after
 * it): integer ids to `one_hot`, `multi_hot`, `count` or `tf_idf` vectors of length `depth`.
 * Built from ops, so it works on KerasTensors and eager tensors alike. Rank rules as Keras's: a
 * scalar is one sample; `one_hot` adds the class axis (replacing a last axis of size 1);
 * `multi_hot`, `count` and `tf_idf` reduce axis 1 (axis 0 of a vector), so `[batch, n]` ids give
 * `[batch, depth]`. Ids outside `[0, depth)` count nowhere, as in `ops.oneHot`. The reductions
 * count with a bincount kernel (as Keras's TensorFlow path does), never building the
 * `[batch, tokens, depth]` one-hot tensor Keras's other backends sum.
 */
import * as ops from '../../ops/index.js';
import { countIntoBins } from '../../ops/bincount.js';
import { tidy } from '../../tensor/scope.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { NumericDType, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr } from '../../utils/python_repr.js';

/** The encodings `encodeCategoricalInputs` makes (`int` is the lookup layers' own: a cast). */
export type CategoricalOutputMode = 'int' | 'one_hot' | 'multi_hot' | 'count' | 'tf_idf';

export interface EncodeCategoricalOptions {
  /** The encoding. */
  outputMode: CategoricalOutputMode;
  /** The number of classes: the length of the last output axis. */
  depth: number;
  /** The output dtype (ignored when `countWeights` is given, whose dtype wins, as in Keras). Default float32. */
  dtype?: NumericDType;
  /** Keras's `sparse`: kerasm has no sparse tensors, so only false is accepted. Default false. */
  sparse?: boolean;
  /** For `count`: a weight per id (same shape as the inputs) summed instead of 1. */
  countWeights?: Tensor | null;
  /** For `tf_idf`: the inverse document frequency of each class, shape `[depth]`, multiplying the counts. */
  idfWeights?: Tensor | null;
}

/**
 * Encodes the integer ids `inputs` as `outputMode` says (see the file comment for the shapes).
 *
 * @example
 * encodeCategoricalInputs(tensor([[0, 1, 1]], [1, 3], 'int32'), { outputMode: 'count', depth: 3 });   // [[1, 2, 0]]
 */
export function encodeCategoricalInputs(inputs: Tensor, options: EncodeCategoricalOptions): Tensor {
  const { outputMode, depth, dtype = 'float32', sparse = false, countWeights = null, idfWeights = null } = options;
  if (sparse) throw new ValueError(`sparse=True is not supported: kerasm has no sparse tensors. Received: sparse=${pythonRepr(sparse)}, output_mode=${outputMode}`);
  if (outputMode === 'int') return ops.cast(inputs, dtype);
  if (countWeights !== null && outputMode !== 'count') {
    throw new ValueError(`\`count_weights\` is not used when \`output_mode\` is not \`'count'\`. Received \`count_weights=${countWeights}\`.`);
  }
  if (outputMode === 'tf_idf' && idfWeights === null) {
    throw new ValueError(`When output mode is \`'tf_idf'\`, idf_weights must be provided. Received: output_mode=${outputMode} and idf_weights=None`);
  }
  return tidy(() => {
    const ids = ops.cast(inputs.shape.length === 0 ? ops.expandDims(inputs, -1) : inputs, 'int32');
    switch (outputMode) {
      case 'one_hot': return ops.cast(ops.oneHot(shrinkLastAxis(ids), depth), dtype);
      case 'multi_hot': return ops.cast(countPerSample(ids, depth, null, true), dtype);
      case 'count': return counts(ids, depth, countWeights, dtype);
      case 'tf_idf': return ops.multiply(counts(ids, depth, null, 'float32'), ops.cast(idfWeights!, 'float32'));
      default: throw new ValueError(`Unknown arg for output_mode: ${outputMode}`);
    }
  });
}

/** The shape `encodeCategoricalInputs` gives ids of `inputShape`, by arithmetic. */
export function encodedShape(inputShape: SymbolicShape, outputMode: CategoricalOutputMode, depth: number): SymbolicShape {
  if (outputMode === 'int') return [...inputShape];
  const ids = inputShape.length === 0 ? [1] : inputShape;
  if (outputMode === 'one_hot') {
    const shrinks = ids.length > 1 && ids[ids.length - 1] === 1;
    return [...(shrinks ? ids.slice(0, -1) : ids), depth];
  }
  const reduced = ids.length > 1 ? 1 : 0;
  return [...ids.filter((_, i) => i !== reduced), depth];
}

/** The ids with a last axis of size 1 dropped (rank above 1), so `one_hot` of `[n, 1]` is `[n, depth]`. */
function shrinkLastAxis(ids: Tensor): Tensor {
  const shape = ids.shape;
  return shape.length > 1 && shape[shape.length - 1] === 1 ? ops.reshape(ids, shape.slice(0, -1)) : ids;
}

/**
 * The bincount of each sample's ids along the reduction axis (1, or 0 for a vector of ids):
 * per row for rank 2; for rank 3 and above, axis 1 is moved last and the other axes flattened
 * into rows, then restored. `weights` (the ids' shape) are summed instead of 1; `binary` marks
 * a class present with 1. The counts are int32, or of the weights' dtype.
 */
function countPerSample(ids: Tensor, depth: number, weights: Tensor | null, binary: boolean): Tensor {
  const rank = ids.shape.length;
  if (rank <= 2) return countIntoBins(ids, depth, { weights, binaryOutput: binary });
  const toRows = (t: Tensor): Tensor => ops.reshape(ops.transpose(t, [0, ...range(2, rank), 1]), [-1, ids.shape[1]!]);
  const counted = countIntoBins(toRows(ids), depth, { weights: weights === null ? null : toRows(weights), binaryOutput: binary });
  return ops.reshape(counted, [-1, ...ids.shape.slice(2), depth] as number[]);
}

/** How many times each class occurs in each sample: of `dtype`, or weighted by `countWeights` and of their dtype, as Keras. */
function counts(ids: Tensor, depth: number, countWeights: Tensor | null, dtype: NumericDType): Tensor {
  if (countWeights === null) return ops.cast(countPerSample(ids, depth, null, false), dtype);
  return countPerSample(ids, depth, countWeights, false);
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
