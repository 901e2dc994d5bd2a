/**
 * The one gateway from TypeScript into the WebAssembly module. Every call goes through `call`,
 * which turns Rust errors into `ValueError` and a trap into a `KerasmRuntimeError` that says it
 * is a bug, so a bare "unreachable" never reaches the user.
 */
import { KerasmRuntimeError, ValueError } from '../utils/errors.js';

/** The wasm-bindgen glue; the threaded build adds the pool entry points. */
export type Glue = typeof import('../wasm/threaded/kerasm_wasm.js');

let glue: Glue | null = null;
let trapped: string | null = null;
let calls = 0;

export function setGlue(loaded: Glue): void {
  glue = loaded;
}

export function isLoaded(): boolean {
  return glue !== null;
}

/** The loaded module, or a clear error when `init()` has not finished. */
export function wasm(): Glue {
  if (trapped !== null) throw new KerasmRuntimeError(`the kerasm runtime stopped after a trap in '${trapped}'; reload it`);
  if (glue === null) throw new ValueError('kerasm is not initialised yet: await runtime.init() (or import kerasm, which does it) first');
  return glue;
}

/** Runs one export on behalf of op `op`. */
export function call<T>(op: string, f: (w: Glue) => T): T {
  const w = wasm();
  calls++;
  try {
    return f(w);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      trapped = op;
      throw new KerasmRuntimeError(`kernel '${op}' trapped (${e.message}); this is a kerasm bug, please report it`);
    }
    if (e instanceof Error && !(e instanceof ValueError)) throw new ValueError(e.message);
    throw e;
  }
}

/**
 * How many times `call` has run an export since the module loaded. Every kernel, tensor
 * allocation and read goes through `call`, so code that leaves this count unchanged ran nothing in
 * WebAssembly: tests use it to show that shape inference is arithmetic.
 */
export function wasmCallCount(): number {
  return calls;
}

/** The module's memory; take `.buffer` afresh for every copy, since growth replaces it. */
export function memory(): WebAssembly.Memory {
  return wasm().wasm_memory() as WebAssembly.Memory;
}
