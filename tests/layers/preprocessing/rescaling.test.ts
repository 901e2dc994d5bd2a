import { describe, expect, it } from 'vitest';
import { Input, Model, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer } from '../../../ts/engine/registry.js';
import { expectClose } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('Rescaling', () => {
  it('computes inputs * scale + offset, with numbers or per-channel arrays, integers in as floats', () => {
    tidy(() => {
      expectClose(new layers.Rescaling(1 / 127.5, -1).apply(tensor([0, 127.5, 255])), [-1, 0, 1], 1e-7);
      const perChannel = new layers.Rescaling([0.5, 2, -1], { offset: [0.1, 0, -0.2] });
      expectClose(perChannel.apply(tensor([[1, 1, 1], [2, 3, 4]])), [0.6, 2, -1.2, 1.1, 6, -4.2], 1e-6);
      const y = new layers.Rescaling(0.5).apply(tensor([1, 3], [2], 'int32'));
      expect(y.dtype).toBe('float32');
      expectClose(y, [0.5, 1.5], 0);
    });
  });

  it('keeps shapes and masks, and frees the per-channel operands it makes', () => {
    const layer = new layers.Rescaling([1, 2], [0, 1]);
    const inputs = Input({ shape: [5, 2] });
    expect(new Model({ inputs, outputs: layer.apply(inputs) }).outputs[0]!.shape).toEqual([null, 5, 2]);
    tidy(() => {
      const mask = tensor([1, 0]);
      expect(layer.apply(tensor([[1, 1], [1, 1]]), { mask }).kerasMask).toBe(mask);
      // What stays until the tidy ends: the input, the product and the output, not the operands.
      const before = memory().numTensors;
      layer.apply(tensor([[1, 1]]));
      expect(memory().numTensors).toBe(before + 3);
    });
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.Rescaling([0.5, -2, 3], 0.25), [2, 3]);
  });

  it("takes Keras's arguments positionally or as options, and names what it does not take", () => {
    expectSameLayer(new layers.Rescaling(0.5, 1), new layers.Rescaling({ scale: 0.5, offset: 1 }));
    expect(new layers.Rescaling(2).offset).toBe(0);
    expect(() => new layers.Rescaling({})).toThrow("Rescaling missing required argument: 'scale'.");
    expect(() => new layers.Rescaling(2, { shift: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Rescaling: {'shift': 1}.");
  });

  it("writes Keras's config, round-trips it, and reads Keras's NumPy form of scale and offset", () => {
    expect(new layers.Rescaling([0.5, 2], { offset: -1, name: 'r' }).getConfig()).toMatchObject({ name: 'r', scale: [0.5, 2], offset: -1 });
    expectConfigRoundTrip(new layers.Rescaling([0.5, 2], -1));
    const numpy = (value: number[]) => ({ class_name: '__numpy__', config: { value, dtype: 'float32' } });
    const config = { name: 'r', trainable: true, dtype: 'float32', scale: numpy([0.5, 2]), offset: numpy([1, -1]) };
    const layer = deserializeLayer({ module: 'keras.layers', class_name: 'Rescaling', config, registered_name: null }) as layers.Rescaling;
    expect([layer.scale, layer.offset]).toEqual([[0.5, 2], [1, -1]]);
    tidy(() => expectClose(layer.apply(tensor([[2, 2]])), [2, 3], 0));
  });
});
