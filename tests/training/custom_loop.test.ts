import { describe, expect, it } from 'vitest';
import { Input, Model, ValueError, Variable, layers, losses, memory, optimizers, ops, tensor, tidy, valueAndGrad } from '../../ts/index.js';
import { blobs } from './linear_model.js';

describe('a hand-written training loop with valueAndGrad and applyGradients', () => {
  it('trains a small classifier over several epochs without leaking tensors', () => {
    const inputs = Input({ shape: [2] });
    const hidden = new layers.Dense(8, { activation: 'relu' }).apply(inputs);
    const outputs = new layers.Dense(3, { activation: 'softmax' }).apply(hidden);
    const model = new Model({ inputs, outputs });
    const { x, y } = blobs(240);
    const xs = tensor(x);
    const ys = tensor(y);
    const lossFn = new losses.SparseCategoricalCrossentropy();
    const optimizer = new optimizers.Adam({ learningRate: 0.02 });
    const batchSize = 40;
    const epochLosses: number[] = [];
    let afterFirstStep = -1;

    for (let epoch = 0; epoch < 8; epoch++) {
      let sum = 0;
      for (let start = 0; start < 240; start += batchSize) {
        sum += tidy(() => {
          const xb = ops.slice(xs, [start, 0], [batchSize, 2]);
          const yb = ops.slice(ys, [start], [batchSize]);
          const weights = model.trainableWeights;
          const { value, grads } = valueAndGrad(() => lossFn.apply(yb, model.forward(xb, true)), weights);
          expect(grads.every((g) => g !== null)).toBe(true);
          optimizer.applyGradients(grads.map((g, i) => [g, weights[i]!]));
          return value.dataSync()[0]!;
        });
        if (afterFirstStep < 0) afterFirstStep = memory().numTensors; // the optimizer's slots now exist
      }
      epochLosses.push(sum / (240 / batchSize));
      expect(memory().numTensors).toBe(afterFirstStep);
    }
    expect(epochLosses.at(-1)!).toBeLessThan(epochLosses[0]! / 3);
    expect(optimizer.iterations).toBe(8 * 6);
    const accuracy = tidy(() => ops.mean(ops.cast(ops.equal(ops.cast(ops.argmax(model.forward(xs, false), -1), 'float32'), ys), 'float32')).dataSync()[0]!);
    expect(accuracy).toBeGreaterThan(0.9);
    optimizer.dispose();
    model.dispose();
    xs.dispose();
    ys.dispose();
  });

  it('takes Tensors as well as Variables, gives null for unrelated ones, and checks its arguments', () => {
    const start = memory().numTensors;
    const w = new Variable({ name: 'w', path: 'w', value: tensor([1, 2, 3]) });
    const t = tensor([2]);
    const unrelated = tensor([5]);
    tidy(() => {
      const { value, grads } = valueAndGrad(() => ops.sum(ops.multiply(ops.multiply(w.value, w.value), t)), [w, t, unrelated]);
      expect(value.dataSync()[0]).toBe(28); // 2 * (1 + 4 + 9)
      expect(Array.from(grads[0]!.dataSync())).toEqual([4, 8, 12]); // 2 * t * w
      expect(Array.from(grads[1]!.dataSync())).toEqual([14]); // sum(w²)
      expect(grads[2]).toBeNull();
    });
    // Inside tidy, the non-scalar result is freed with the error.
    expect(() => tidy(() => valueAndGrad(() => ops.add(w.value, 1), [w]))).toThrow(/must return a scalar/);
    expect(() => valueAndGrad(() => 3 as never, [w])).toThrow(new ValueError('valueAndGrad: fn must return a scalar Tensor, received number'));
    expect(() => valueAndGrad(() => ops.sum(w.value), [w, {} as never])).toThrow('valueAndGrad: variables[1] is not a Variable or a Tensor (received object)');
    w.dispose();
    t.dispose();
    unrelated.dispose();
    expect(memory().numTensors).toBe(start);
  });
});
