import { describe, expect, it } from 'vitest';
import { type CallArgs, Input, Layer, Model, type Tensor, layers, memory, ops, tensor, tidy } from '../../ts/index.js';

/** Records the training mode each call sees. */
class Probe extends Layer {
  static seen: (boolean | undefined)[] = [];
  call(x: Tensor, args: CallArgs): Tensor {
    Probe.seen.push(args.training);
    return x;
  }
  override computeOutputShape(shape: (number | null)[]): (number | null)[] {
    return shape;
  }
}

class Outer extends Layer {
  a = new Probe();
  b = new Probe();
  c = new Probe();
  call(x: Tensor): Tensor {
    const y = this.a.apply(x);
    return this.c.apply(this.b.apply(y, { training: false }));
  }
  override computeOutputShape(shape: (number | null)[]): (number | null)[] {
    return shape;
  }
}

describe("Keras's call context", () => {
  it('passes the outer training mode to layers called inside a call, and keeps the last one resolved, as Keras 3.15.1', () => {
    // Keras 3.15.1 logs [True, False, False] and [None, False, False] for the same classes.
    const outer = new Outer();
    tidy(() => {
      const x = tensor([[1, 2, 3]]);
      Probe.seen = [];
      outer.apply(x, { training: true });
      expect(Probe.seen).toEqual([true, false, false]);
      Probe.seen = [];
      outer.apply(x);
      expect(Probe.seen).toEqual([undefined, false, false]);
      Probe.seen = [];
      outer.apply(x, { training: true });
      expect(Probe.seen).toEqual([true, false, false]);
    });
  });

  it('makes a Dropout inside a custom layer drop out in fit and not in predict', async () => {
    class Noisy extends Layer {
      dropout = new layers.Dropout(0.5);
      call(x: Tensor): Tensor {
        return this.dropout.apply(x);
      }
      override computeOutputShape(shape: (number | null)[]): (number | null)[] {
        return shape;
      }
    }
    const inputs = Input({ shape: [200] });
    const model = new Model(inputs, new Noisy().apply(inputs));
    const before = memory().numTensors;
    tidy(() => {
      const x = ops.add(ops.zeros([1, 200]), 1);
      const trained = model.forward(x, true) as Tensor;
      const zeros = Array.from(trained.dataSync()).filter((v) => v === 0).length;
      expect(zeros).toBeGreaterThan(50);
      expect(zeros).toBeLessThan(150);
      expect(Array.from((model.predict(x) as Tensor).dataSync()).every((v) => v === 1)).toBe(true);
    });
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });

  it('closes the context when a call fails, so the next call starts afresh', () => {
    class Failing extends Layer {
      call(): Tensor {
        throw new Error('boom');
      }
    }
    const failing = new Failing();
    tidy(() => {
      const x = tensor([[1]]);
      expect(() => failing.apply(x, { training: true })).toThrow('boom');
      Probe.seen = [];
      new Probe().apply(x);
      expect(Probe.seen).toEqual([undefined]);
    });
  });
});
