/**
 * Attribute tracking, checked against Keras 3.15.1: a layer's sublayers and variables are what
 * its properties hold (directly, in arrays, in plain objects), and `trainable` propagates. The
 * orders and flags below are Keras's for the same Python classes (`self.proj_out = ...` for
 * `projOut`), printed with Keras 3.15.1 on JAX.
 */
import { describe, expect, it } from 'vitest';
import { Input, Layer, Model, Sequential, Variable, layers, ops, tensor, tidy } from '../../ts/index.js';
import type { CallArgs, Tensor } from '../../ts/index.js';
import { trackedAttributes } from '../../ts/engine/tracking.js';
import { expectClose } from '../helpers/close.js';

/** Layers and variables in every place Keras tracks them: a property, a list, a dict of lists, an alias, `add_weight`. */
class Block extends Layer {
  readonly scale = new Variable({ name: 'scale', path: 'block/scale', value: tensor([1, 1, 1]), trainable: false });
  readonly projOut = new layers.Dense(3);
  readonly _inner = [new layers.Dense(3), new layers.Dense(3)];
  readonly heads = { a: new layers.Dense(3), b: [new layers.Dense(3), [new layers.Dense(3)]] as const };
  readonly alias = this.projOut;
  readonly offset = new Variable({ name: 'offset', path: 'block/offset', value: tensor([0, 0, 0]) });
  gain: Variable | null = null;

  override build(): void {
    this.gain = this.addWeight({ name: 'gain', shape: [3], initializer: 'ones' });
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    const h = this._inner.reduce((x, l) => l.apply(x, args), inputs);
    const [b0, [b1]] = this.heads.b;
    const mixed = ops.add(ops.add(this.heads.a.apply(h, args), b0.apply(h, args)), b1.apply(h, args));
    return ops.add(ops.multiply(ops.multiply(this.projOut.apply(mixed, args), this.gain!.value), this.scale.value), this.offset.value);
  }

  /** Its Dense layers in Keras's tracking order (`alias` is `projOut` again). */
  denseLayers(): Layer[] {
    return [this.projOut, ...this._inner, this.heads.a, this.heads.b[0], this.heads.b[1][0]];
  }
}

function builtBlock(): { block: Block; model: Model } {
  const block = new Block();
  const inputs = Input({ shape: [3] });
  return { block, model: new Model({ inputs, outputs: block.apply(inputs) }) };
}

/** Same objects, same order. */
function expectSame<T>(got: T[], want: T[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(g, `item ${i}`).toBe(want[i]));
}

describe('attribute tracking', () => {
  it("counts the layers and variables held in properties, arrays and plain objects, in Keras's order, each once", () => {
    const { block, model } = builtBlock();
    // Keras: offset, gain (trainable when tracked), scale, then each Dense's kernel and bias.
    expectSame(block.weights, [block.offset, block.gain!, block.scale, ...block.denseLayers().flatMap((l) => l.weights)]);
    expect(block.trainableWeights).toHaveLength(14);
    expectSame(block.nonTrainableWeights, [block.scale]);
    expect(block.countParams()).toBe(81);
    expect(model.countParams()).toBe(81);
    expectSame(model.weights, block.weights);
    expectSame(block.ownWeights, [block.offset, block.gain!, block.scale]);
    tidy(() => expect(block.apply(tensor([[1, 2, 3]])).shape).toEqual([1, 3]));
    model.dispose();
  });

  it('a variable made by addWeight and held in a property counts once', () => {
    const dense = new layers.Dense(2);
    const norm = new layers.BatchNormalization();
    const x = Input({ shape: [3] });
    norm.apply(dense.apply(x));
    expectSame(dense.weights, [dense.kernel!, dense.bias!]);
    expectSame(norm.weights, [norm.gamma!, norm.beta!, norm.movingMean!, norm.movingVariance!]);
    dense.dispose();
    norm.dispose();
  });

  it("setting trainable sets it on every sublayer and on the variables tracked as trainable, as Keras's setter", () => {
    const { block, model } = builtBlock();
    model.trainable = false;
    expect([block, ...block.denseLayers()].map((l) => l.trainable)).toEqual(Array(7).fill(false));
    expect(block.weights.every((w) => !w.trainable)).toBe(true);
    expect(model.trainableWeights).toEqual([]);
    expect(model.nonTrainableWeights).toHaveLength(15);
    model.trainable = true;
    // Keras: every weight trainable again except `scale`, which was created non-trainable.
    expect(block.weights.map((w) => w.trainable)).toEqual([true, true, false, ...Array(12).fill(true)]);
    expect(model.trainableWeights).toHaveLength(14);
    model.dispose();
  });

  it('a layer frozen before it is built creates frozen weights, which unfreezing makes trainable (Keras: [False, False] then [True, True])', () => {
    const dense = new layers.Dense(2, { trainable: false });
    dense.apply(Input({ shape: [3] }));
    expect(dense.weights.map((w) => w.trainable)).toEqual([false, false]);
    dense.trainable = true;
    expect(dense.weights.map((w) => w.trainable)).toEqual([true, true]);
    dense.dispose();
  });

  it('a layer that holds its parent model does not loop', async () => {
    class Head extends Layer {
      owner: Model | null = null;
      readonly dense = new layers.Dense(2);
      call(inputs: Tensor, args: CallArgs): Tensor {
        return this.dense.apply(inputs, args);
      }
    }
    class Net extends Model {
      readonly head = new Head();
      constructor() {
        super();
        this.head.owner = this;
      }
      override call(inputs: Tensor, args: CallArgs): Tensor {
        return this.head.apply(inputs, args);
      }
    }
    const net = new Net();
    tidy(() => net.apply(tensor([[1, 2, 3]])));
    expectSame(net.weights, net.head.dense.weights);
    expect(net.countParams()).toBe(8);
    net.trainable = false;
    expect(net.head.dense.trainable).toBe(false);
    expect(net.losses).toEqual([]);
    net.clearLosses();
    net.dispose();
  });

  it("kerasm's own bookkeeping is never tracked: only a subclass's own properties are", () => {
    class Net extends Model {
      readonly dense = new layers.Dense(2);
      override call(inputs: Tensor, args: CallArgs): Tensor {
        return this.dense.apply(inputs, args);
      }
    }
    const x = Input({ shape: [3] });
    const functional = new Model({ inputs: x, outputs: new layers.Dense(2).apply(x) });
    const sequential = new Sequential([Input({ shape: [3] }), new layers.Dense(2)]);
    expect(trackedAttributes(new Net()).map(([key]) => key)).toEqual(['dense']);
    expect(trackedAttributes(functional)).toEqual([]);
    expect(trackedAttributes(sequential)).toEqual([]);
    const block = new Block();
    expect(trackedAttributes(block).map(([key]) => key)).toEqual(['scale', 'projOut', '_inner', 'heads', 'alias', 'offset', 'gain']);
    block.dispose();
    functional.dispose();
    sequential.dispose();
  });

  it("losses: the addLoss terms of tracked sublayers, then the penalties of trainable weights only, as Keras", () => {
    class Penalised extends Layer {
      call(inputs: Tensor): Tensor {
        this.addLoss(ops.sum(inputs));
        return inputs;
      }
    }
    class Outer extends Layer {
      readonly dense = new layers.Dense(2, { kernelRegularizer: 'l2' });
      readonly items = { p: [new Penalised()] };
      call(inputs: Tensor, args: CallArgs): Tensor {
        return this.items.p[0]!.apply(this.dense.apply(inputs, args), args);
      }
    }
    const outer = new Outer();
    tidy(() => {
      const y = outer.apply(tensor([[1, 1, 1]]));
      const kernel = outer.dense.kernel!.value;
      const losses = outer.losses;
      expect(losses).toHaveLength(2);
      expectClose(losses[0]!, [ops.sum(y).dataSync()[0]!]);
      expectClose(losses[1]!, [0.01 * ops.sum(ops.square(kernel)).dataSync()[0]!]);
      outer.dense.trainable = false;
      expect(outer.losses).toHaveLength(1);
      outer.dense.trainable = true;
      outer.trainable = false;
      expect(outer.losses).toHaveLength(1);
    });
    outer.dispose();
  });
});
