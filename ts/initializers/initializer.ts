/**
 * The base of Keras's initializers, and the one way they make a tensor: values computed here
 * (from a seeded generator, for the random ones) and uploaded once; this is not a hot path.
 */
import { type Signature, signature } from '../arguments/signature.js';
import { numericDtype } from '../arguments/dtype.js';
import { upload } from '../tensor/create.js';
import { checkTensorSize } from '../arguments/shape.js';
import type { DType, Shape, Tensor } from '../tensor/tensor.js';

/** The base class of initializers, as `keras.initializers.Initializer`: `call(shape)` draws a tensor. */
export abstract class Initializer {
  static className = 'Initializer';
  /** Keras's `Initializer()` takes no arguments; each subclass declares its own. */
  static readonly signature: Signature<object> = signature<object>()({});

  /** Draws a tensor of `shape`. */
  abstract call(shape: Shape, dtype?: DType): Tensor;

  /** The constructor arguments, with Keras's snake_case keys (none for the base class). */
  getConfig(): Record<string, unknown> {
    return {};
  }
}

/** A tensor of `shape` whose i-th value (row-major) is `draw(i)`. */
export function filled(shape: Shape, dtype: DType, draw: (i: number) => number): Tensor {
  checkTensorSize(shape, 'initializer');
  const n = shape.reduce((a, b) => a * b, 1);
  const values = dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = draw(i);
  return upload(values, shape, numericDtype(dtype, 'An initializer\'s tensor'));
}
