import { describe, expect, it } from 'vitest';
import { Variable } from '../../ts/engine/variable.js';
import { memory, tensor, tidy } from '../../ts/index.js';
import * as optimizers from '../../ts/optimizers/index.js';

const config = (o: optimizers.Optimizer) => ({ ...o.getConfig(), name: null });

describe('Lamb', () => {
  it("takes Keras's arguments positionally and as options alike", () => {
    const positional = new optimizers.Lamb(0.02, 0.8, 0.99, 1e-5);
    expect(config(positional)).toEqual(config(new optimizers.Lamb({ learningRate: 0.02, beta1: 0.8, beta2: 0.99, epsilon: 1e-5 })));
    expect(config(positional)).toMatchObject({ beta_1: 0.8, beta_2: 0.99, epsilon: 1e-5 });
    expect(optimizers.get('Lamb')).toBeInstanceOf(optimizers.Lamb);
    expect(config(optimizers.get({ class_name: 'Lamb', config: positional.getConfig() }))).toEqual(config(positional));
  });

  it('scales each weight\'s step by its own trust ratio ‖w‖ / ‖step‖', () => {
    const before = memory().numTensors;
    // First step: Adam's update is sign(g) (up to epsilon), so each weight moves by lr * ‖w‖ / ‖sign(g)‖ per element.
    const opt = new optimizers.Lamb(0.1);
    const small = new Variable({ name: 'a', path: 'a', value: tensor([3, 4], [2]) });
    const large = new Variable({ name: 'b', path: 'b', value: tensor([30, 40], [2]) });
    tidy(() => opt.applyGradients([[tensor([1, 1], [2]), small], [tensor([1, 1], [2]), large]]));
    const moved = (v: Variable, from: number) => from - v.value.dataSync()[0]!;
    expect(moved(small, 3)).toBeCloseTo((0.1 * 5) / Math.SQRT2, 5);
    expect(moved(large, 30)).toBeCloseTo((0.1 * 50) / Math.SQRT2, 4);
    expect(Object.keys(opt.slotsFor(small))).toEqual(['momentum', 'velocity']);
    opt.dispose();
    small.dispose();
    large.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
