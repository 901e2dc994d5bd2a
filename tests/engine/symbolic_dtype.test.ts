import { describe, expect, it } from 'vitest';
import { Input, layers } from '../../ts/index.js';

describe('the dtype of a symbolic call', () => {
  it("is the layer's, except for the layers that only move values, as Keras 3.15.1", () => {
    // Keras 3.15.1 on an int32 Input: Flatten, Identity, Reshape and Permute give int32; the rest float32.
    const x = Input({ shape: [4, 2], dtype: 'int32' });
    const kept = [new layers.Flatten(), new layers.Identity(), new layers.Reshape([8]), new layers.Permute([2, 1])];
    expect(kept.map((l) => l.apply(x).dtype)).toEqual(['int32', 'int32', 'int32', 'int32']);
    const cast = [new layers.Dense(2), new layers.Cropping1D(1), new layers.Dropout(0.5), new layers.Masking()];
    expect(cast.map((l) => l.apply(x).dtype)).toEqual(['float32', 'float32', 'float32', 'float32']);
  });
});
