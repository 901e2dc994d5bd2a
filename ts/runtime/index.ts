/** The `runtime` namespace: which WebAssembly build runs, and how many threads it uses. */
export { init, info } from './loader.js';
export type { InitOptions, RuntimeInfo, Variant } from './loader.js';
