/**
 * Reading configs that come from files or from JSON. A value read from one is checked for the type
 * the reader expects before it is used, and a wrong one is a ValueError naming where it was found
 * (`layer 'dense_1'`, `config.json`) and what was expected, never a TypeError further on. A name
 * read from a config is looked up among an object's own properties only, so `'constructor'` or
 * `'__proto__'` is an unknown name, not something of `Object.prototype`.
 */
import { ValueError } from './errors.js';
import { pythonRepr } from './python_repr.js';

/** How deep a config's JSON may nest: ~80 models nested in one another (3 levels each); real ones nest a few. */
export const MAX_CONFIG_DEPTH = 256;

/** Whether `value` is a JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `record[name]` when it is `record`'s own property, else undefined. */
export function ownValue<T>(record: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** The start of `value`'s Python repr, for messages about values that may be large. */
function received(value: unknown): string {
  const repr = pythonRepr(value);
  return repr.length > 120 ? `${repr.slice(0, 120)}…` : repr;
}

/** `value` as an object, or a ValueError saying `where` expected one. */
export function readObject(value: unknown, where: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new ValueError(`${where}: expected an object, received ${received(value)}.`);
  return value;
}

/** `config[key]` as a list, or a ValueError naming the key. */
export function readArray(config: Record<string, unknown>, key: string, where: string): unknown[] {
  const value = ownValue(config, key);
  if (!Array.isArray(value)) throw new ValueError(`${where}: \`${key}\` must be a list, received ${received(value)}.`);
  return value;
}

/** `config[key]` as a list, or `fallback` when the key is missing or null. */
export function readOptionalArray(config: Record<string, unknown>, key: string, where: string, fallback: unknown[] = []): unknown[] {
  const value = ownValue(config, key);
  return value === undefined || value === null ? fallback : readArray(config, key, where);
}

/** `config[key]` as a string, or undefined when it is missing or null. */
export function readOptionalString(config: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = ownValue(config, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ValueError(`${where}: \`${key}\` must be a string, received ${received(value)}.`);
  return value;
}

/**
 * Checks that `value` (parsed JSON) nests at most {@link MAX_CONFIG_DEPTH} levels, walking it
 * without recursion, so that the readers after it cannot overflow the stack.
 */
export function checkDepth(value: unknown, where: string): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > MAX_CONFIG_DEPTH) throw new ValueError(`${where}: the config nests more than ${MAX_CONFIG_DEPTH} levels deep; it is not a model kerasm can read.`);
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
}

/** The JSON `text` parsed and its depth checked; `where` names it in errors. */
export function parseConfigJson(text: string, where: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ValueError(`${where} is not valid JSON (${(e as Error).message}).`);
  }
  checkDepth(value, where);
  return value;
}
