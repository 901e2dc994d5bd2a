/**
 * F1Score, top-k accuracy, OneHotMeanIoU, R2Score, a registered function and a MeanMetricWrapper of
 * it in `compile()`: History as Keras 3.15.1's after two epochs of SGD, the same `compile_config`,
 * and Keras's `compile_config` (and a `.keras` round trip) compiling the same metrics back
 * (scripts/keras/metrics_fixtures.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, type Model, Sequential, type Tensor, layers, loadModel, memory, metrics, ops, optimizers, registerKerasSerializable, saveModel, tensor } from '../../ts/index.js';
import { compileArgsFromConfig, compileConfig } from '../../ts/saving/compile_config.js';
import type { CompileArgs } from '../../ts/training/compile.js';
import { expectClose } from '../helpers/close.js';

const want = JSON.parse(readFileSync(new URL('../fixtures/metrics/metrics.json', import.meta.url), 'utf8')).compiled as {
  inputs: Record<string, number[]>;
  history: Record<string, number[]>;
  weights: number[][];
  compile_config_metrics: unknown[];
};

// Registered as Keras's `@register_keras_serializable(package='kerasm_test')`; its name is its log key.
const absError = registerKerasSerializable(function abs_error(yTrue: Tensor, yPred: Tensor) {
  return ops.mean(ops.abs(ops.subtract(yTrue, yPred)), -1);
}, { package: 'kerasm_test' });

function model() {
  const m = new Sequential([Input({ shape: [4] }), new layers.Dense(3, { activation: 'softmax' })]);
  const kernel = tensor(want.inputs.kernel!, [4, 3]);
  const bias = tensor(want.inputs.bias!, [3]);
  m.setWeights([kernel, bias]);
  kernel.dispose();
  bias.dispose();
  return m;
}

async function fitTwoEpochs(m: Model, compileMetrics: CompileArgs['metrics'] | null) {
  if (compileMetrics !== null) m.compile({ optimizer: new optimizers.SGD({ learningRate: 0.5 }), loss: 'categorical_crossentropy', metrics: compileMetrics });
  const x = tensor(want.inputs.x!, [8, 4]);
  const y = tensor(want.inputs.y!, [8, 3]);
  const history = await m.fit(x, y, { batchSize: 4, epochs: 2, shuffle: false, verbose: 0 });
  x.dispose();
  y.dispose();
  return history.history;
}

function expectKerasHistory(history: Record<string, number[]>) {
  expect(Object.keys(history).sort()).toEqual(Object.keys(want.history).sort());
  for (const [key, values] of Object.entries(want.history)) expectClose(history[key]!, values, 1e-5);
}

const kerasmMetrics = () => [
  new metrics.F1Score({ average: 'macro', threshold: 0.4 }),
  'top_k_categorical_accuracy',
  new metrics.TopKCategoricalAccuracy({ k: 1, name: 'top1' }),
  new metrics.OneHotMeanIoU({ numClasses: 3, name: 'iou' }),
  new metrics.R2Score(),
  absError,
  new metrics.MeanMetricWrapper(absError, 'wrapped'),
];

describe('the other metrics in compile', () => {
  it("train and log as Keras's, and write Keras's compile_config", async () => {
    const before = memory().numTensors;
    const m = model();
    expectKerasHistory(await fitTwoEpochs(m, kerasmMetrics()));
    m.weights.forEach((w, i) => expectClose(w.value.dataSync(), want.weights[i]!, 1e-5));
    expect(compileConfig(m, m.compileArgs!).metrics).toEqual(want.compile_config_metrics);
    m.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("are compiled back from Keras's compile_config, options and registered function included", async () => {
    const m = model();
    const { metrics: fromKeras } = compileArgsFromConfig({ optimizer: 'sgd', loss: 'categorical_crossentropy', metrics: want.compile_config_metrics });
    expectKerasHistory(await fitTwoEpochs(m, fromKeras ?? null));
    m.dispose();
  });

  it('survive a .keras round trip (the loaded model, compiled from its file, trains as Keras)', async () => {
    const saved = model();
    saved.compile({ optimizer: new optimizers.SGD({ learningRate: 0.5 }), loss: 'categorical_crossentropy', metrics: kerasmMetrics() });
    const loaded = await loadModel(await saveModel(saved));
    saved.dispose();
    expect(compileConfig(loaded, loaded.compileArgs!).metrics).toEqual(want.compile_config_metrics);
    expectKerasHistory(await fitTwoEpochs(loaded, null));
    loaded.dispose();
  });
});
