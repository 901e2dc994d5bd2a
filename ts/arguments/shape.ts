/**
 * Keras's shape arguments (`backend.standardize_shape`): dimensions that are integers >= 0 or null
 * (unknown); and the sizes kerasm can hold, checked before anything is allocated, so that a size
 * read from a file (`units: 1e12`) is a ValueError, not an allocation that fails or exhausts memory.
 */
import { ValueError } from '../utils/errors.js';
import { formatShape, pythonRepr, pythonStr, pythonTypeName } from '../utils/python_repr.js';

/** The most values one tensor holds: the compute core's limit (2^28, 1 GiB of float32). */
export const MAX_TENSOR_VALUES = 2 ** 28;

/** A size argument (`units`, `filters`, a dimension) no tensor could hold: a ValueError naming it. */
export function checkSizeArgument(name: string, value: number): number {
  if (value > MAX_TENSOR_VALUES) throw new ValueError(`\`${name}\`=${value} is larger than any tensor kerasm can hold (${MAX_TENSOR_VALUES} values).`);
  return value;
}

/** Checks, before allocating, that a tensor of `shape` fits the core's limit; `what` names it in the error. */
export function checkTensorSize(shape: readonly number[], what: string): void {
  const size = shape.reduce((n, d) => n * d, 1);
  if (size > MAX_TENSOR_VALUES) throw new ValueError(`${what}: a tensor of shape ${formatShape(shape)} would hold more than ${MAX_TENSOR_VALUES} values.`);
}

/** A copy of `value` checked as a shape, with Keras's messages for anything else. */
export function standardizeShape(value: unknown): (number | null)[] {
  if (value === null || value === undefined) throw new ValueError('Undefined shapes are not supported.');
  if (!Array.isArray(value)) throw new ValueError(`Cannot convert '${pythonStr(value)}' to a shape.`);
  const shape = `Cannot convert '${pythonRepr(value, 'tuple')}' to a shape.`;
  return value.map((d: unknown) => {
    if (d === null) return null;
    if (typeof d !== 'number' || !Number.isInteger(d)) {
      throw new ValueError(`${shape} Found invalid dimension '${pythonStr(d)}' of type '<class '${pythonTypeName(d)}'>'. `);
    }
    if (d < 0) throw new ValueError(`${shape} Negative dimensions are not allowed.`);
    return checkSizeArgument('shape', d);
  });
}
