import { describe, expect, it } from 'vitest';
import { Input, Model, type Tensor, layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose } from '../../helpers/close.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('CategoryEncoding', () => {
  it("takes Keras's arguments positionally or as options, binary being multi_hot", () => {
    expectSameLayer(new layers.CategoryEncoding(4, 'count'), new layers.CategoryEncoding({ numTokens: 4, outputMode: 'count' }));
    expect(new layers.CategoryEncoding(4, 'binary').outputMode).toBe('multi_hot');
    expect(new layers.CategoryEncoding({ numTokens: 3, name: 'c' }).getConfig()).toMatchObject({ name: 'c', num_tokens: 3, output_mode: 'multi_hot' });
    expectConfigRoundTrip(new layers.CategoryEncoding(5, 'one_hot'));
  });

  it("refuses what Keras refuses, with Keras's messages", () => {
    expect(() => new layers.CategoryEncoding()).toThrow('num_tokens must be set to use this layer.');
    expect(() => new layers.CategoryEncoding(0)).toThrow('`num_tokens` must be >= 1. Received: num_tokens=0.');
    expect(() => new layers.CategoryEncoding(3, 'tf_idf' as never)).toThrow('Unknown arg for output_mode: tf_idf');
    expect(() => new layers.CategoryEncoding(3, 'count', true)).toThrow('kerasm has no sparse tensors');
    expect(() => new layers.CategoryEncoding(3, { name: 'c' }).apply(tensor(['a']))).toThrow('CategoryEncoding layer "c" takes integer ids, received a string tensor.');
    tidy(() => {
      const ids = tensor([[0, 1]], [1, 2], 'int32');
      expect(() => new layers.CategoryEncoding(3).apply(ids, { countWeights: [[1, 2]] } as never)).toThrow("`count_weights` is not used when `output_mode` is not `'count'`");
    });
  });

  it('takes count weights as a tensor or nested arrays', () => {
    tidy(() => {
      const layer = new layers.CategoryEncoding(3, 'count');
      const ids = tensor([[0, 1, 1]], [1, 3], 'int32');
      expectClose(layer.apply(ids, { countWeights: [[0.5, 1, 2]] } as never), [0.5, 3, 0], 0);
      expectClose(layer.apply(ids, { countWeights: tensor([[1, 1, 1]]) } as never), [1, 2, 0], 0);
    });
  });

  it('works inside a Functional model, shapes by arithmetic', () => {
    const inputs = Input({ shape: [4], dtype: 'int32' });
    const outputs = new layers.CategoryEncoding(6, 'multi_hot').apply(inputs);
    const model = new Model({ inputs, outputs });
    expect(model.outputs[0]!.shape).toEqual([null, 6]);
    tidy(() => expectClose(model.predict(tensor([[0, 5, 5, 2]], [1, 4], 'int32')) as Tensor, [1, 0, 1, 0, 0, 1], 0));
    const oneHot = new layers.CategoryEncoding(3, 'one_hot').apply(Input({ shape: [1], dtype: 'int32' }));
    expect(oneHot.shape).toEqual([null, 3]);
  });
});
