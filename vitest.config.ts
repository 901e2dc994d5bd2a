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
        test: { name: 'threaded', include: ['tests/**/*.test.ts'], env: { KERASM_VARIANT: 'threaded' } },
      },
      {
        extends: true,
        test: {
          name: 'simd',
          include: ['tests/{runtime,tensor,ops,layers,models}/**/*.test.ts', 'tests/saving/**/*.test.ts', 'tests/*.test.ts'],
          env: { KERASM_VARIANT: 'simd' },
        },
      },
    ],
  },
});
