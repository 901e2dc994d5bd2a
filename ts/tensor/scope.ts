/**
 * Memory scopes, as in TensorFlow.js: every tensor created inside `tidy(fn)` is freed when `fn`
 * returns, except the tensors it returns (which move to the enclosing scope) and those passed
 * to `keep()`. Outside any scope, tensors live until `dispose()`.
 */
// A cycle with tensor.ts (which calls `track`); `Tensor` is only used inside functions.
import { Tensor } from './tensor.js';

const scopes: Set<Tensor>[] = [];

/** Called by every new Tensor: the innermost scope will free it. */
export function track(t: Tensor): void {
  scopes[scopes.length - 1]?.add(t);
}

/** Exempts `t` from the scopes it is in; the caller becomes responsible for disposing it. */
export function keep<T extends Tensor>(t: T): T {
  for (const scope of scopes) scope.delete(t);
  return t;
}

/** Anything that holds tensors: a tensor, or arrays and plain objects of them. */
export type TensorContainer = Tensor | TensorContainer[] | { [key: string]: TensorContainer } | number | string | boolean | null | undefined | void;

/** Runs `fn` and frees every tensor it created except those in its result. `fn` must be synchronous. */
export function tidy<T extends TensorContainer>(fn: () => T): T;
export function tidy<T extends TensorContainer>(name: string, fn: () => T): T;
export function tidy<T extends TensorContainer>(nameOrFn: string | (() => T), maybeFn?: () => T): T {
  const fn = typeof nameOrFn === 'function' ? nameOrFn : maybeFn!;
  const scope = new Set<Tensor>();
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
    if (result instanceof Promise) throw new Error('tidy() cannot take an async function: tensors would be freed before the promise settles');
  } finally {
    scopes.pop();
  }
  const survivors = new Set<Tensor>();
  collectTensors(result, survivors);
  for (const t of scope) {
    if (survivors.has(t)) track(t);
    else t.dispose();
  }
  return result;
}

/** Disposes every tensor found in `container`. */
export function dispose(container: TensorContainer): void {
  const found = new Set<Tensor>();
  collectTensors(container, found);
  for (const t of found) t.dispose();
}

function collectTensors(value: unknown, into: Set<Tensor>): void {
  if (value === null || typeof value !== 'object') return;
  if (value instanceof Tensor) {
    into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectTensors(v, into);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) collectTensors(v, into);
  }
}
