/**
 * The base of Keras's losses: `loss(yTrue, yPred, sampleWeight?)` computes one value per sample
 * with `call`, then reduces them (`'sum_over_batch_size'` by default: the mean over every value).
 */
import { type KerasArgs, type Signature, kerasClassName, signature } from '../arguments/signature.js';
import { standardizeDtype } from '../arguments/dtype.js';
import * as ops from '../ops/index.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { toSnakeCase, uniqueName } from '../utils/naming.js';
import { pythonRepr, pythonStr } from '../utils/python_repr.js';

/**
 * How per-sample loss values become the loss: Keras's reduction names. `'mean'` is another name
 * for `'sum_over_batch_size'`; `'mean_with_sample_weight'` divides by the sum of the sample
 * weights; `'none'` keeps one value per sample (so does null, as in Keras).
 */
export type Reduction = 'sum_over_batch_size' | 'sum' | 'none' | 'mean' | 'mean_with_sample_weight';

/** Keras's allowed reductions, in the order its message lists them. */
const REDUCTIONS: readonly (Reduction | null)[] = ['sum_over_batch_size', 'sum', null, 'none', 'mean', 'mean_with_sample_weight'];

/** Options every loss class takes. */
export interface LossArgs {
  /** The loss's name. Default: each loss's Keras name (`'mean_squared_error'`); for a `Loss` subclass of your own, its snake_case class name. */
  name?: string | null;
  /**
   * `'sum_over_batch_size'` (default: the mean, also called `'mean'`), `'sum'`, `'none'` or null (one value
   * per sample), or `'mean_with_sample_weight'` (the weighted sum over the sum of the weights).
   */
  reduction?: Reduction | null;
  /** The dtype of the computation: null (Keras's `floatx()`) or `'float32'`, the one kerasm computes losses in. */
  dtype?: DType | null;
}

/** A per-sample loss function: `yTrue`, `yPred` → one value per sample (shape `yPred.shape[:-1]`). */
export type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

const lossSignature = signature<LossArgs>()({ name: null, reduction: 'sum_over_batch_size', dtype: null });

/**
 * The base class of losses, as `keras.losses.Loss`. Subclasses implement `call`; a subclass of
 * your own passes its options on: `super({ name: 'my_loss' })` or `super(name, reduction)`.
 */
export abstract class Loss {
  static className = 'Loss';
  /** Keras's `Loss.__init__`; typed as any signature, so that each loss declares its own. */
  static readonly signature: Signature<object> = lossSignature;
  readonly name: string;
  readonly reduction: Reduction | null;
  readonly dtype: DType;

  constructor(...args: KerasArgs<[name: string | null, reduction: Reduction | null, dtype: DType | null], LossArgs>) {
    const a = lossSignature.resolve(args, new.target);
    if (!REDUCTIONS.includes(a.reduction)) {
      throw new ValueError(`Invalid value for argument \`reduction\`. Expected one of {${REDUCTIONS.map((r) => pythonRepr(r)).join(', ')}}. Received: reduction=${pythonStr(a.reduction)}`);
    }
    this.name = a.name || uniqueName(toSnakeCase(kerasClassName(new.target)));
    this.reduction = a.reduction;
    this.dtype = standardizeDtype(a.dtype);
    if (this.dtype !== 'float32') throw new ValueError(`${kerasClassName(new.target)}: kerasm computes losses in float32. Received: dtype=${pythonStr(a.dtype)}`);
  }

  /** The per-sample loss values. */
  abstract call(yTrue: Tensor, yPred: Tensor): Tensor;

  /** The reduced loss; `sampleWeight` (a tensor broadcastable to the per-sample values) weighs each sample. */
  apply(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor {
    return reduceValues(this.call(yTrue, yPred), this.reduction, sampleWeight);
  }

  /** Keras's config keys: `name`, `reduction`, then the loss's own. */
  getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

/**
 * Applies a reduction to per-sample values, as Keras's `reduce_weighted_values`: the weighted
 * values are summed and, for `'sum_over_batch_size'` / `'mean'`, divided by their number (not by
 * the sum of the weights, which only `'mean_with_sample_weight'` divides by; 0 when it is 0).
 * `mask` (boolean, the values' shape) leaves values out, as a loss's Keras mask does.
 */
export function reduceValues(values: Tensor, reduction: Reduction | null, sampleWeight?: Tensor, mask?: Tensor): Tensor {
  let weighted = values;
  const weights = maskedWeights(sampleWeight && ops.cast(sampleWeight, 'float32'), mask, reduction);
  if (weights) {
    const [v, w] = sameRank(values, weights);
    weighted = ops.multiply(v, w);
  }
  if (reduction === 'none' || reduction === null) return weighted;
  const total = ops.sum(weighted);
  if (reduction === 'sum') return total;
  if (reduction === 'mean_with_sample_weight' && weights) return divideNoNan(total, ops.sum(weights));
  return ops.divide(total, Math.max(weighted.size, 1));
}

/**
 * The sample weights with a mask applied, as Keras's `apply_mask`: for the mean reductions a kept
 * value weighs (number of values / number kept), so the mean is over the kept values only.
 */
function maskedWeights(sampleWeight: Tensor | undefined, mask: Tensor | undefined, reduction: Reduction | null): Tensor | undefined {
  if (!mask) return sampleWeight;
  let floatMask = ops.cast(mask, 'float32');
  if (reduction === 'mean' || reduction === 'sum_over_batch_size') {
    floatMask = ops.multiply(floatMask, divideNoNan(ops.cast(mask.size, 'float32'), ops.sum(floatMask)));
  }
  if (!sampleWeight) return floatMask;
  const [m, w] = sameRank(floatMask, sampleWeight);
  return ops.multiply(w, m);
}

/** `a / b`, or 0 where `b` is 0, as Keras's `divide_no_nan`. */
function divideNoNan(a: Tensor, b: Tensor): Tensor {
  const isZero = ops.equal(b, 0);
  return ops.where(isZero, 0, ops.divide(a, ops.add(b, isZero)));
}

/**
 * Keras's `squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True)`: when the ranks differ by
 * one and the longer has a trailing 1, a rank-1 partner gains a trailing axis, otherwise the
 * trailing 1 is dropped. Values of shape [N] and weights of shape [N, 1] thus stay sample-wise.
 */
export function sameRank(x1: Tensor, x2: Tensor): [Tensor, Tensor] {
  if (x1.rank === x2.rank + 1 && x1.shape[x1.rank - 1] === 1) {
    return x2.rank === 1 ? [x1, ops.reshape(x2, [...x2.shape, 1])] : [ops.reshape(x1, x1.shape.slice(0, -1)), x2];
  }
  if (x2.rank === x1.rank + 1 && x2.shape[x2.rank - 1] === 1) {
    return x1.rank === 1 ? [ops.reshape(x1, [...x1.shape, 1]), x2] : [x1, ops.reshape(x2, x2.shape.slice(0, -1))];
  }
  return [x1, x2];
}
