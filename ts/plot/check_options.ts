/**
 * Argument checks shared by the plotting functions: options arrive from JavaScript callers too,
 * so a misspelt key or a wrong type is an error that names the function, not a silent default.
 */
import { ValueError } from '../utils/errors.js';

/** Rejects keys of `options` that `fn` does not take (Keras: "Unrecognized keyword arguments"). */
export function checkKnownKeys(fn: string, options: object, known: readonly string[]): void {
  if (options === null || typeof options !== 'object') {
    throw new ValueError(`${fn}: options must be an object, received ${options === null ? 'null' : typeof options}.`);
  }
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new ValueError(`${fn}: unrecognized options ${JSON.stringify(unknown)}. Expected some of ${JSON.stringify(known)}.`);
  }
}

/** `value` when it is one of `allowed` (or undefined, giving `fallback`). */
export function oneOf<T extends string>(fn: string, option: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new ValueError(`${fn}: \`${option}\` must be one of ${JSON.stringify(allowed)}, received ${JSON.stringify(value)}.`);
  }
  return value as T;
}

/** `value` when it is a boolean (or undefined, giving `fallback`). */
export function flag(fn: string, option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ValueError(`${fn}: \`${option}\` must be a boolean, received ${JSON.stringify(value)}.`);
  return value;
}

/** `value` when it is a finite number above zero (or undefined, giving `fallback`). */
export function positive(fn: string, option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(`${fn}: \`${option}\` must be a positive number, received ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Checks that `value` is a string when given. */
export function optionalText(fn: string, option: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'string') throw new ValueError(`${fn}: \`${option}\` must be a string, received ${JSON.stringify(value)}.`);
}
