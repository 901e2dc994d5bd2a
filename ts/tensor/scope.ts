/**
 * Memory scopes. `tidy(fn)` is TensorFlow.js's: every tensor created inside the synchronous `fn`
 * is freed when `fn` returns (or throws), except the tensors it returns (which move to the
 * enclosing scope) and those passed to `keep()`. Outside any scope, tensors live until `dispose()`.
 *
 * `Scope` and `tidyAsync` are for code that awaits. A scope on a global stack cannot span an
 * `await`: other async tasks run during it and their tensors would land in it. A `Scope` is an
 * explicit object instead: a tensor belongs to the scope whose synchronous `run` created it, so
 * interleaved tasks never mix, in every host (no async-context API is needed).
 */
// A cycle with tensor.ts (which calls `track`); `Tensor` is only used inside functions.
import { Tensor, type TypedArray } from './tensor.js';

/** The scopes whose synchronous code is running, innermost last (`tidy` and `Scope.run` push). */
const stack: Set<Tensor>[] = [];
/** The tensor sets of every `Scope` not yet disposed: `keep()` must reach them between runs too. */
const openScopes = new Set<Set<Tensor>>();

/** Called by every new Tensor: the innermost scope will free it. */
export function track(t: Tensor): void {
  stack[stack.length - 1]?.add(t);
}

/**
 * Frees `t` when the innermost running scope ends, or at once outside any scope: for a value that
 * work in progress in that scope may still read (a gradient being recorded from it, say).
 */
export function disposeWithScope(t: Tensor): void {
  const scope = stack[stack.length - 1];
  if (scope) scope.add(t);
  else t.dispose();
}

/** Exempts `t` from the scopes it is in; the caller becomes responsible for disposing it. */
export function keep<T extends Tensor>(t: T): T {
  for (const scope of stack) scope.delete(t);
  for (const scope of openScopes) scope.delete(t);
  return t;
}

/**
 * Anything that holds tensors: a tensor, or arrays and plain objects of them; or values that hold
 * none (numbers, strings, a tensor's data read out as a typed array), as TensorFlow.js allows.
 */
export type TensorContainer =
  | Tensor
  | TensorContainer[]
  | { [key: string]: TensorContainer }
  | TypedArray
  | number
  | string
  | boolean
  | null
  | undefined
  | void;

/**
 * Runs `fn` and frees every tensor it created except those in its result; if `fn` throws, frees
 * them all. `fn` must be synchronous (use {@link tidyAsync} for async code).
 */
export function tidy<T extends TensorContainer>(fn: () => T): T;
export function tidy<T extends TensorContainer>(name: string, fn: () => T): T;
export function tidy<T extends TensorContainer>(nameOrFn: string | (() => T), maybeFn?: () => T): T {
  const fn = typeof nameOrFn === 'function' ? nameOrFn : maybeFn!;
  const scope = new Set<Tensor>();
  const result = runIn(scope, fn, 'tidy() cannot take an async function: tensors would be freed before the promise settles. Use tidyAsync().');
  const survivors = tensorsIn(result);
  for (const t of scope) {
    if (survivors.has(t)) track(t);
    else t.dispose();
  }
  return result;
}

/**
 * A memory scope that stays correct across `await`: the tensors created by its synchronous
 * {@link Scope.run} calls (and those tidy returns inside them) belong to it, whatever other async
 * tasks do in between, until {@link Scope.dispose} frees them.
 *
 * @example
 * const scope = new Scope();
 * const y = scope.run(() => ops.add(x, 1));
 * await somethingElse();
 * const z = scope.run(() => ops.multiply(y, 2));
 * const kept = scope.keep(z);   // z now belongs to the caller
 * scope.dispose();              // frees y (and anything else the scope tracked)
 */
export class Scope {
  private readonly tracked = new Set<Tensor>();
  private open = true;

  constructor() {
    openScopes.add(this.tracked);
  }

  /** Runs the synchronous `fn`; every tensor it creates and does not `keep()` belongs to this scope. */
  run<T>(fn: () => T): T {
    this.checkOpen('run');
    return runIn(this.tracked, fn, 'Scope.run() takes a synchronous function: tensors created after its first await would not be tracked. Call run() again after each await.');
  }

  /** Removes the tensors in `container` from this scope (the caller disposes them); returns `container`. */
  keep<T extends TensorContainer>(container: T): T {
    for (const t of tensorsIn(container)) this.tracked.delete(t);
    return container;
  }

  /** Moves the tensors in `container` into this scope (out of any other); returns `container`. */
  adopt<T extends TensorContainer>(container: T): T {
    this.checkOpen('adopt');
    for (const t of tensorsIn(container)) this.tracked.add(keep(t));
    return container;
  }

  /** How many live tensors the scope holds. */
  get size(): number {
    let n = 0;
    for (const t of this.tracked) if (!t.isDisposed) n++;
    return n;
  }

  /** Frees every tensor the scope holds; the scope cannot be used afterwards. Calling it again does nothing. */
  dispose(): void {
    if (!this.open) return;
    this.open = false;
    openScopes.delete(this.tracked);
    for (const t of this.tracked) t.dispose();
    this.tracked.clear();
  }

  private checkOpen(what: string): void {
    if (!this.open) throw new Error(`Scope.${what}(): the scope was disposed`);
  }
}

/**
 * The async counterpart of `tidy`: calls `fn` with a new {@link Scope}, then frees every tensor
 * the scope holds except those in the resolved value (which the caller then owns), also when `fn`
 * throws. Create tensors inside `scope.run(() => ...)`; concurrent `tidyAsync` calls never free
 * each other's tensors.
 *
 * @example
 * const mean = await tidyAsync(async (scope) => {
 *   const batch = scope.run(() => ops.divide(images, 255));
 *   await nextFrame();
 *   return scope.run(() => ops.mean(batch));
 * });
 */
export async function tidyAsync<T extends TensorContainer>(fn: (scope: Scope) => Promise<T>): Promise<T> {
  const scope = new Scope();
  try {
    return scope.keep(await fn(scope));
  } finally {
    scope.dispose();
  }
}

/** Disposes every tensor found in `container`. */
export function dispose(container: TensorContainer): void {
  for (const t of tensorsIn(container)) t.dispose();
}

/** Runs `fn` with `scope` innermost; frees what it tracked if `fn` throws; refuses a promise. */
function runIn<T>(scope: Set<Tensor>, fn: () => T, asyncMessage: string): T {
  stack.push(scope);
  let result: T;
  try {
    result = fn();
    if (result instanceof Promise) throw new Error(asyncMessage);
  } catch (e) {
    stack.pop();
    freeOnThrow(scope);
    throw e;
  }
  stack.pop();
  return result;
}

/** A throwing `tidy` frees everything it created; a throwing `Scope.run` leaves its tensors to `Scope.dispose`. */
function freeOnThrow(scope: Set<Tensor>): void {
  if (openScopes.has(scope)) return;
  for (const t of scope) t.dispose();
  scope.clear();
}

function tensorsIn(container: unknown): Set<Tensor> {
  const found = new Set<Tensor>();
  collectTensors(container, found);
  return found;
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
