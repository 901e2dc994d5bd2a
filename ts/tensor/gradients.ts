/**
 * Gradients through the Rust tape: run `f` while recording, then one call computes every
 * gradient inside WebAssembly. The tape is cleared afterwards, whatever happens.
 */
import { call } from '../runtime/binding.js';
import { ValueError } from '../utils/errors.js';
import { wrap } from './create.js';
import type { Tensor } from './tensor.js';

/** The value `f()` and its gradient with respect to each source (null where it does not depend on it). */
export function valueAndGrads(f: () => Tensor, sources: Tensor[]): { value: Tensor; grads: (Tensor | null)[] } {
  const handles = Uint32Array.from(sources.map((s) => s.handle));
  call('valueAndGrads', (w) => w.tape_start());
  try {
    const value = f();
    if (value.size !== 1) throw new ValueError(`valueAndGrads: f must return a scalar, received shape [${value.shape.join(', ')}]`);
    const gradHandles = call('valueAndGrads', (w) => w.tape_gradients(value.handle, handles));
    const grads = Array.from(gradHandles, (h) => (h === NO_GRADIENT ? null : wrap('valueAndGrads', h)));
    return { value, grads };
  } finally {
    call('valueAndGrads', (w) => w.tape_clear());
  }
}

/** Mirrors `NO_GRADIENT` in crates/kerasm-wasm/src/api/tape.rs. */
const NO_GRADIENT = 0xffffffff;
