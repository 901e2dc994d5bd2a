import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, initializers, layers, memory, ops, tensor, tidy, valueAndGrads } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('Embedding', () => {
  it('gathers rows like tfjs-layers, for int32 and integral float32 indices', () => {
    const table = seededValues(5 * 3, 4);
    const oracle = tf.layers.embedding({ inputDim: 5, outputDim: 3 });
    oracle.apply(tf.zeros([1, 1]));
    oracle.setWeights([tf.tensor(table, [5, 3])]);
    const want = (oracle.apply(tf.tensor([[0, 4, 2], [1, 1, 3]])) as tf.Tensor).dataSync();
    const layer = new layers.Embedding(5, 3);
    tidy(() => {
      layer.apply(tensor([[0]], undefined, 'int32'));
      layer.setWeights([tensor(table, [5, 3])]);
      const y = layer.apply(tensor([[0, 4, 2], [1, 1, 3]], undefined, 'int32'));
      expect(y.shape).toEqual([2, 3, 3]);
      expectClose(y, want, 0);
      expectClose(layer.apply(tensor([[0, 4, 2], [1, 1, 3]])), want, 0);
    });
    layer.dispose();
  });

  it('scatter-adds the gradient into the embeddings rows (repeated indices accumulate)', () => {
    const layer = new layers.Embedding(4, 2);
    tidy(() => {
      const idx = tensor([[1, 3, 1]], undefined, 'int32');
      layer.apply(idx);
      const r = tensor([[[1, 2], [3, 4], [5, 6]]]);
      const { grads } = valueAndGrads(() => ops.sum(ops.multiply(layer.apply(idx), r)), [layer.embeddings!.value]);
      expectClose(grads[0]!, [0, 0, 6, 8, 0, 0, 3, 4], 0);
    });
    layer.dispose();
  });

  it('masks index 0 when maskZero, and only then', () => {
    const masked = new layers.Embedding(3, 2, { maskZero: true });
    const plain = new layers.Embedding(3, 2);
    expect(masked.supportsMasking).toBe(true);
    tidy(() => {
      const x = tensor([[0, 1, 2, 0]], undefined, 'int32');
      expectClose(masked.apply(x).kerasMask!, [0, 1, 1, 0], 0);
      expect(plain.apply(x).kerasMask).toBeNull();
    });
    masked.dispose(); plain.dispose();
  });

  it('draws the default weights from RandomUniform(-0.05, 0.05) and infers symbolic shapes', () => {
    const layer = new layers.Embedding({ inputDim: 50, outputDim: 8 });
    expect(layer.embeddingsInitializer).toBeInstanceOf(initializers.RandomUniform);
    expect(layer.apply(Input({ shape: [10] })).shape).toEqual([null, 10, 8]);
    const values = Array.from(layer.embeddings!.value.dataSync());
    expect(values).toHaveLength(400);
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(new Set(values).size).toBeGreaterThan(390);
    layer.dispose();
  });

  it('writes Keras 3 config keys and survives a config round trip', () => {
    const layer = new layers.Embedding(10, 4, { maskZero: true, name: 'emb' });
    expect(layer.getConfig()).toEqual({
      name: 'emb', trainable: true,
      dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
      input_dim: 10, output_dim: 4,
      embeddings_initializer: { module: 'keras.initializers', class_name: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: null }, registered_name: null },
      embeddings_regularizer: null, activity_regularizer: null, embeddings_constraint: null, mask_zero: true, quantization_config: null,
    });
    const rebuilt = expectConfigRoundTrip(layer) as InstanceType<typeof layers.Embedding>;
    expect(rebuilt.maskZero).toBe(true);
    expect(new layers.Embedding(10, 4, { inputLength: 7 }).batchInputShape).toEqual([null, 7]);
  });

  it("rejects bad dimensions and out-of-range indices with Keras's messages", () => {
    expect(() => new layers.Embedding(0, 3)).toThrow('`input_dim` must be a positive integer. Received: input_dim=0 (of type int).');
    expect(() => new layers.Embedding(4, 2.5)).toThrow('`output_dim` must be a positive integer. Received: output_dim=2.5 (of type float).');
    const layer = new layers.Embedding(4, 2);
    expect(() => tidy(() => layer.apply(tensor([[4]], undefined, 'int32')))).toThrow('take: index 4 is out of bounds for axis 0 with size 4');
    expect(() => tidy(() => layer.apply(tensor([[1.5]])))).toThrow('take: indices must be integers, received 1.5');
    layer.dispose();
  });

  it("takes Keras's positional arguments or options, initial weights, and names an unknown option", () => {
    expectSameLayer(new layers.Embedding(10, 4, 'zeros'), new layers.Embedding({ inputDim: 10, outputDim: 4, embeddingsInitializer: 'zeros' }));
    expect(new layers.Embedding(10, 4).batchInputShape).toBeNull();
    const table = tensor([[1, 2], [3, 4], [5, 6]]);
    const seeded = new layers.Embedding(3, 2, { weights: table });
    expect(seeded.built).toBe(true);
    tidy(() => expectClose(seeded.apply(tensor([[2, 0]], undefined, 'int32')), [5, 6, 1, 2], 0));
    table.dispose();
    seeded.dispose();
    expect(() => new layers.Embedding(10, 4, { loraRank: 2 as never })).toThrow('Embedding: kerasm does not support the argument `lora_rank` (loraRank) other than at its default None. Received: loraRank=2');
    expect(() => new layers.Embedding(10, 4, { input_dim: 3 } as never)).toThrow("Unrecognized keyword arguments passed to Embedding: {'input_dim': 3}. Options take camelCase keys: did you mean 'inputDim'?");
    expect(() => new layers.Embedding({ outputDim: 4 })).toThrow("Embedding missing required argument: 'inputDim'.");
  });

  it('frees everything it allocates', () => {
    const before = memory().numTensors;
    const layer = new layers.Embedding(6, 3, { maskZero: true });
    tidy(() => {
      layer.apply(tensor([[1, 0, 5]], undefined, 'int32'));
    });
    expect(memory().numTensors).toBe(before + 1);
    layer.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
