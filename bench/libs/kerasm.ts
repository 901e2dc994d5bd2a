/**
 * kerasm as a bench `Library`, through its public API only. The build and the thread count come
 * from `KERASM_VARIANT` and `KERASM_THREADS`, which the parent sets per child process.
 */
import type { Library } from './library.js';

export async function loadKerasm(): Promise<Library> {
  const km = await import('../../ts/index.js');
  const info = km.runtime.info();
  return {
    name: 'kerasm',
    backend: info.variant,
    threads: info.threads,
    facts: { variant: info.variant },

    matmul(a, b, n) {
      const [ka, kb] = [km.tensor(a, [n, n]), km.tensor(b, [n, n])];
      return {
        run() {
          const c = km.ops.matmul(ka, kb);
          const values = c.dataSync() as Float32Array;
          c.dispose();
          return values;
        },
        dispose: () => km.dispose([ka, kb]),
      };
    },

    async mlp() {
      throw new Error('kerasm training is not exposed yet');
    },
  };
}
