import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads } from '../../ts/index.js';

describe('ops.stopGradient', () => {
  it('passes the values and no gradient: d/dx sum(x * stopGradient(x)) = x, not 2x', () => {
    const before = memory().numTensors;
    tidy(() => {
      const x = tensor([3, -4, 0.5], [3]);
      const { value, grads } = valueAndGrads(() => ops.sum(ops.multiply(x, ops.stopGradient(x))), [x]);
      expect(value.dataSync()[0]).toBeCloseTo(25.25, 5);
      expect(Array.from(grads[0]!.dataSync())).toEqual([3, -4, 0.5]);
      const { grads: none } = valueAndGrads(() => ops.sum(ops.stopGradient(ops.square(x))), [x]);
      expect(none[0]).toBeNull();
      expect(Array.from(ops.stopGradient(tensor(new Int32Array([1, 2]), [2])).dataSync())).toEqual([1, 2]);
    });
    expect(memory().numTensors).toBe(before);
  });

  it('names itself when given something that is not a tensor', () => {
    expect(() => ops.stopGradient([1, 2] as never)).toThrow("Argument 'variable' passed to 'stop_gradient' must be a Tensor");
  });
});
