/**
 * `bincount`, as `keras.ops.bincount`: how many times each non-negative integer occurs in a
 * vector, or in each row of a matrix (one row of counts per row), each occurrence adding its
 * `weights` entry instead of 1 when given. The output has the largest value + 1 bins, at least
 * `minlength` (one count for every row of a matrix); int32 without weights, else the weights'
 * dtype. The gradient goes to the weights (each gets that of its bin). On a KerasTensor it
 * records Keras's `Bincount` node, the weights passed as the call's `weights` keyword so that
 * a symbolic weights tensor can be one.
 *
 * The categorical encoder also counts into exactly `depth` bins (ids outside `[0, depth)`
 * counting nowhere) and, for `multi_hot`, marks a bin hit at least once with 1, as
 * `tf.math.bincount`'s `maxlength` and `binary_output` do: `countIntoBins`.
 */
import { signature } from '../arguments/signature.js';
import { call } from '../runtime/binding.js';
import { wrap } from '../tensor/create.js';
import type { NumericDType, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';
import { type TensorArg, requireTensor } from './operands.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import type { TensorSpec } from './symbolic/spec.js';

interface BincountConfig {
  minlength: number;
  /** Keras's `sparse`: kerasm has no sparse tensors, so only false. */
  sparse: boolean;
}

/** The call's keywords: Keras's `weights`, and the encoder's fixed `depth` and `binary_output`. */
interface BincountKwargs {
  weights: Tensor | null;
  depth: number | null;
  binary_output: boolean;
}

/** A bin count the kernel takes (a u32 in WebAssembly). */
function checkLength(name: string, value: unknown): number {
  if (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0x7fffffff) return value as number;
  throw new ValueError(`bincount: \`${name}\` must be a non-negative integer, received ${pythonRepr(value)}`);
}

/** Refuses Keras's `sparse=True`. */
function checkDense(sparse: unknown): void {
  if (sparse !== false) throw new ValueError(`bincount: sparse=True is not supported: kerasm has no sparse tensors. Received: sparse=${pythonRepr(sparse)}`);
}

/** Checks `x` and the weights (specs or tensors) and gives the output dtype: int32, or the weights'. */
function checkInputs(x: { shape: readonly unknown[]; dtype: string }, weights: { dtype: string } | null): NumericDType {
  if (x.dtype !== 'int32') throw new ValueError(`bincount: x must have an integer type, received ${x.dtype}`);
  if (x.shape.length !== 1 && x.shape.length !== 2) throw new ValueError(`bincount: x must have rank 1 or 2, received rank ${x.shape.length}`);
  if (weights === null) return 'int32';
  if (weights.dtype === 'string') throw new ValueError('bincount: weights must be numbers, received a string tensor');
  return weights.dtype as NumericDType;
}

const Bincount = defineOp<[x: Tensor], BincountKwargs, BincountConfig>({
  className: 'Bincount', module: 'keras.src.ops.numpy',
  config: signature<BincountConfig>()({ minlength: 0, sparse: false }),
  compute: ([x], { weights, depth, binary_output: binary }, { minlength, sparse }) => {
    checkDense(sparse);
    const t = requireTensor(x, 'x', 'bincount');
    checkInputs(t, weights === null ? null : requireTensor(weights, 'weights', 'bincount'));
    const bins = checkLength('minlength', minlength);
    const fixed = depth === null ? undefined : checkLength('depth', depth);
    return wrap('bincount', call('bincount', (w) => w.bincount(t.handle, weights?.handle, bins, fixed, binary)));
  },
  outputSpec: ([x], { weights, depth }, { sparse }) => {
    checkDense(sparse);
    const dtype = checkInputs(x, weights as TensorSpec | null);
    return { shape: [...x.shape.slice(0, -1), depth], dtype };
  },
});

/** Options of `bincount`, as Keras's keywords. */
export interface BincountOptions<W extends TensorArg | null = TensorArg | null> {
  /** A weight per entry of `x` (its shape) added instead of 1. Default null. */
  weights?: W;
  /** The fewest bins. Default 0. */
  minlength?: number;
  /** Only false: kerasm has no sparse tensors. */
  sparse?: boolean;
}

/**
 * The counts of the int32 `x` (rank 1, or per row of rank 2) into `max(x) + 1` bins, at least
 * `minlength`; `x` must hold non-negative integers.
 *
 * @example
 * bincount(tensor([1, 2, 2, 3], [4], 'int32'));   // [0, 1, 2, 1], int32
 */
export function bincount<X extends TensorArg, W extends TensorArg | null = null>(x: X, options: BincountOptions<W> = {}): OpResult<X | W> {
  const { weights = null, minlength = 0, sparse = false } = options;
  return Bincount.invoke({ minlength, sparse }, [x], { weights, depth: null, binary_output: false }) as OpResult<X | W>;
}

/** Options of `countIntoBins`. */
export interface CountIntoBinsOptions {
  /** A weight per id (same shape) added instead of 1. */
  weights?: TensorArg | null;
  /** 1 for a bin hit at least once instead of the count (no weights then). */
  binaryOutput?: boolean;
}

/**
 * The counts of the int32 ids `x` (rank 1, or per row of rank 2) into exactly `depth` bins, ids
 * outside `[0, depth)` counting nowhere: the categorical encoder's `count` and `multi_hot`.
 */
export function countIntoBins(x: Tensor, depth: number, options?: CountIntoBinsOptions): Tensor;
export function countIntoBins(x: TensorArg, depth: number, options?: CountIntoBinsOptions): TensorArg;
export function countIntoBins(x: TensorArg, depth: number, options: CountIntoBinsOptions = {}): TensorArg {
  const { weights = null, binaryOutput = false } = options;
  return Bincount.invoke({ minlength: 0, sparse: false }, [x], { weights, depth, binary_output: binaryOutput });
}
