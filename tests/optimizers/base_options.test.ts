/**
 * What Keras's base optimizer gives every optimizer, beyond the numbers that keras_golden.test.ts
 * checks against Keras: a learning rate that is a number or a schedule (read, set, saved in the
 * config and in files), the moving average's and accumulation's bookkeeping and arguments,
 * `excludeFromWeightDecay`, and `fit` giving the weights their average at the end.
 */
import { describe, expect, it } from 'vitest';
import { Variable } from '../../ts/engine/variable.js';
import { Input, Sequential, ValueError, layers, loadModel, memory, optimizers, registerKerasSerializable, saveModel, tensor, tidy } from '../../ts/index.js';
import { expectClose } from '../helpers/close.js';

const { schedules } = optimizers;

function variable(values: number[], path = 'dense/kernel'): Variable {
  return new Variable({ name: path.split('/').pop()!, path, value: tensor(values) });
}

function step(optimizer: optimizers.Optimizer, pairs: [number[], Variable][]): void {
  tidy(() => optimizer.applyGradients(pairs.map(([g, v]) => [tensor(g), v])));
}

describe('the learning rate', () => {
  it('follows a schedule at each step, and is read as a number', () => {
    const sgd = new optimizers.SGD(new schedules.PiecewiseConstantDecay([1], [0.5, 0.25]));
    const v = variable([1]);
    expect(sgd.learningRate).toBe(0.5);
    step(sgd, [[[1], v]]);
    step(sgd, [[[1], v]]);
    expect(sgd.learningRate).toBe(0.25);
    step(sgd, [[[1], v]]);
    expectClose(v.value, [1 - 0.5 - 0.5 - 0.25]);
    sgd.dispose();
    v.dispose();
  });

  it("can be set when it is a number, and not when a schedule drives it (Keras's TypeError)", () => {
    const adam = new optimizers.Adam(0.1);
    adam.learningRate = 0.05;
    expect(adam.learningRate).toBe(0.05);
    const scheduled = new optimizers.Adam({ learningRate: new schedules.ExponentialDecay(0.1, 10, 0.5) });
    expect(() => {
      scheduled.learningRate = 0.05;
    }).toThrow(new TypeError(
      'This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor argument, hence its learning rate is not settable. If you need the learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` argument.',
    ));
    adam.learningRate = new schedules.ExponentialDecay(0.2, 10, 0.5);
    expect(adam.learningRate).toBeCloseTo(0.2, 7);
    expect(adam.learningRateSchedule).toBeInstanceOf(schedules.ExponentialDecay);
  });

  it('refuses what is neither a number nor a schedule, and a schedule where a number is expected', () => {
    const message = /Argument `learning_rate` should be float, or an instance of LearningRateSchedule. Received instead: learning_rate=/;
    expect(() => new optimizers.SGD(true as never)).toThrow(message);
    expect(() => new optimizers.SGD('0.1' as never)).toThrow('SGD: `learning_rate` must be a number.');
    expect(() => new optimizers.SGD({ learningRate: { class_name: 'ExponentialDecay' } as never })).toThrow(message);
    expect(() => {
      new optimizers.SGD().learningRate = NaN;
    }).toThrow(message);
    expect(() => new schedules.ExponentialDecay(new schedules.ExponentialDecay(0.1, 1, 1) as never, 1, 1)).toThrow(
      'ExponentialDecay: `initial_learning_rate` must be a number.',
    );
  });

  it("is written in the config as Keras's serialized schedule, and read back by optimizers.get", () => {
    const adam = new optimizers.Adam(new schedules.CosineDecay(0.1, 100, { warmupTarget: 0.5, warmupSteps: 10 }));
    const config = adam.getConfig();
    expect(config.learning_rate).toEqual({
      module: 'keras.optimizers.schedules', class_name: 'CosineDecay', registered_name: null,
      config: { initial_learning_rate: 0.1, decay_steps: 100, alpha: 0, name: 'CosineDecay', warmup_target: 0.5, warmup_steps: 10 },
    });
    const back = optimizers.get({ class_name: 'Adam', config: JSON.parse(JSON.stringify(config)) as Record<string, unknown> });
    expect(back.learningRateSchedule).toBeInstanceOf(schedules.CosineDecay);
    expect(back.getConfig()).toEqual(config);
  });

  it("takes a user's schedule registered by name, through a saved model", async () => {
    class Constant extends schedules.LearningRateSchedule {
      readonly rate: number;
      constructor({ rate }: { rate: number }) {
        super();
        this.rate = rate;
      }
      call(): number {
        return this.rate;
      }
      getConfig() {
        return { rate: this.rate };
      }
    }
    registerKerasSerializable(Constant, { package: 'base_options' });
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
    model.compile({ optimizer: new optimizers.SGD(new Constant({ rate: 0.3 })), loss: 'mse' });
    const loaded = await loadModel(await saveModel(model));
    expect(loaded.optimizer.learningRateSchedule).toBeInstanceOf(Constant);
    expect(loaded.optimizer.learningRate).toBe(0.3);
    loaded.dispose();
    model.dispose();
  });
});

describe('base options', () => {
  it("refuse Keras's bad values in Keras's words", () => {
    expect(() => new optimizers.SGD({ gradientAccumulationSteps: 1 })).toThrow('`gradient_accumulation_steps` must be an integer >= 2. Received: gradient_accumulation_steps=1');
    expect(() => new optimizers.SGD({ useEma: true, emaMomentum: 2 })).toThrow('`ema_momentum` must be in the range [0, 1]. Received: ema_momentum=2');
    expect(() => new optimizers.SGD({ useEma: true, emaOverwriteFrequency: 0.5 })).toThrow(
      '`ema_overwrite_frequency` must be an integer >= 1 or None. Received: ema_overwrite_frequency=0.5',
    );
    // As Keras, the moving average's options are only checked when it is used.
    expect(new optimizers.SGD({ emaMomentum: 2 }).getConfig().ema_momentum).toBe(2);
  });

  it('count iterations in updates under gradient accumulation, and keep their variables in Keras order', () => {
    const sgd = new optimizers.SGD({ name: 'sgd', gradientAccumulationSteps: 2, useEma: true });
    const v = variable([1, 2]);
    const before = memory().numTensors;
    for (let i = 0; i < 5; i++) step(sgd, [[[1, 1], v]]);
    expect([sgd.appliedSteps, sgd.iterations]).toEqual([5, 2]);
    expect(sgd.variables.map((s) => s.path)).toEqual(['sgd/dense_kernel_average', 'sgd/dense_kernel_gradient_accumulator']);
    expect(memory().numTensors).toBe(before + 2);
    // Two updates with the mean gradient 1, and the 5th step's gradient waiting in the accumulator.
    expectClose(v.value, [0.98, 1.98]);
    expectClose(sgd.baseSlotsFor(v).gradient_accumulator!.value, [1, 1]);
    sgd.dispose();
    expect(memory().numTensors).toBe(before);
    v.dispose();
  });

  it('excludeFromWeightDecay skips weights given or named', () => {
    const kernel = variable([1, 1], 'dense/kernel');
    const bias = variable([1, 1], 'dense/bias');
    const other = variable([1, 1], 'other/kernel');
    const sgd = new optimizers.SGD({ learningRate: 0.5, weightDecay: 0.1 });
    sgd.excludeFromWeightDecay([other], ['bia']);
    step(sgd, [[[0, 0], kernel], [[0, 0], bias], [[0, 0], other]]);
    expectClose(kernel.value, [0.95, 0.95]);
    expectClose(bias.value, [1, 1]);
    expectClose(other.value, [1, 1]);
    for (const v of [kernel, bias, other]) v.dispose();
    sgd.dispose();
  });
});

describe('an optimizer that never stepped', () => {
  it('is saved unbuilt, as Keras saves it (iterations and learning rate only), and loads back', async () => {
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
    model.compile({ optimizer: new optimizers.Adam({ learningRate: 0.1, useEma: true }), loss: 'mse' });
    expect(model.optimizer.built).toBe(false);
    const loaded = await loadModel(await saveModel(model));
    expect([loaded.optimizer.built, loaded.optimizer.appliedSteps, loaded.optimizer.learningRate]).toEqual([true, 0, Math.fround(0.1)]);
    expect(loaded.optimizer.variables.every((v) => v.value.dataSync().every((e) => e === 0))).toBe(true);
    loaded.dispose();
    model.dispose();
  });
});

describe('the moving average in fit', () => {
  it("gives the weights their average when training ends, as Keras's fit does", async () => {
    const model = new Sequential([Input({ shape: [3] }), new layers.Dense(2)]);
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.1, useEma: true, emaMomentum: 0.5 }), loss: 'mse' });
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = tensor([1, 0, 0, 1], [2, 2]);
    await model.fit(x, y, { epochs: 3, batchSize: 2, verbose: 0 });
    for (const w of model.trainableWeights) expect(w.value.dataSync()).toEqual(model.optimizer.baseSlotsFor(w).average!.value.dataSync());
    x.dispose();
    y.dispose();
    model.dispose();
  });
});
