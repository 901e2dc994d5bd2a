import { describe, expect, it } from 'vitest';
import { Input, activations, layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose } from '../../helpers/close.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('Activation', () => {
  it('applies its activation, by name or function, and keeps shapes and masks', () => {
    const layer = new layers.Activation('relu');
    expect(layer.apply(Input([3, 2])).shape).toEqual([null, 3, 2]);
    tidy(() => {
      const mask = tensor([1, 0]);
      const y = layer.apply(tensor([[-1, 2], [3, -4]]), { mask });
      expectClose(y, [0, 2, 3, 0], 0);
      expect(y.kerasMask).toBe(mask);
      expectClose(new layers.Activation(activations.sigmoid).apply(tensor([0])), [0.5], 1e-7);
    });
  });

  it("takes the activation positionally or as an option, writes Keras's config, and names an unknown option", () => {
    expectSameLayer(new layers.Activation('tanh'), new layers.Activation({ activation: 'tanh' }));
    const layer = new layers.Activation('softmax', { name: 'probs' });
    expect(layer.getConfig()).toEqual({
      name: 'probs', trainable: true, activation: 'softmax',
      dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
    });
    expectConfigRoundTrip(layer);
    expect(() => new layers.Activation({})).toThrow("Activation missing required argument: 'activation'.");
    expect(() => new layers.Activation('relu', { alpha: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Activation: {'alpha': 1}");
    expect(() => new layers.Activation('nope')).toThrow('Could not interpret activation function identifier: nope');
  });
});
