/**
 * kerasm as a bench `Library`, through its public API only. The build and the thread count come
 * from `KERASM_VARIANT` and `KERASM_THREADS`, which the parent sets per child process.
 */
import { type Library, type MlpSpec, mlpWeightShapes } from './library.js';

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

    async mlp(spec: MlpSpec) {
      const model = new km.Sequential([
        km.Input({ shape: [spec.inputDim] }),
        new km.layers.Dense({ units: spec.hidden, activation: 'relu' }),
        new km.layers.Dense({ units: spec.classes, activation: 'softmax' }),
      ]);
      model.compile({ optimizer: new km.optimizers.Adam(spec.adam), loss: 'sparse_categorical_crossentropy' });
      const shapes = mlpWeightShapes(spec);
      const initial = spec.weights.map((w, i) => km.tensor(w, shapes[i]));
      model.setWeights(initial);
      km.dispose(initial);
      const batches = spec.batches.map(({ x, y }) => ({
        x: km.tensor(x, [spec.batchSize, spec.inputDim]),
        y: km.tensor(y, [spec.batchSize], 'int32'),
      }));
      return {
        async step(i) {
          const batch = batches[i % batches.length]!;
          return model.trainOnBatch(batch.x, batch.y) as number;
        },
        weights() {
          const copies = model.getWeights();
          const values = copies.map((w) => w.dataSync() as Float32Array);
          km.dispose(copies);
          return values;
        },
        dispose() {
          km.dispose(batches.flatMap(({ x, y }) => [x, y]));
          model.dispose();
        },
      };
    },
  };
}
