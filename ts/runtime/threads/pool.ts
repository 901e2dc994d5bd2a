/**
 * Starts the threaded build's pool: `threads - 1` helpers in the host's kind of thread, then the
 * pool itself, with the loading thread as its first member (see `crates/kerasm-wasm/src/pool.rs`).
 */
import type { Glue } from '../binding.js';
import { threadedGlueUrl } from '../builds.js';
import { isNode } from '../host.js';
import type { HelperInit } from './protocol.js';

export async function startPool(glue: Glue, threads: number): Promise<void> {
  const init: HelperInit = { module: glue.wasm_module() as WebAssembly.Module, memory: glue.wasm_memory() as WebAssembly.Memory };
  if (isNode) {
    const node = await import('./node.js');
    await node.startHelpers(threadedGlueUrl(), threads - 1, init);
    glue.build_pool(threads);
    node.releaseHelpers();
  } else {
    const browser = await import('./browser.js');
    await browser.startHelpers(threads - 1, init);
    glue.build_pool(threads);
  }
}
