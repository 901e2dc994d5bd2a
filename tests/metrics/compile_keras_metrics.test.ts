/**
 * Top-k accuracy, F-scores, the IoU metrics, R2Score, a registered function and a MeanMetricWrapper
 * of it in `compile()` (one-hot, class-id and binary targets; weighted metrics too): History and
 * weights as Keras 3.15.1's after two epochs of SGD, the same `compile_config`, and Keras's
 * `compile_config` (and a `.keras` round trip) compiling the same metrics back
 * (scripts/keras/metrics_fixtures.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Input, type Model, Sequential, type Tensor, layers, loadModel, memory, metrics, ops, optimizers, registerKerasSerializable, saveModel, tensor,
} from '../../ts/index.js';
import { compileArgsFromConfig, compileConfig } from '../../ts/saving/compile_config.js';
import type { CompileArgs } from '../../ts/training/compile.js';
import { expectClose } from '../helpers/close.js';

interface Encoded { data: number[]; shape: number[]; dtype: 'float32' | 'int32' }
interface Trained {
  inputs: { x: Encoded; y: Encoded; kernel: number[]; bias: number[]; sample_weight: Encoded | null };
  history: Record<string, number[]>;
  weights: number[][];
  compile_config_metrics: unknown[];
  compile_config_weighted_metrics: unknown[] | null;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/metrics/metrics.json', import.meta.url), 'utf8')).compiled as Record<string, Trained>;
const LOSSES: Record<string, [string, string]> = {
  one_hot: ['softmax', 'categorical_crossentropy'],
  sparse: ['softmax', 'sparse_categorical_crossentropy'],
  binary: ['sigmoid', 'binary_crossentropy'],
};

// Registered as Keras's `@register_keras_serializable(package='kerasm_test')`; its name is its log key.
const absError = registerKerasSerializable(function abs_error(yTrue: Tensor, yPred: Tensor) {
  return ops.mean(ops.abs(ops.subtract(yTrue, yPred)), -1);
}, { package: 'kerasm_test' });

const decode = (e: Encoded): Tensor => tensor(e.dtype === 'int32' ? Int32Array.from(e.data) : Float32Array.from(e.data), e.shape);

/** The case's Dense model with Keras's initial weights. */
function model(want: Trained, activation: string) {
  const [features, units] = [want.inputs.x.shape[1]!, want.inputs.bias.length];
  const m = new Sequential([Input({ shape: [features] }), new layers.Dense(units, { activation })]);
  const kernel = tensor(want.inputs.kernel, [features, units]);
  const bias = tensor(want.inputs.bias, [units]);
  m.setWeights([kernel, bias]);
  kernel.dispose();
  bias.dispose();
  return m;
}

function compile(m: Model, loss: string, compileMetrics: Pick<CompileArgs, 'metrics' | 'weightedMetrics'>) {
  m.compile({ optimizer: new optimizers.SGD({ learningRate: 0.5 }), loss, ...compileMetrics });
}

async function fitTwoEpochs(m: Model, want: Trained) {
  const [x, y] = [decode(want.inputs.x), decode(want.inputs.y)];
  const sampleWeight = want.inputs.sample_weight ? decode(want.inputs.sample_weight) : undefined;
  const history = await m.fit(x, y, { batchSize: 4, epochs: 2, shuffle: false, verbose: 0, sampleWeight });
  for (const t of [x, y, sampleWeight]) t?.dispose();
  // Every metric here is single-valued (the F-scores averaged).
  return history.history as Record<string, number[]>;
}

function expectKeras(m: Model, history: Record<string, number[]>, want: Trained) {
  expect(Object.keys(history).sort()).toEqual(Object.keys(want.history).sort());
  for (const [key, values] of Object.entries(want.history)) expectClose(history[key]!, values, 1e-5);
  m.weights.forEach((w, i) => expectClose(w.value.dataSync(), want.weights[i]!, 1e-5));
}

/** Keras's compile_config metrics as compile() arguments. */
function fromKeras(want: Trained) {
  const { metrics: m, weightedMetrics } = compileArgsFromConfig({
    optimizer: 'sgd', loss: 'mse', metrics: want.compile_config_metrics, weighted_metrics: want.compile_config_weighted_metrics,
  });
  return { metrics: m, weightedMetrics };
}

describe('the other metrics in compile', () => {
  it("built in TypeScript, train and log as Keras's, and write Keras's compile_config", async () => {
    const want = fixture.one_hot!;
    const before = memory().numTensors;
    const m = model(want, 'softmax');
    compile(m, 'categorical_crossentropy', {
      metrics: [
        new metrics.F1Score({ average: 'macro', threshold: 0.4 }),
        'top_k_categorical_accuracy',
        new metrics.TopKCategoricalAccuracy({ k: 1, name: 'top1' }),
        new metrics.OneHotMeanIoU({ numClasses: 3, name: 'iou' }),
        new metrics.R2Score(),
        absError,
        new metrics.MeanMetricWrapper(absError, 'wrapped'),
      ],
    });
    expectKeras(m, await fitTwoEpochs(m, want), want);
    expect(compileConfig(m, m.compileArgs!).metrics).toEqual(want.compile_config_metrics);
    m.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it.each(Object.keys(LOSSES))("compiled from Keras's compile_config (%s targets), options and registered function included, train as Keras", async (name) => {
    const want = fixture[name]!;
    const [activation, loss] = LOSSES[name]!;
    const before = memory().numTensors;
    const m = model(want, activation);
    compile(m, loss, fromKeras(want));
    expectKeras(m, await fitTwoEpochs(m, want), want);
    m.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it.each(Object.keys(LOSSES))('survive a .keras round trip (%s targets): the loaded model, compiled from its file, trains as Keras', async (name) => {
    const want = fixture[name]!;
    const [activation, loss] = LOSSES[name]!;
    const saved = model(want, activation);
    compile(saved, loss, fromKeras(want));
    const loaded = await loadModel(await saveModel(saved));
    saved.dispose();
    expect(compileConfig(loaded, loaded.compileArgs!).metrics).toEqual(want.compile_config_metrics);
    expectKeras(loaded, await fitTwoEpochs(loaded, want), want);
    loaded.dispose();
  });
});
