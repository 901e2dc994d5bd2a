/**
 * kerasm as a bench `Library`, through its public API only. The build and the thread count come
 * from `KERASM_VARIANT` and `KERASM_THREADS`, which the parent sets per child process.
 */
import { type CnnSpec, type Conv2dSpec, type Library, type MlpSpec, type SequenceSpec, cnnWeightShapes, mlpWeightShapes, sequenceWeightShapes } from './library.js';

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

    conv2d(spec: Conv2dSpec) {
      const [x, kernel] = [km.tensor(spec.x, spec.xShape), km.tensor(spec.kernel, spec.kernelShape)];
      return {
        run() {
          const y = km.ops.conv(x, kernel, { padding: spec.padding });
          const values = y.dataSync() as Float32Array;
          y.dispose();
          return values;
        },
        dispose: () => km.dispose([x, kernel]),
      };
    },

    async cnn(spec: CnnSpec) {
      const model = new km.Sequential([
        km.Input({ shape: [spec.rows, spec.cols, 1] }),
        new km.layers.Conv2D(spec.filters[0], 3, { activation: 'relu' }),
        new km.layers.Conv2D(spec.filters[1], 3, { activation: 'relu' }),
        new km.layers.MaxPooling2D(2),
        new km.layers.Flatten(),
        new km.layers.Dense(spec.hidden, { activation: 'relu' }),
        new km.layers.Dense(spec.classes, { activation: 'softmax' }),
      ]);
      model.compile({ optimizer: new km.optimizers.Adam(spec.adam), loss: 'sparse_categorical_crossentropy' });
      const shapes = cnnWeightShapes(spec);
      const initial = spec.weights.map((w, i) => km.tensor(w, shapes[i]));
      model.setWeights(initial);
      km.dispose(initial);
      const batches = spec.batches.map(({ x, y }) => ({
        x: km.tensor(x, [spec.batchSize, spec.rows, spec.cols, 1]),
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
        predictor(images, batch) {
          const x = km.tensor(images, [batch, spec.rows, spec.cols, 1]);
          return {
            run() {
              const y = model.predict(x, { batchSize: batch, verbose: 0 }) as InstanceType<typeof km.Tensor>;
              const values = y.dataSync() as Float32Array;
              y.dispose();
              return values;
            },
            dispose: () => x.dispose(),
          };
        },
        dispose() {
          km.dispose(batches.flatMap(({ x, y }) => [x, y]));
          model.dispose();
        },
      };
    },

    async sequence(spec: SequenceSpec) {
      const recurrent = spec.cell === 'lstm' ? new km.layers.LSTM(spec.units) : new km.layers.GRU(spec.units, { resetAfter: false });
      const model = new km.Sequential([
        km.Input({ shape: [spec.length], dtype: 'int32' }),
        new km.layers.Embedding(spec.vocabulary, spec.embedding),
        recurrent,
        new km.layers.Dense(spec.classes, { activation: 'softmax' }),
      ]);
      model.compile({ optimizer: new km.optimizers.Adam(spec.adam), loss: 'sparse_categorical_crossentropy' });
      const shapes = sequenceWeightShapes(spec);
      const initial = spec.weights.map((w, i) => km.tensor(w, shapes[i]));
      model.setWeights(initial);
      km.dispose(initial);
      const batches = spec.batches.map(({ x, y }) => ({
        x: km.tensor(x, [spec.batchSize, spec.length], 'int32'),
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
