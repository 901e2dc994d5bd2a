/** Tensors made from a shape, as in `keras.ops`: `zeros`. */
import { upload } from '../tensor/create.js';
import type { DType, Shape, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { formatShape } from '../utils/python_repr.js';

/** A tensor of `shape` filled with zeros, as `keras.ops.zeros` (float32 unless `dtype` says int32). */
export function zeros(shape: Shape, dtype: DType = 'float32'): Tensor {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new ValueError(`zeros: 'shape' must be an array of non-negative integers, received ${Array.isArray(shape) ? formatShape(shape) : String(shape)}`);
  }
  if (dtype !== 'float32' && dtype !== 'int32') throw new ValueError(`zeros: unknown dtype '${String(dtype)}', expected 'float32' or 'int32'`);
  return upload(new Float32Array(shape.reduce((n, d) => n * d, 1)), shape, dtype);
}
