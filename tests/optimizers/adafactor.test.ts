import { describe, expect, it } from 'vitest';
import { Variable } from '../../ts/engine/variable.js';
import { memory, tensor, tidy } from '../../ts/index.js';
import * as optimizers from '../../ts/optimizers/index.js';

const config = (o: optimizers.Optimizer) => ({ ...o.getConfig(), name: null });

describe('Adafactor', () => {
  it("takes Keras's arguments positionally and as options alike", () => {
    const positional = new optimizers.Adafactor(0.5, -0.6, 1e-20, 1e-2, 0.5, false);
    const options = new optimizers.Adafactor({ learningRate: 0.5, beta2Decay: -0.6, epsilon1: 1e-20, epsilon2: 1e-2, clipThreshold: 0.5, relativeStep: false });
    expect(config(positional)).toEqual(config(options));
    expect(config(positional)).toMatchObject({ beta_2_decay: -0.6, epsilon_1: 1e-20, epsilon_2: 1e-2, clip_threshold: 0.5, relative_step: false });
    expect(optimizers.get('adafactor')).toBeInstanceOf(optimizers.Adafactor);
    expect(config(optimizers.get({ class_name: 'Adafactor', config: positional.getConfig() }))).toEqual(config(positional));
  });

  it("keeps Keras's factored slot shapes: r without the last axis, c without the second-to-last, scalars below rank 2", () => {
    const before = memory().numTensors;
    const opt = new optimizers.Adafactor(0.01);
    const shapes = (v: Variable) => Object.entries(opt.slotsFor(v)).map(([name, s]) => [name, s.shape]);
    const kernel = new Variable({ name: 'kernel', path: 'conv/kernel', value: tensor(new Float32Array(24).fill(1), [2, 3, 4]) });
    const bias = new Variable({ name: 'bias', path: 'conv/bias', value: tensor([1, 2, 3, 4], [4]) });
    expect(shapes(kernel)).toEqual([['r', [2, 3]], ['c', [2, 4]], ['velocity', [2, 3, 4]]]);
    expect(shapes(bias)).toEqual([['r', []], ['c', []], ['velocity', [4]]]);
    tidy(() => opt.applyGradients([[tensor(new Float32Array(24).fill(0.5), [2, 3, 4]), kernel], [tensor([1, -1, 1, -1], [4]), bias]]));
    // A constant gradient: the first step moves every element by rms(w) * min(lr, 1) = 0.01.
    expect(Array.from(kernel.value.dataSync()).every((w) => Math.abs(w - 0.99) < 1e-6)).toBe(true);
    opt.dispose();
    kernel.dispose();
    bias.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
