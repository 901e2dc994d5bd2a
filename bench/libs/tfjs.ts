/**
 * TensorFlow.js 4.22 as a bench `Library`, with its `cpu` (plain JavaScript) or `wasm` (XNNPACK,
 * SIMD; one thread under Node, which has no multithreaded build path) backend.
 *
 * Production mode is on, as a deployed app would run it: it skips debug checks (and the banner
 * that suggests tfjs-node).
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  type AttentionBlockSpec, type AugmentSpec, type CnnSpec, type Conv2dSpec, type FitCase, type Library, type MlpCase, type MlpSpec, type SequenceSpec, cnnWeightShapes, concat, mlpWeightShapes,
  sequenceWeightShapes,
} from './library.js';
import type { FitSource } from '../lib/protocol.js';
import { tfjsAttentionBlock } from './tfjs_attention.js';
import { tfjsAugment } from './tfjs_augment.js';

export async function loadTfjs(backend: 'cpu' | 'wasm'): Promise<Library> {
  const tf = await import('@tensorflow/tfjs');
  tf.enableProdMode();
  if (backend === 'wasm') {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
    setWasmPaths(`${pathToFileURL(dist).href}/`);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs could not start its '${backend}' backend`);
  await tf.ready();
  const facts: Record<string, unknown> = { version: tf.version.tfjs };
  let threads = 1;
  if (backend === 'wasm') {
    facts.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    facts.multithread = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    // Only the multithreaded build (not used under Node) runs a thread pool.
    if (facts.multithread === true) threads = (await import('node:os')).availableParallelism();
  }

  return {
    name: 'tfjs',
    backend,
    threads,
    facts,

    matmul(a, b, n) {
      const [ta, tb] = [tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])];
      return {
        // Not tf.tidy(() => ….dataSync()): tidy walks a returned typed array element by element
        // looking for tensors, which costs more than the product itself at n = 1024.
        run() {
          const c = tf.matMul(ta, tb);
          const values = c.dataSync() as Float32Array;
          c.dispose();
          return values;
        },
        dispose: () => tf.dispose([ta, tb]),
      };
    },

    async mlp(spec: MlpSpec) {
      return trainingCase(mlpModel(spec), spec, mlpWeightShapes(spec), (x) => tf.tensor2d(x, [spec.batchSize, spec.inputDim]));
    },

    async mlpFit(spec: MlpSpec, source: FitSource, steps: number, withContract: boolean): Promise<FitCase> {
      if (withContract) throw new Error('TensorFlow.js has no AdamW, schedules or AUC metric');
      const model = mlpModel(spec);
      compileWithWeights(model, spec, mlpWeightShapes(spec));
      const order = Array.from({ length: steps }, (_, i) => spec.batches[i % spec.batches.length]!);
      const labels = (y: Int32Array) => Float32Array.from(y);
      // Arrays: `fit` on tensors made once; generator: `fitDataset` over a generator uploading each batch.
      const arrays = source === 'arrays' ? [tf.tensor2d(concat(order.map((b) => b.x)), [steps * spec.batchSize, spec.inputDim]), tf.tensor2d(labels(concat(order.map((b) => b.y))), [steps * spec.batchSize, 1])] : [];
      const dataset = tf.data.generator(function* () {
        for (const b of order) yield { xs: tf.tensor2d(b.x, [spec.batchSize, spec.inputDim]), ys: tf.tensor2d(labels(b.y), [spec.batchSize, 1]) };
      });
      return {
        async epoch() {
          const history =
            source === 'arrays'
              ? await model.fit(arrays[0]!, arrays[1]!, { batchSize: spec.batchSize, epochs: 1, shuffle: false, verbose: 0 })
              : await model.fitDataset(dataset, { epochs: 1, verbose: 0 });
          return history.history.loss![0] as number;
        },
        dispose() {
          tf.dispose(arrays);
          model.dispose();
        },
      };
    },

    conv2d(spec: Conv2dSpec) {
      const [x, kernel] = [tf.tensor4d(spec.x, spec.xShape), tf.tensor4d(spec.kernel, spec.kernelShape)];
      return {
        run() {
          const y = tf.conv2d(x, kernel, 1, spec.padding);
          const values = y.dataSync() as Float32Array;
          y.dispose();
          return values;
        },
        dispose: () => tf.dispose([x, kernel]),
      };
    },

    async cnn(spec: CnnSpec) {
      const model = tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [spec.rows, spec.cols, 1], filters: spec.filters[0], kernelSize: 3, activation: 'relu' }),
          tf.layers.conv2d({ filters: spec.filters[1], kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: spec.hidden, activation: 'relu' }),
          tf.layers.dense({ units: spec.classes, activation: 'softmax' }),
        ],
      });
      return {
        ...trainingCase(model, spec, cnnWeightShapes(spec), (x) => tf.tensor4d(x, [spec.batchSize, spec.rows, spec.cols, 1])),
        predictor(images, batch) {
          const x = tf.tensor4d(images, [batch, spec.rows, spec.cols, 1]);
          return {
            run() {
              const y = model.predict(x, { batchSize: batch }) as import('@tensorflow/tfjs').Tensor;
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
      // tfjs's recurrent layers default to hard_sigmoid gates; Keras's (and W5's) are sigmoid.
      const recurrentArgs = { units: spec.units, recurrentActivation: 'sigmoid' } as const;
      const model = tf.sequential({
        layers: [
          tf.layers.embedding({ inputShape: [spec.length], inputDim: spec.vocabulary, outputDim: spec.embedding }),
          spec.cell === 'lstm' ? tf.layers.lstm(recurrentArgs) : tf.layers.gru(recurrentArgs),
          tf.layers.dense({ units: spec.classes, activation: 'softmax' }),
        ],
      });
      return trainingCase(model, spec, sequenceWeightShapes(spec), (x) => tf.tensor2d(x, [spec.batchSize, spec.length], 'int32'));
    },

    async attentionBlock(spec: AttentionBlockSpec) {
      return tfjsAttentionBlock(tf, spec);
    },

    augment(spec: AugmentSpec) {
      return tfjsAugment(tf, backend, spec);
    },
  };

  /**
   * A training case of `model` (W3, W4, W5, W9): compiled with Adam and sparse categorical
   * crossentropy, set to the spec's initial weights, stepping through its batches. tfjs adds
   * epsilon to √v̂ after bias correction, Keras to √v before it: at step 1 Keras's epsilon acts as
   * epsilon / √(1 − β₂) does in tfjs. Converting it makes the first step agree to rounding
   * (weights with |gradient| near epsilon would otherwise differ by up to 7e-4); epsilon does not
   * change the cost of a step.
   */
  function mlpModel(spec: MlpSpec): import('@tensorflow/tfjs').Sequential {
    return tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [spec.inputDim], units: spec.hidden, activation: 'relu' }),
        tf.layers.dense({ units: spec.classes, activation: 'softmax' }),
      ],
    });
  }

  /** Compiles `model` with the spec's Adam (Keras's epsilon) and sets its initial weights. */
  function compileWithWeights(model: import('@tensorflow/tfjs').Sequential, spec: Pick<MlpSpec, 'adam' | 'weights'>, shapes: number[][]): void {
    const { learningRate, beta1, beta2, epsilon } = spec.adam;
    model.compile({ optimizer: tf.train.adam(learningRate, beta1, beta2, epsilon / Math.sqrt(1 - beta2)), loss: 'sparseCategoricalCrossentropy' });
    const initial = spec.weights.map((w, i) => tf.tensor(w, shapes[i]));
    model.setWeights(initial);
    tf.dispose(initial);
  }

  function trainingCase<X>(
    model: import('@tensorflow/tfjs').Sequential,
    spec: Pick<MlpSpec, 'adam' | 'batchSize' | 'weights'> & { batches: { x: X; y: Int32Array }[] },
    shapes: number[][],
    inputs: (x: X) => import('@tensorflow/tfjs').Tensor,
  ): MlpCase {
    compileWithWeights(model, spec, shapes);
    const batches = spec.batches.map(({ x, y }) => ({ x: inputs(x), y: tf.tensor2d(Float32Array.from(y), [spec.batchSize, 1]) }));
    return {
      async step(i) {
        const batch = batches[i % batches.length]!;
        return (await model.trainOnBatch(batch.x, batch.y)) as number;
      },
      weights: () => model.getWeights().map((w) => w.dataSync() as Float32Array),
      dispose() {
        for (const { x, y } of batches) tf.dispose([x, y]);
        model.dispose();
      },
    };
  }
}
