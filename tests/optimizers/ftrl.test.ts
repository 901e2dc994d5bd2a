import { describe, expect, it } from 'vitest';
import { Variable } from '../../ts/engine/variable.js';
import { ValueError, memory, tensor, tidy } from '../../ts/index.js';
import * as optimizers from '../../ts/optimizers/index.js';

const config = (o: optimizers.Optimizer) => ({ ...o.getConfig(), name: null });

describe('Ftrl', () => {
  it("takes Keras's arguments positionally and as options alike", () => {
    const positional = new optimizers.Ftrl(0.05, -0.3, 0.2, 0.01, 0.02, 0.03, 0.5);
    const options = new optimizers.Ftrl({
      learningRate: 0.05, learningRatePower: -0.3, initialAccumulatorValue: 0.2, l1RegularizationStrength: 0.01,
      l2RegularizationStrength: 0.02, l2ShrinkageRegularizationStrength: 0.03, beta: 0.5,
    });
    expect(config(positional)).toEqual(config(options));
    expect(config(positional)).toMatchObject({ learning_rate_power: -0.3, initial_accumulator_value: 0.2, l2_shrinkage_regularization_strength: 0.03, beta: 0.5 });
    expect(optimizers.get('ftrl')).toBeInstanceOf(optimizers.Ftrl);
    const restored = optimizers.get({ class_name: 'Ftrl', config: positional.getConfig() });
    expect(config(restored)).toEqual(config(positional));
  });

  it('starts the accumulator at initialAccumulatorValue and the linear term at zero, and frees both', () => {
    const before = memory().numTensors;
    const opt = new optimizers.Ftrl({ initialAccumulatorValue: 0.25 });
    const v = new Variable({ name: 'kernel', path: 'dense/kernel', value: tensor([1, 2, 3, 4], [2, 2]) });
    const slots = opt.slotsFor(v);
    expect(Object.keys(slots)).toEqual(['accumulator', 'linear']);
    expect(Array.from(slots.accumulator!.value.dataSync())).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(slots.linear!.value.dataSync())).toEqual([0, 0, 0, 0]);
    tidy(() => opt.applyGradients([[tensor([1, 1, 1, 1], [2, 2]), v]]));
    expect(Array.from(slots.accumulator!.value.dataSync())).toEqual([1.25, 1.25, 1.25, 1.25]);
    opt.dispose();
    v.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("refuses negative strengths and a positive power in Keras's words", () => {
    expect(() => new optimizers.Ftrl({ initialAccumulatorValue: -0.1 })).toThrow(ValueError);
    expect(() => new optimizers.Ftrl({ initialAccumulatorValue: -0.1 })).toThrow(
      '`initial_accumulator_value` needs to be positive or zero. Received: initial_accumulator_value=-0.1.');
    expect(() => new optimizers.Ftrl(0.1, 0.5)).toThrow('`learning_rate_power` needs to be negative or zero. Received: learning_rate_power=0.5.');
    expect(() => new optimizers.Ftrl({ l1RegularizationStrength: -1 })).toThrow('`l1_regularization_strength` needs to be positive or zero.');
    expect(() => new optimizers.Ftrl({ l2ShrinkageRegularizationStrength: -2 })).toThrow(
      '`l2_shrinkage_regularization_strength` needs to be positive or zero. Received: l2_shrinkage_regularization_strength=-2.');
  });
});
