/**
 * The decoder of Keras's "The Functional API" guide, written as the guide writes it (positional
 * arguments: `Reshape((4, 4, 1))`, `Conv2DTranspose(16, 3, activation="relu")`,
 * `UpSampling2D(3)`): Keras's shapes and parameter count. `UpSampling2D(3)` once ignored its
 * positional size and gave (None, 20, 20, 1).
 */
import { describe, expect, it } from 'vitest';
import { Input, Model, layers, type KerasTensor } from '../../ts/index.js';

describe("the Functional API guide's decoder, with positional arguments", () => {
  it('has Keras 3.15.1\'s output shapes and parameter count', () => {
    const decoderInput = Input([16]);
    const stack = [
      new layers.Reshape([4, 4, 1]),
      new layers.Conv2DTranspose(16, 3, { activation: 'relu' }),
      new layers.Conv2DTranspose(32, 3, { activation: 'relu' }),
      new layers.UpSampling2D(3),
      new layers.Conv2DTranspose(16, 3, { activation: 'relu' }),
      new layers.Conv2DTranspose(1, 3, { activation: 'relu' }),
    ];
    const outputs = stack.reduce<KerasTensor>((x, layer) => layer.apply(x), decoderInput);
    const decoder = new Model({ inputs: decoderInput, outputs, name: 'decoder' });
    // Each layer's output shape and the total, from keras.Model(...).summary() in Keras 3.15.1.
    expect(stack.map((layer) => layer.outputShape)).toEqual([
      [null, 4, 4, 1], [null, 6, 6, 16], [null, 8, 8, 32], [null, 24, 24, 32], [null, 26, 26, 16], [null, 28, 28, 1],
    ]);
    expect(decoder.outputShape).toEqual([null, 28, 28, 1]);
    // 9,569 parameters (160 + 4,640 + 4,624 + 145), computed by Keras 3.15.1.
    expect(decoder.countParams()).toBe(9_569);
    decoder.dispose();
  });
});
