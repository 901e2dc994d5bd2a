/**
 * What the loading thread and a pool helper say to each other: the loading thread sends the
 * compiled module and its shared memory; the helper instantiates them, answers `HELPER_READY`,
 * then joins rayon's pool and never returns (see `crates/kerasm-wasm/src/pool.rs`).
 */

/** The message a helper receives. */
export interface HelperInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
}

/** A helper's answer once its instance runs on the shared memory. */
export const HELPER_READY = 'kerasm-pool-helper-ready';
