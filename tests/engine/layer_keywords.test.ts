import { describe, expect, it } from 'vitest';
import * as keras from '../../ts/index.js';
import { type Tensor, layers } from '../../ts/index.js';
import { Layer } from '../../ts/engine/layer.js';

class Scale extends Layer {
  call(x: Tensor): Tensor {
    return x;
  }
}

describe("the keywords every layer takes (Keras's Layer.__init__ and its **kwargs)", () => {
  it('inputShape, inputDim, batchSize and batchInputShape give the batch input shape', () => {
    expect(new layers.Dense(2, { inputShape: [3] }).batchInputShape).toEqual([null, 3]);
    expect(new layers.Dense(2, { inputDim: 3 }).batchInputShape).toEqual([null, 3]);
    expect(new layers.Dense(2, { inputShape: [3], batchSize: 8 }).batchInputShape).toEqual([8, 3]);
    expect(new layers.Dense(2, { batchInputShape: [4, 3] }).batchInputShape).toEqual([4, 3]);
    expect(new layers.Dense(2).batchInputShape).toBeNull();
  });

  it('dtype as a name or a Keras dtype policy, autocast, dynamic and trainable', () => {
    const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
    const layer = new layers.Dense(2, { dtype: policy, autocast: false, dynamic: true, trainable: false });
    expect([layer.dtype, layer.autocast, layer.dynamic, layer.trainable]).toEqual(['float32', false, true, false]);
    expect(new layers.Dense(2).dynamic).toBe(false);
    expect(() => new layers.Dense(2, { dtype: 'float16' as never })).toThrow('Invalid dtype: float16');
    expect(() => new layers.Dense(2, { trainable: 'yes' as never })).toThrow('Expected `trainable` to be a boolean. Received: trainable=yes (of type string)');
  });

  it("a user's direct subclass passes only these keywords to super(), as in Keras", () => {
    expect(new Scale({ name: 'scale', trainable: false }).name).toBe('scale');
    expect(() => new Scale({ units: 3 } as never)).toThrow("Unrecognized keyword arguments passed to Scale: {'units': 3}.");
  });
});

describe("Keras's build wrapper", () => {
  it('marks a layer built once its build() returns, so a later call does not build it again', () => {
    class Doubler extends Layer {
      builds = 0;
      override build(): void {
        this.builds += 1;
        this.addWeight({ name: 'w', shape: [1], initializer: 'ones' });
      }
      call(x: Tensor): Tensor {
        return x;
      }
    }
    const layer = new Doubler();
    layer.build([null, 3]);
    expect(layer.built).toBe(true);
    layer.apply(keras.tensor([[1, 2, 3]])).dispose();
    expect([layer.builds, layer.weights.length]).toEqual([1, 1]);
    layer.dispose();
  });
});
