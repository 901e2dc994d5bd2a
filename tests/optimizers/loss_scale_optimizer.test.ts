import { describe, expect, it } from 'vitest';
import { Variable } from '../../ts/engine/variable.js';
import { Input, Sequential, ValueError, layers, loadModel, memory, saveModel, tensor, tidy } from '../../ts/index.js';
import * as optimizers from '../../ts/optimizers/index.js';

const scalar = (v: Variable) => v.value.dataSync()[0];

describe('LossScaleOptimizer', () => {
  it("takes Keras's arguments positionally and as options alike, and its config nests the inner optimizer", () => {
    const positional = new optimizers.LossScaleOptimizer(new optimizers.SGD(0.1), 8, 3, 'lso');
    const options = new optimizers.LossScaleOptimizer({ innerOptimizer: new optimizers.SGD(0.1), initialScale: 8, dynamicGrowthSteps: 3, name: 'lso' });
    const config = (o: optimizers.Optimizer) => JSON.parse(JSON.stringify(o.getConfig(), (k, v: unknown) => (k === 'name' && v !== 'lso' ? null : v))) as unknown;
    expect(config(positional)).toEqual(config(options));
    expect(positional.getConfig()).toMatchObject({ name: 'lso', initial_scale: 8, dynamic_growth_steps: 3, inner_optimizer: { class_name: 'SGD', config: { learning_rate: Math.fround(0.1) } } });
    const restored = optimizers.get({ class_name: 'LossScaleOptimizer', config: positional.getConfig() }) as optimizers.LossScaleOptimizer;
    expect(restored.innerOptimizer).toBeInstanceOf(optimizers.SGD);
    expect(config(restored)).toEqual(config(positional));
    for (const o of [positional, options, restored]) o.dispose();
  });

  it("refuses what Keras refuses, in Keras's words", () => {
    expect(() => new optimizers.LossScaleOptimizer({ initialScale: 2 })).toThrow("LossScaleOptimizer missing required argument: 'innerOptimizer'.");
    expect(() => new optimizers.LossScaleOptimizer(new optimizers.SGD(), { dynamic: false })).toThrow(ValueError);
    expect(() => new optimizers.LossScaleOptimizer(new optimizers.SGD(), { dynamic: false })).toThrow('LossScaleOptimizer no longer supports `dynamic=False`.');
    expect(() => new optimizers.LossScaleOptimizer(new optimizers.SGD(), { clipnorm: 1 as never })).toThrow(
      'LossScaleOptimizer does not support `clipnorm`. Instead, set `clipnorm` on the `inner_optimizer`.');
    // Older configs hold the base options at their defaults: taken.
    expect(() => new optimizers.LossScaleOptimizer(new optimizers.SGD(), { clipnorm: null, useEma: false, emaMomentum: 0.99 })).not.toThrow();
  });

  it('divides the gradients by the scale, skips non-finite steps halving the scale, and doubles it after dynamicGrowthSteps', () => {
    const before = memory().numTensors;
    const opt = new optimizers.LossScaleOptimizer(new optimizers.SGD(0.5), 8, 2);
    const w = new Variable({ name: 'w', path: 'w', value: tensor([1, 1], [2]) });
    const step = (g: number[]) => tidy(() => opt.applyGradients([[tensor(g, [2]), w]]));
    step([8, -16]); // unscaled (1, -2): w = 1 - 0.5 * (1, -2)
    expect(Array.from(w.value.dataSync())).toEqual([0.5, 2]);
    expect([scalar(opt.stepCounter), scalar(opt.dynamicScale), opt.iterations]).toEqual([1, 8, 1]);
    step([Number.NaN, 1]); // skipped: the weights and the inner optimizer's iterations stay, the scale halves
    expect(Array.from(w.value.dataSync())).toEqual([0.5, 2]);
    expect([scalar(opt.stepCounter), scalar(opt.dynamicScale), opt.iterations]).toEqual([0, 4, 1]);
    step([4, 4]); // unscaled (1, 1)
    step([Number.POSITIVE_INFINITY, 0]); // skipped, the count starts again: scale 2
    step([4, 4]); // unscaled (2, 2)
    step([4, 4]); // unscaled (2, 2), and the second finite step in a row doubles the scale
    expect([scalar(opt.stepCounter), scalar(opt.dynamicScale), opt.iterations]).toEqual([0, 4, 4]);
    expect(Array.from(w.value.dataSync())).toEqual([-2, -0.5]);
    // The learning rate is the inner optimizer's, both ways.
    opt.learningRate = 0.25;
    expect(opt.innerOptimizer.learningRate).toBe(0.25);
    expect(tidy(() => opt.scaleLoss(tensor(3)).dataSync()[0])).toBe(12);
    opt.dispose();
    w.dispose();
    expect(memory().numTensors).toBe(before);
  });
});

describe('LossScaleOptimizer in fit and in saved files', () => {
  it('scales the loss for the gradients only (the logged loss is the real one) and saves its counter and scale', async () => {
    const x = tensor(Float32Array.from({ length: 32 }, (_, i) => Math.sin(i)), [8, 4]);
    const y = tensor(Float32Array.from({ length: 8 }, (_, i) => Math.cos(i)), [8, 1]);
    const make = (optimizer: optimizers.Optimizer) => {
      const model = new Sequential([Input({ shape: [4] }), new layers.Dense(1, { kernelInitializer: 'ones' })]);
      model.compile({ optimizer, loss: 'mse' });
      return model;
    };
    const scaled = make(new optimizers.LossScaleOptimizer(new optimizers.SGD(0.1), { initialScale: 1024, dynamicGrowthSteps: 2 }));
    const plain = make(new optimizers.SGD(0.1));
    const fit = { epochs: 5, batchSize: 8, shuffle: false, verbose: 0 } as const;
    const [a, b] = [await scaled.fit(x, y, fit), await plain.fit(x, y, fit)];
    expect(a.history.loss).toEqual(b.history.loss);
    const lso = scaled.optimizer as optimizers.LossScaleOptimizer;
    expect([scalar(lso.stepCounter), scalar(lso.dynamicScale), lso.iterations]).toEqual([1, 4096, 5]);
    const loaded = await loadModel(await saveModel(scaled));
    const restored = loaded.optimizer as optimizers.LossScaleOptimizer;
    expect([scalar(restored.stepCounter), scalar(restored.dynamicScale), restored.iterations]).toEqual([1, 4096, 5]);
    expect(restored.innerOptimizer).toBeInstanceOf(optimizers.SGD);
    for (const m of [scaled, plain, loaded]) m.dispose();
    x.dispose();
    y.dispose();
  });
});
