/**
 * kerasm as a bench `Library`, through its public API only. The build and the thread count come
 * from `KERASM_VARIANT` and `KERASM_THREADS`, which the parent sets per child process.
 */
import type { FitSource } from '../lib/protocol.js';
import {
  type AttentionBlockSpec, type AugmentSpec, type CnnSpec, type Conv2dSpec, type FitCase, type Library, type MlpCase, type MlpSpec, type SequenceSpec, type TextVectorizationSpec,
  attentionBlockWeightShapes, cnnWeightShapes, concat, mlpWeightShapes, sequenceWeightShapes,
} from './library.js';

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
      return trainingCase(mlpModel(spec), spec, mlpWeightShapes(spec), (x) => km.tensor(x, [spec.batchSize, spec.inputDim]));
    },

    async mlpFit(spec: MlpSpec, source: FitSource, steps: number, withContract: boolean): Promise<FitCase> {
      const model = mlpModel(spec);
      compileWithWeights(model, spec, mlpWeightShapes(spec), withContract);
      const order = Array.from({ length: steps }, (_, i) => spec.batches[i % spec.batches.length]!);
      const options = { batchSize: spec.batchSize, epochs: 1, shuffle: false, verbose: 0 as const };
      // Class ids, or one-hot rows for the metrics, which compare targets with the softmax element by element.
      const targets = (y: Int32Array) =>
        withContract ? km.tidy(() => km.ops.oneHot(km.tensor(y, [y.length], 'int32'), spec.classes)) : km.tensor(y, [y.length], 'int32');
      // Arrays: every sample uploaded once, each step gathers its batch. Generator: each step's batch uploaded as it is yielded.
      const arrays = source === 'arrays' ? [km.tensor(concat(order.map((b) => b.x)), [steps * spec.batchSize, spec.inputDim]), targets(concat(order.map((b) => b.y)))] : [];
      const generator = function* () {
        for (const b of order) yield [km.tensor(b.x, [spec.batchSize, spec.inputDim]), targets(b.y)];
      };
      return {
        async epoch() {
          const history = source === 'arrays' ? await model.fit(arrays[0]!, arrays[1]!, options) : await model.fit(generator, options);
          return history.history.loss![0] as number;
        },
        dispose() {
          km.dispose(arrays);
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
      return {
        ...trainingCase(model, spec, cnnWeightShapes(spec), (x) => km.tensor(x, [spec.batchSize, spec.rows, spec.cols, 1])),
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
      return trainingCase(model, spec, sequenceWeightShapes(spec), (x) => km.tensor(x, [spec.batchSize, spec.length], 'int32'));
    },

    async attentionBlock(spec: AttentionBlockSpec) {
      const inputs = km.Input({ shape: [spec.sequence, spec.features] });
      const attended = new km.layers.MultiHeadAttention(spec.heads, spec.keyDim).apply([inputs, inputs]) as typeof inputs;
      const normalized = new km.layers.LayerNormalization().apply(new km.layers.Add().apply([inputs, attended]) as typeof inputs);
      const hidden = new km.layers.Dense(spec.hidden, { activation: 'relu' }).apply(normalized);
      const pooled = new km.layers.GlobalAveragePooling1D().apply(hidden);
      const model = new km.Model({ inputs, outputs: new km.layers.Dense(spec.classes, { activation: 'softmax' }).apply(pooled) });
      return trainingCase(model, spec, attentionBlockWeightShapes(spec), (x) => km.tensor(x, [spec.batchSize, spec.sequence, spec.features]));
    },

    textVectorization(spec: TextVectorizationSpec) {
      const layer = (outputMode: 'int' | 'tf_idf') =>
        new km.layers.TextVectorization({ maxTokens: spec.maxTokens, outputMode, outputSequenceLength: outputMode === 'int' ? spec.sequenceLength : null });
      if (spec.part === 'adapt') {
        return {
          run() {
            const fresh = layer('int');
            fresh.adapt(spec.texts);
            return Float32Array.of(fresh.vocabularySize());
          },
          dispose() {},
        };
      }
      const adapted = layer(spec.part);
      adapted.adapt(spec.adaptTexts);
      const batches: InstanceType<typeof km.Tensor>[] = [];
      for (let i = 0; i < spec.texts.length; i += spec.batchSize) batches.push(km.tensor(spec.texts.slice(i, i + spec.batchSize)));
      return {
        run() {
          // Each batch's outputs copied out and summed: a 10,000 × 2,000 tf_idf result would be 80 MB.
          return Float32Array.from(batches, (batch) => {
            const out = adapted.apply(batch);
            const sum = (out.dataSync() as Float32Array).reduce((a, b) => a + b, 0);
            out.dispose();
            return sum;
          });
        },
        dispose: () => km.dispose(batches),
      };
    },

    augment(spec: AugmentSpec) {
      const images = km.tensor(spec.images, spec.shape);
      const fill = { fillMode: 'nearest', interpolation: 'bilinear' } as const;
      // The layers in training mode, as inside `fit`; a factor range of one value fixes the check's draw.
      const through = (stages: InstanceType<typeof km.layers.Layer>[]) => () => km.tidy(() => {
        const out = stages.reduce((x, layer) => layer.apply(x, { training: true }) as typeof images, images);
        return out.dataSync() as Float32Array;
      });
      const turn = spec.check.degrees / 360;
      return {
        fixed: through([new km.layers.RandomRotation({ factor: [turn, turn], ...fill }), new km.layers.RandomZoom({ heightFactor: [spec.check.zoom - 1, spec.check.zoom - 1], ...fill })]),
        run: through([new km.layers.RandomFlip('horizontal'), new km.layers.RandomRotation({ factor: spec.rotation, ...fill }), new km.layers.RandomZoom({ heightFactor: spec.zoom, ...fill })]),
        dispose: () => images.dispose(),
      };
    },
  };

  /**
   * A training case of `model` (W3, W4, W5, W9, W10): compiled with Adam and sparse categorical
   * crossentropy, set to the spec's initial weights, stepping through its batches.
   */
  function mlpModel(spec: MlpSpec): InstanceType<typeof km.Sequential> {
    return new km.Sequential([
      km.Input({ shape: [spec.inputDim] }),
      new km.layers.Dense({ units: spec.hidden, activation: 'relu' }),
      new km.layers.Dense({ units: spec.classes, activation: 'softmax' }),
    ]);
  }

  /**
   * Compiles `model` with the spec's Adam and sets its initial weights; `withContract`: AdamW under
   * a CosineDecay schedule with warmup (the spec's rate as its target), categorical crossentropy
   * (one-hot targets) and the metrics AUC, Precision and Recall.
   */
  function compileWithWeights(model: InstanceType<typeof km.Model>, spec: Pick<MlpSpec, 'adam' | 'weights'>, shapes: number[][], withContract = false): void {
    if (withContract) {
      const { learningRate, ...betas } = spec.adam;
      const schedule = new km.optimizers.schedules.CosineDecay(0, 10_000, { warmupTarget: learningRate, warmupSteps: 100 });
      const optimizer = new km.optimizers.AdamW({ ...betas, learningRate: schedule });
      const metrics = [new km.metrics.AUC(), new km.metrics.Precision(), new km.metrics.Recall()];
      model.compile({ optimizer, loss: 'categorical_crossentropy', metrics });
    } else {
      model.compile({ optimizer: new km.optimizers.Adam(spec.adam), loss: 'sparse_categorical_crossentropy' });
    }
    const initial = spec.weights.map((w, i) => km.tensor(w, shapes[i]));
    model.setWeights(initial);
    km.dispose(initial);
  }

  function weightsOf(model: InstanceType<typeof km.Model>): Float32Array[] {
    const copies = model.getWeights();
    const values = copies.map((w) => w.dataSync() as Float32Array);
    km.dispose(copies);
    return values;
  }

  function trainingCase<X>(
    model: InstanceType<typeof km.Model>,
    spec: Pick<MlpSpec, 'adam' | 'batchSize' | 'weights'> & { batches: { x: X; y: Int32Array }[] },
    shapes: number[][],
    inputs: (x: X) => InstanceType<typeof km.Tensor>,
  ): MlpCase {
    compileWithWeights(model, spec, shapes);
    const batches = spec.batches.map(({ x, y }) => ({ x: inputs(x), y: km.tensor(y, [spec.batchSize], 'int32') }));
    return {
      async step(i) {
        const batch = batches[i % batches.length]!;
        return model.trainOnBatch(batch.x, batch.y) as number;
      },
      weights: () => weightsOf(model),
      dispose() {
        km.dispose(batches.flatMap(({ x, y }) => [x, y]));
        model.dispose();
      },
    };
  }
}

