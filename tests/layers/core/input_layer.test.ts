import { describe, expect, it } from 'vitest';
import { Input, layers } from '../../../ts/index.js';
import { deserializeLayer } from '../../../ts/engine/registry.js';
import { expectConfigRoundTrip } from '../round_trip.js';

const inputLayerOf = (x: ReturnType<typeof Input>) => x.node!.operation as InstanceType<typeof layers.InputLayer>;

describe('Input and InputLayer', () => {
  it("take Keras's arguments: shape positionally or as an option, batchSize, or batchShape", () => {
    expect(Input([784]).shape).toEqual([null, 784]);
    expect(Input({ shape: [784] }).shape).toEqual([null, 784]);
    expect(Input([28, 28], 32).shape).toEqual([32, 28, 28]);
    expect(Input({ batchShape: [16, null, 3] }).shape).toEqual([16, null, 3]);
    expect(Input([3], { dtype: 'int32' }).dtype).toBe('int32');
    expect(new layers.InputLayer([4], 8).batchShape).toEqual([8, 4]);
    expect(new layers.InputLayer({ batchInputShape: [2, 5] }).batchShape).toEqual([2, 5]);
    expect(new layers.InputLayer({ inputShape: [5] }).batchShape).toEqual([null, 5]);
    expect(() => new (Input as unknown as new () => unknown)()).toThrow(TypeError);
  });

  it("write Keras's config and rebuild from it (and from Keras 2's batch_input_shape)", () => {
    const layer = inputLayerOf(Input({ batchShape: [4, 3], name: 'pixels' }));
    expect(layer.getConfig()).toEqual({ batch_shape: [4, 3], dtype: 'float32', sparse: false, ragged: false, name: 'pixels', optional: false });
    expectConfigRoundTrip(layer);
    const keras2 = deserializeLayer({
      module: 'keras.layers', class_name: 'InputLayer', registered_name: null,
      config: { batch_input_shape: [null, 7], dtype: 'int32', sparse: false, ragged: false, name: 'ids' },
    }) as InstanceType<typeof layers.InputLayer>;
    expect([keras2.batchShape, keras2.dtype, keras2.name]).toEqual([[null, 7], 'int32', 'ids']);
  });

  it("raise Keras's errors for missing, doubled or bad shapes and for what kerasm cannot honour", () => {
    expect(() => Input()).toThrow('You must pass a `shape` argument.');
    expect(() => Input({ shape: [3], batchShape: [null, 3] })).toThrow('You cannot pass both `shape` and `batch_shape` at the same time.');
    expect(() => Input({ batchSize: 2, batchShape: [null, 3] })).toThrow('You cannot pass both `batch_size` and `batch_shape` at the same time.');
    expect(() => Input([3, -1])).toThrow("Cannot convert '(3, -1)' to a shape. Negative dimensions are not allowed.");
    expect(() => Input([3, 'a' as never])).toThrow("Cannot convert '(3, 'a')' to a shape. Found invalid dimension 'a' of type '<class 'str'>'.");
    expect(() => Input([3], 1.5)).toThrow("Cannot convert '(1.5, 3)' to a shape. Found invalid dimension '1.5' of type '<class 'float'>'.");
    expect(() => Input(3 as never)).toThrow("Cannot convert '3' to a shape.");
    expect(() => Input([3], { sparse: true })).toThrow('`sparse=True` is not supported with the kerasm backend');
    expect(() => Input([3], { ragged: true })).toThrow('`ragged=True` is not supported with the kerasm backend');
    expect(Input([3], { sparse: false, ragged: false }).shape).toEqual([null, 3]);
    expect(() => Input([3], { optional: true })).toThrow('Input: kerasm does not support the argument `optional` (optional) other than at its default False. Received: optional=True');
    expect(() => Input({ shape: [3], inputShape: [3] } as never)).toThrow("Unrecognized keyword arguments passed to Input: {'inputShape': [3]}");
    expect(() => new layers.InputLayer({ shape: [3], trainable: false } as never)).toThrow("Unrecognized keyword arguments passed to InputLayer: {'trainable': False}");
  });
});
