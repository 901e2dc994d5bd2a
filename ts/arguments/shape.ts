/** Keras's shape arguments (`backend.standardize_shape`): dimensions that are integers >= 0 or null (unknown). */
import { ValueError } from '../utils/errors.js';
import { pythonRepr, pythonStr, pythonTypeName } from '../utils/python_repr.js';

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
    return d;
  });
}
