/**
 * Python's way of printing values, for messages and labels that quote Keras word for word:
 * `None`, `True`, `'text'`, tuples `(2, 2)` / `(None,)`, lists `[1, 2]`, numpy's `[None 4 4 1]`.
 */

/** A shape or tuple as Python prints it: `(None, 3)`, with the trailing comma of `(5,)`. */
export function formatShape(values: readonly unknown[]): string {
  return tuple(values.map((v) => pythonRepr(v)));
}

/**
 * `repr(value)` as Python gives it for the JSON-like values Keras's arguments hold. Arrays are
 * printed as lists (`[1, 2]`), or as tuples (`(1, 2)`) with `sequences: 'tuple'`, which is how
 * Keras's `standardize_tuple` and shape messages show them.
 */
export function pythonRepr(value: unknown, sequences: 'list' | 'tuple' = 'list'): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return pythonQuoted(value);
  if (typeof value === 'number') return pythonNumber(value);
  if (Array.isArray(value)) {
    if (sequences === 'list') return `[${value.map((v) => pythonRepr(v)).join(', ')}]`;
    return tuple(value.map((v) => pythonRepr(v, 'tuple')));
  }
  if (typeof value === 'function') return `<function ${value.name || 'lambda'}>`;
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== Object.prototype && proto !== null) return `<${(value as object).constructor?.name ?? 'object'} object>`;
    return `{${Object.entries(value).map(([k, v]) => `${pythonQuoted(k)}: ${pythonRepr(v, sequences)}`).join(', ')}}`;
  }
  return String(value);
}

/** `str(value)`, what an f-string prints: `repr` but for a string, which appears bare. */
export function pythonStr(value: unknown, sequences: 'list' | 'tuple' = 'list'): string {
  return typeof value === 'string' ? value : pythonRepr(value, sequences);
}

/** A string as Python's `repr` quotes it: `'float32'`. */
export function pythonQuoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** How numpy prints a 1-D array: `[None 4 4 1]`. */
export function numpyRepr(values: readonly (number | null)[]): string {
  return `[${values.map((v) => (v === null ? 'None' : String(v))).join(' ')}]`;
}

/** Python's type name of a JavaScript value, for "of type <class 'float'>" messages. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'function') return 'function';
  return (value as object).constructor?.name ?? 'object';
}

/** Items already printed, as a Python tuple (with the trailing comma of a 1-tuple). */
function tuple(items: string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}
