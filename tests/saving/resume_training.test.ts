import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, loadModel, memory, optimizers, saveModel, tensor } from '../../ts/index.js';
import type { Model } from '../../ts/index.js';
import { seededValues } from '../helpers/close.js';

function regressionModel(): Sequential {
  return new Sequential([Input({ shape: [5] }), new layers.Dense(16, { activation: 'tanh' }), new layers.BatchNormalization(), new layers.Dense(2)]);
}

const x = tensor(seededValues(64 * 5, 3), [64, 5]);
const y = tensor(seededValues(64 * 2, 4), [64, 2]);
const fitArgs = { epochs: 2, batchSize: 16, shuffle: false, verbose: 0 } as const;

function weightValues(model: Model): number[][] {
  return model.weights.map((w) => Array.from(w.value.dataSync()));
}

function optimizerValues(model: Model): number[][] {
  // Every optimizer variable, in Keras's order (moving averages, accumulators, slots, Nadam's u_product).
  return model.optimizer.variables.map((s) => Array.from(s.value.dataSync()));
}

describe('saving the optimizer state', () => {
  for (const [name, make] of [
    ['Adam', () => new optimizers.Adam({ learningRate: 0.01 })],
    ['SGD with momentum', () => new optimizers.SGD({ learningRate: 0.05, momentum: 0.9 })],
    ['RMSprop (centered, momentum)', () => new optimizers.RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true })],
    ['AdamW', () => new optimizers.AdamW({ learningRate: 0.01, weightDecay: 0.05 })],
    ['Adagrad', () => new optimizers.Adagrad({ learningRate: 0.05, initialAccumulatorValue: 0.2 })],
    ['Adadelta', () => new optimizers.Adadelta({ learningRate: 1.0 })],
    ['Adamax', () => new optimizers.Adamax({ learningRate: 0.01 })],
    ['Nadam', () => new optimizers.Nadam({ learningRate: 0.01 })],
    ['Lion', () => new optimizers.Lion({ learningRate: 0.003 })],
    ['Adam with a schedule, a moving average and gradient accumulation', () => new optimizers.Adam({
      learningRate: new optimizers.schedules.CosineDecay(0.01, 20, { warmupTarget: 0.02, warmupSteps: 3 }), useEma: true, emaOverwriteFrequency: 3, gradientAccumulationSteps: 3,
    })],
    ['Ftrl (regularized)', () => new optimizers.Ftrl({ learningRate: 0.05, l1RegularizationStrength: 0.001, beta: 0.1 })],
    ['Lamb', () => new optimizers.Lamb({ learningRate: 0.01 })],
    ['Adafactor (factored moments)', () => new optimizers.Adafactor({ learningRate: 0.01 })],
    ['LossScaleOptimizer (Adam inside)', () => new optimizers.LossScaleOptimizer(new optimizers.Adam({ learningRate: 0.01 }), { initialScale: 64, dynamicGrowthSteps: 3 })],
  ] as const) {
    for (const format of ['keras', 'h5'] as const) it(`${name}, .${format}: train, save, load, continue gives exactly what continuing without saving gives`, async () => {
      const model = regressionModel();
      model.compile({ optimizer: make(), loss: 'mse', metrics: ['accuracy'] });
      await model.fit(x, y, fitArgs);
      const bytes = await saveModel(model, { format });
      const loaded = await loadModel(bytes);
      expect(loaded.optimizer.appliedSteps).toBe(model.optimizer.appliedSteps);
      expect(loaded.optimizer.appliedSteps).toBe(8);
      expect(loaded.optimizer.getConfig()).toEqual(model.optimizer.getConfig());
      expect(optimizerValues(loaded)).toEqual(optimizerValues(model));
      const continued = await model.fit(x, y, fitArgs);
      const resumed = await loaded.fit(x, y, fitArgs);
      expect(resumed.history.loss).toEqual(continued.history.loss);
      expect(weightValues(loaded)).toEqual(weightValues(model));
      const before = memory().numTensors;
      loaded.dispose();
      expect(memory().numTensors).toBeLessThan(before);
      model.dispose();
    });
  }

  it('loads uncompiled with { compile: false }', async () => {
    const model = regressionModel();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const loaded = await loadModel(await saveModel(model), { compile: false });
    expect(loaded.compileArgs).toBeNull();
    loaded.dispose();
    model.dispose();
  });
});
