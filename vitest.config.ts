import { defineConfig } from 'vitest/config';

// The same suites run against both WebAssembly builds (as tfjs runs one suite per backend);
// the single-thread build skips the slow training suites, which exercise no variant-specific code.
export default defineConfig({
  test: {
    // Every test file loads its own WebAssembly instance with a thread pool: keep files apart.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'threaded',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/{browser,edge}/**'],
          env: { KERASM_VARIANT: 'threaded' },
        },
      },
      {
        extends: true,
        test: {
          name: 'simd',
          include: ['tests/{runtime,tensor,arguments,ops,engine,layers,models,plot,saving,losses,metrics}/**/*.test.ts', 'tests/*.test.ts'],
          env: { KERASM_VARIANT: 'simd' },
        },
      },
      {
        // Hosts other than Node's main thread: Chromium pages and workers, and an edge-like
        // context; each test picks its build by what the host offers, so this runs once.
        extends: true,
        test: { name: 'hosts', include: ['tests/{browser,edge}/**/*.test.ts'] },
      },
    ],
  },
});
