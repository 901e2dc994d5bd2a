/**
 * Python's `str()` of the values Keras puts in a plot's labels, so a kerasm plot reads like
 * Keras's: shapes as tuples (`(None, 32)`, `(None,)`) and lists as `[…]` with quoted strings.
 */
import type { SymbolicShape } from '../engine/shape.js';

/** `(None, 28, 28, 1)`; a one-dimensional shape keeps Python's trailing comma: `(None,)`. */
export function pythonShape(shape: SymbolicShape): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** A list in Python's form: `[(None, 4), (None, 3)]`, `['float32', 'int32']`. */
export function pythonList(items: string[]): string {
  return `[${items.join(', ')}]`;
}

/** A string as Python's `repr` quotes it inside a list: `'float32'`. */
export function pythonQuoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
