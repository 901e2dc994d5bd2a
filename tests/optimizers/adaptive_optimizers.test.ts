/**
 * AdamW, Adagrad, Adadelta, Adamax, Nadam and Lion: Keras's arguments in both forms, Keras's
 * errors, names and state (their updates against Keras are in keras_golden.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { Variable } from '../../ts/engine/variable.js';
import { ValueError, memory, tensor, tidy } from '../../ts/index.js';
import * as optimizers from '../../ts/optimizers/index.js';

/** The config without the (auto-generated) name. */
const config = (o: optimizers.Optimizer) => ({ ...o.getConfig(), name: null });

/** A fresh [2]-shaped variable. */
const weight = (path: string) => new Variable({ name: path, path, value: tensor([0.5, -0.25], [2]) });

describe("Keras's arguments, positional and as options alike", () => {
  it.each([
    ['AdamW', () => new optimizers.AdamW(0.01, 0.1, 0.8, 0.99, 1e-6, true), () => new optimizers.AdamW({ learningRate: 0.01, weightDecay: 0.1, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, amsgrad: true })],
    ['Adagrad', () => new optimizers.Adagrad(0.01, 0.5, 1e-6), () => new optimizers.Adagrad({ learningRate: 0.01, initialAccumulatorValue: 0.5, epsilon: 1e-6 })],
    ['Adadelta', () => new optimizers.Adadelta(1.0, 0.9, 1e-6), () => new optimizers.Adadelta({ learningRate: 1.0, rho: 0.9, epsilon: 1e-6 })],
    ['Adamax', () => new optimizers.Adamax(0.002, 0.8, 0.99, 1e-6), () => new optimizers.Adamax({ learningRate: 0.002, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 })],
    ['Nadam', () => new optimizers.Nadam(0.002, 0.8, 0.99, 1e-6), () => new optimizers.Nadam({ learningRate: 0.002, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 })],
    ['Lion', () => new optimizers.Lion(1e-4, 0.95, 0.98), () => new optimizers.Lion({ learningRate: 1e-4, beta1: 0.95, beta2: 0.98 })],
  ] as const)('%s', (_name, positional, options) => {
    expect(config(positional())).toEqual(config(options()));
  });

  it("AdamW takes weight_decay second, defaults it to Keras's 0.004 and refuses None as Keras does", () => {
    expect(new optimizers.AdamW().weightDecay).toBe(0.004);
    expect(new optimizers.AdamW(0.01, 0.05).weightDecay).toBe(0.05);
    expect(config(new optimizers.AdamW())).toMatchObject({ weight_decay: 0.004, beta_1: 0.9, amsgrad: false });
    expect(() => new optimizers.AdamW({ weightDecay: null as never })).toThrow(new ValueError('Argument `weight_decay` must be a float. Received: weight_decay=None'));
    expect(() => optimizers.get({ class_name: 'AdamW', config: { weight_decay: null } })).toThrow('weight_decay=None');
  });

  it('Lion refuses a beta_1 outside (0, 1] in Keras words', () => {
    expect(() => new optimizers.Lion({ beta1: 0 })).toThrow(
      new ValueError('Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta_1=0.'));
    expect(() => new optimizers.Lion(0.001, 1.5)).toThrow('Received: beta_1=1.5.');
    expect(new optimizers.Lion({ beta1: 1 }).beta1).toBe(1);
  });
});

describe('optimizers.get and names', () => {
  it("resolves Keras's names case-insensitively, and names each as Keras's auto_name does", () => {
    const cases = [['adamw', optimizers.AdamW, 'adam_w'], ['Adagrad', optimizers.Adagrad, 'adagrad'], ['ADADELTA', optimizers.Adadelta, 'adadelta'],
      ['adamax', optimizers.Adamax, 'adamax'], ['Nadam', optimizers.Nadam, 'nadam'], ['lion', optimizers.Lion, 'lion']] as const;
    for (const [identifier, cls, name] of cases) {
      const optimizer = optimizers.get(identifier);
      expect(optimizer).toBeInstanceOf(cls);
      expect(optimizer.name).toMatch(new RegExp(`^${name}(_\\d+)?$`));
    }
    expect(optimizers.get('adamw')).not.toBeInstanceOf(optimizers.Nadam);
    expect(() => optimizers.get('adam_w')).toThrow('Could not interpret optimizer identifier: adam_w');
  });
});

describe('slots', () => {
  it("Adagrad's accumulators start at initialAccumulatorValue", () => {
    const w = weight('w');
    const adagrad = new optimizers.Adagrad({ initialAccumulatorValue: 0.25, name: 'adagrad' });
    expect(Array.from(adagrad.slotsFor(w).accumulator!.value.dataSync())).toEqual([0.25, 0.25]);
    tidy(() => adagrad.applyGradients([[tensor([1, 0], [2]), w]]));
    expect(Array.from(adagrad.slotsFor(w).accumulator!.value.dataSync())).toEqual([1.25, 0.25]);
    adagrad.dispose();
    w.dispose();
  });

  it("Nadam keeps u_product after its slots, advanced once per step however many weights, and frees it on dispose", () => {
    const [a, b] = [weight('a'), weight('b')];
    const nadam = new optimizers.Nadam({ name: 'nadam' });
    const before = memory().numTensors;
    const step = () => tidy(() => nadam.applyGradients([[tensor([0.1, 0.2], [2]), a], [tensor([0.3, -0.1], [2]), b]]));
    step();
    step();
    expect(nadam.variables.map((v) => v.path)).toEqual(['nadam/a_momentum', 'nadam/a_velocity', 'nadam/b_momentum', 'nadam/b_velocity', 'variable']);
    expect(memory().numTensors).toBe(before + 5);
    const u = (t: number) => 0.9 * (1 - 0.5 * 0.96 ** t);
    expect(nadam.uProduct.value.shape).toEqual([]);
    expect(nadam.uProduct.value.dataSync()[0]).toBeCloseTo(u(1) * u(2), 7);
    nadam.dispose();
    expect(memory().numTensors).toBe(before);
    a.dispose();
    b.dispose();
  });

  it("AdamW is Adam with Keras's weight decay", () => {
    const run = (optimizer: optimizers.Optimizer) => {
      const w = weight('w');
      for (let i = 0; i < 3; i++) tidy(() => optimizer.applyGradients([[tensor([0.3, -0.6], [2]), w]]));
      const values = Array.from(w.value.dataSync());
      optimizer.dispose();
      w.dispose();
      return values;
    };
    expect(run(new optimizers.AdamW(0.01))).toEqual(run(new optimizers.Adam({ learningRate: 0.01, weightDecay: 0.004 })));
  });
});
