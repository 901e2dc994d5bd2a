/**
 * The default `computeOutputShape` traces `call` on KerasTensors, as Keras's
 * `compute_output_spec`: the ops infer shapes by arithmetic (no kernel runs, unknown sizes stay
 * unknown), sublayers build without recording nodes, and only a call that cannot run on
 * KerasTensors is run on zeros instead.
 */
import { describe, expect, it } from 'vitest';
import { Input, KerasTensor, Layer, type LayerArgs, Model, type Tensor, layers, memory, ops, tensor, tidy } from '../../ts/index.js';

/** A layer without a shape rule that records what its `call` was given. */
class Pooled extends Layer {
  readonly seen: string[] = [];

  constructor(args?: LayerArgs) {
    super(args);
  }

  call(inputs: Tensor): Tensor {
    this.seen.push(inputs.constructor.name);
    return ops.concatenate([ops.mean(inputs, 1), ops.max(inputs, 1)], -1);
  }
}

describe('the default computeOutputShape traces call on KerasTensors', () => {
  it('runs no kernel: call sees KerasTensors once, and no tensor is made', () => {
    const layer = new Pooled();
    const before = memory().numTensors;
    expect(layer.computeOutputShape([null, 5, 3])).toEqual([null, 6]);
    expect(layer.seen).toEqual(['KerasTensor']);
    expect(memory().numTensors).toBe(before);
  });

  it('keeps unknown sizes unknown, where calling on zeros made them 1', () => {
    class Identityish extends Layer {
      call(inputs: Tensor): Tensor {
        return ops.multiply(inputs, 2);
      }
    }
    expect(new Identityish().computeOutputShape([null, null, 3])).toEqual([null, null, 3]);
  });

  it('builds the sublayers a call uses, without recording nodes on them', () => {
    class Block extends Layer {
      readonly inner = new layers.Dense(4);

      call(inputs: Tensor): Tensor {
        return ops.relu(this.inner.apply(inputs));
      }
    }
    const block = new Block();
    const y = block.apply(Input({ shape: [3] }));
    expect(y.shape).toEqual([null, 4]);
    expect(block.inner.built).toBe(true);
    expect(block.inner.inboundNodes).toEqual([]);
    expect(block.inboundNodes.length).toBe(1);
    block.inner.dispose();
  });

  it('a call that reads values cannot be traced: it runs on zeros instead', () => {
    class Reading extends Layer {
      readonly seen: string[] = [];

      call(inputs: Tensor): Tensor {
        this.seen.push(inputs.constructor.name);
        const peak = Math.max(0, ...inputs.dataSync());
        return ops.add(ops.sum(inputs, -1, true), peak);
      }
    }
    const layer = new Reading();
    expect(layer.computeOutputShape([null, 3])).toEqual([null, 1]);
    expect(layer.seen).toEqual(['KerasTensor', 'Tensor']);
  });

  it('a custom layer with a weight traces with the weight as a constant, and its Functional model runs', () => {
    class Scaled extends Layer {
      scale: { value: Tensor } | null = null;

      override build(shape: (number | null)[]): void {
        this.scale = this.addWeight({ name: 'scale', shape: [shape.at(-1)!], initializer: 'ones' });
      }

      call(inputs: Tensor): Tensor {
        return ops.multiply(inputs, this.scale!.value);
      }
    }
    const x = Input({ shape: [2] });
    const y = new Scaled().apply(x);
    expect(y).toBeInstanceOf(KerasTensor);
    const model = new Model(x, y);
    tidy(() => expect(Array.from((model.apply(tensor([[3, 4]])) as Tensor).dataSync())).toEqual([3, 4]));
    model.dispose();
  });

  it('frees the eager constants a call makes while it is traced, and keeps its sublayers\' weights', () => {
    // Keras's TokenAndPositionEmbedding: positions are an arange made inside call.
    class Positioned extends Layer {
      readonly positions = new layers.Embedding(4, 2);

      call(inputs: Tensor): Tensor {
        return ops.add(inputs, this.positions.apply(ops.arange(0, 4, 1, 'int32')));
      }
    }
    const before = memory().numTensors;
    const layer = new Positioned();
    expect(layer.apply(Input({ shape: [4, 2] })).shape).toEqual([null, 4, 2]);
    expect(memory().numTensors).toBe(before + 1); // the embeddings
    layer.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
