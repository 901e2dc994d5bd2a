/**
 * `npm run demo:web`: serves the demo page with the headers that make it cross-origin isolated
 * (so its kerasm Worker gets SharedArrayBuffer and the threaded build). The page imports kerasm
 * by relative paths to ts/ (type-checked with the library); they are served from the built
 * package in dist/ts, as an application would use the published package.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: [{ find: /^(\.\.\/)+ts\//, replacement: `${repo}/dist/ts/` }] },
  server: { headers: ISOLATION_HEADERS, fs: { allow: [repo] } },
  preview: { headers: ISOLATION_HEADERS },
  // kerasm's workers are ES modules (top-level await, the pool's nested workers).
  worker: { format: 'es' },
  // The package's workers and wasm are loaded by URL; pre-bundling would move them.
  optimizeDeps: { noDiscovery: true, include: [] },
});
