/**
 * Where the two WebAssembly builds live. Every specifier is a literal relative to this file, so a
 * bundler (Vite, webpack, esbuild) sees both builds, copies their `.wasm` files and rewrites the
 * URLs; unbundled (Node, a page served as is) they resolve beside the compiled loader.
 */
import type { Glue } from './binding.js';

export type Variant = 'threaded' | 'simd';

export interface Build {
  /** Imports the wasm-bindgen glue (JavaScript) of the build. */
  glue(): Promise<Glue>;
  /** The URL of the build's `.wasm` file. */
  wasmUrl(): URL;
}

export const builds: Record<Variant, Build> = {
  threaded: {
    glue: () => import('../wasm/threaded/kerasm_wasm.js'),
    wasmUrl: () => new URL('../wasm/threaded/kerasm_wasm_bg.wasm', import.meta.url),
  },
  simd: {
    // The single-thread glue lacks only the pool entry points, which are never called on it.
    glue: () => import('../wasm/simd/kerasm_wasm.js') as Promise<unknown> as Promise<Glue>,
    wasmUrl: () => new URL('../wasm/simd/kerasm_wasm_bg.wasm', import.meta.url),
  },
};

/** The threaded glue's URL, for the Node pool threads that import it themselves. */
export function threadedGlueUrl(): string {
  return new URL('../wasm/threaded/kerasm_wasm.js', import.meta.url).href;
}
