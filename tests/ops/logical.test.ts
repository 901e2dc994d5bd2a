import { describe, expect, it } from 'vitest';
import { Input, ops, tensor, tidy } from '../../ts/index.js';

describe('logicalAnd and logicalOr', () => {
  it('treat nonzero as true, broadcast, and give float32 1 / 0', () => {
    tidy(() => {
      const a = tensor([[0, 1, 2], [3, 0, -1]]);
      const b = tensor([1, 0, 1]);
      expect(ops.logicalAnd(a, b).arraySync()).toEqual([[0, 0, 1], [1, 0, 1]]);
      expect(ops.logicalOr(a, b).arraySync()).toEqual([[1, 1, 1], [1, 0, 1]]);
      expect(ops.logicalOr(a, 0).dtype).toBe('float32');
    });
  });

  it("record Keras's LogicalAnd / LogicalOr nodes with broadcast shapes", () => {
    const x = Input({ shape: [3] });
    expect(ops.logicalOr(x, Input({ shape: [1] })).shape).toEqual([null, 3]);
    expect(ops.logicalAnd(x, x).node!.operation.constructor.name).toBe('LogicalAnd');
  });
});
