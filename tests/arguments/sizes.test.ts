/**
 * Sizes no tensor can hold (over the core's 2^28 values) are refused where they are given, before
 * anything is allocated: by the constructors (through ts/arguments), by `addWeight` and by the
 * initializers, with ValueErrors naming the argument or the weight.
 */
import { describe, expect, it } from 'vitest';
import { Input, Sequential, ValueError, initializers, layers, memory } from '../../ts/index.js';
import { MAX_TENSOR_VALUES } from '../../ts/arguments/shape.js';

describe('sizes no tensor can hold', () => {
  it('are refused by the constructors', () => {
    expect(() => new layers.Dense(1e12)).toThrow(new ValueError('`units`=1000000000000 is larger than any tensor kerasm can hold (268435456 values).'));
    expect(() => new layers.Conv2D(1e12, 3)).toThrow('`filters`=1000000000000 is larger than any tensor kerasm can hold');
    expect(() => new layers.Embedding(1e12, 4)).toThrow('`input_dim`=1000000000000 is larger than any tensor kerasm can hold');
    expect(() => new layers.MaxPooling2D([1e9, 1e9])).toThrow('`pool_size`=1000000000 is larger than any tensor kerasm can hold');
    expect(() => Input({ shape: [1e9] })).toThrow('`shape`=1000000000 is larger than any tensor kerasm can hold');
    // The largest sizes a tensor can hold are still taken.
    expect(new layers.Dense(MAX_TENSOR_VALUES).units).toBe(MAX_TENSOR_VALUES);
  });

  it('are refused by addWeight and the initializers, before allocating, naming the weight', () => {
    const before = memory().numTensors;
    // Each argument fits; the kernel, 2^12 x 2^17 = 2^29 values, does not.
    expect(() => new Sequential([Input({ shape: [2 ** 12] }), new layers.Dense(2 ** 17, { name: 'wide' })])).toThrow(
      'Layer "wide": weight \'kernel\': a tensor of shape (4096, 131072) would hold more than 268435456 values.',
    );
    expect(() => initializers.get('ones').call([2 ** 15, 2 ** 15])).toThrow('initializer: a tensor of shape (32768, 32768) would hold more than 268435456 values.');
    expect(memory().numTensors).toBe(before);
  });
});
