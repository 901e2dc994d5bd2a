/** Keras's `axis` arguments: an integer or several, negative from the end, checked against a rank. */
import { ValueError } from '../utils/errors.js';
import { formatShape, pythonRepr } from '../utils/python_repr.js';

/** Checks that `axis` is an integer (or, with `several`, a list of integers). */
export function standardizeAxis(value: unknown, several: true): number | number[];
export function standardizeAxis(value: unknown, several?: false): number;
export function standardizeAxis(value: unknown, several = false): number | number[] {
  const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
  if (isInt(value) || (several && Array.isArray(value) && value.length > 0 && value.every(isInt))) return value as number | number[];
  const expected = several ? 'an integer or a list of integers' : 'an integer value';
  throw new ValueError(`Expected ${expected} for \`axis\`. Received: axis=${pythonRepr(value)}`);
}

/** The non-negative position of `axis` in a shape of `shape.length` axes; Keras's message when out of bounds. */
export function canonicalAxis(axis: number, shape: readonly (number | null)[], received: number | number[] = axis): number {
  const rank = shape.length;
  if (axis >= rank || axis < -rank) {
    throw new ValueError(`Axis ${axis} is out of bounds for input shape ${formatShape(shape)}. Received: axis=${pythonRepr(received)}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Every axis of `axes` made non-negative, checked against `shape`. */
export function canonicalAxes(axes: number | number[], shape: readonly (number | null)[]): number[] {
  return (Array.isArray(axes) ? axes : [axes]).map((a) => canonicalAxis(a, shape, axes));
}

/** Keras's `canonicalize_axis`, the ops' form (NumPy's message): `axis` in `[-rank, rank)` made non-negative. */
export function canonicalizeAxis(axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ValueError(`axis ${pythonRepr(axis)} is out of bounds for an array with dimension ${rank}.`);
  }
  return axis < 0 ? axis + rank : axis;
}
