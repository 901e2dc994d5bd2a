/**
 * What an argument's error message says it received. Keras prints the value (`units=10`), which
 * for the string '10' reads as the number it is not; such a string is followed by its Python type,
 * as Keras's Embedding writes it: `units=10 (of type str)`. Other values read as what they are.
 */

/** `' (of type str)'` for a string that prints like a number (or like nothing); `''` otherwise. */
export function ofType(value: unknown): string {
  const looksNumeric = typeof value === 'string' && (value.trim() === '' || !Number.isNaN(Number(value)));
  return looksNumeric ? ' (of type str)' : '';
}
