/**
 * `toCategorical`, as `keras.utils.to_categorical`: class ids to one-hot rows, the class axis
 * last. Keras treats arrays and tensors differently and so does this: arrays (numbers, nested
 * arrays, typed arrays) follow NumPy's path (values truncated to integers, a negative id counting
 * from the end, an id out of range an error), tensors `ops.oneHot`'s (whole numbers only, an id out
 * of range an all-zero row). Both give float32, where Keras's NumPy path gives float64.
 */
import { tensor, upload } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import { type NestedArray, type Shape, Tensor, type TypedArray } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr, pythonTypeName } from '../utils/python_repr.js';
import { oneHot } from './gather.js';
import { max } from './reduce.js';
import { reshape } from './shape.js';

/**
 * The one-hot encoding of the class ids `x`: shape `x.shape + [numClasses]`, except that a last
 * axis of size 1 is replaced (`[n, 1]` gives `[n, numClasses]`). `numClasses` defaults to the
 * largest id plus one (for tensors too, where Keras requires it).
 *
 * @example
 * utils.toCategorical([0, 2, 1], 3);   // [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
 */
export function toCategorical(x: Tensor | TypedArray | NestedArray, numClasses: number | null = null): Tensor {
  const classes = checkNumClasses(numClasses);
  if (x instanceof Tensor) return fromTensor(x, classes);
  const input = tensor(x);
  const [values, shape] = [input.dataSync(), input.shape];
  input.dispose();
  return fromIds(classIds(values), shape, classes);
}

/** `numClasses` as Keras takes it: a positive integer, or null / 0 to infer it. */
function checkNumClasses(numClasses: number | null): number | null {
  if (numClasses === null || numClasses === undefined || numClasses === 0) return null;
  if (typeof numClasses !== 'number' || !Number.isInteger(numClasses)) {
    throw new ValueError(`'${pythonTypeName(numClasses)}' object cannot be interpreted as an integer. Received: num_classes=${pythonRepr(numClasses)}`);
  }
  if (numClasses < 0) throw new ValueError(`negative dimensions are not allowed. Received: num_classes=${numClasses}`);
  return numClasses;
}

/** The shape without a last axis of size 1 (Keras shrinks `(..., 1)` to `(...)` when the rank is above 1). */
function shrunk(shape: Shape): Shape {
  return shape.length > 1 && shape[shape.length - 1] === 1 ? shape.slice(0, -1) : shape;
}

/** The values as NumPy's `np.array(x, dtype='int64')` makes them: truncated toward zero; NaN and infinities refused. */
function classIds(values: ArrayLike<number>): Int32Array {
  return Int32Array.from(values, (v) => {
    if (Number.isNaN(v)) throw new ValueError('cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw new ValueError('cannot convert float infinity to integer');
    return Math.trunc(v);
  });
}

/** NumPy's path: a 1 at each id, an id below zero counting from the last class, one out of range an error. */
function fromIds(ids: Int32Array, shape: Shape, numClasses: number | null): Tensor {
  if (numClasses === null && ids.length === 0) throw new ValueError('zero-size array to reduction operation maximum which has no identity');
  const classes = numClasses ?? ids.reduce((a, b) => Math.max(a, b), -Infinity) + 1;
  if (classes < 0) throw new ValueError(`negative dimensions are not allowed. Received: num_classes=${classes} (the largest class id plus one)`);
  const rows = new Float32Array(ids.length * classes);
  ids.forEach((id, row) => {
    if (id >= classes || id < -classes) throw new ValueError(`index ${id} is out of bounds for axis 1 with size ${classes}`);
    rows[row * classes + (id < 0 ? id + classes : id)] = 1;
  });
  return upload(rows, [...shrunk(shape), classes], 'float32');
}

/** The tensor path: `ops.oneHot` over the ids with a last axis of size 1 shrunk. */
function fromTensor(x: Tensor, numClasses: number | null): Tensor {
  return tidy(() => {
    const classes = numClasses ?? largestId(x) + 1;
    return oneHot(reshape(x, shrunk(x.shape)), classes);
  });
}

function largestId(x: Tensor): number {
  if (x.size === 0) throw new ValueError('zero-size array to reduction operation maximum which has no identity');
  return max(x).dataSync()[0]!;
}
