import { describe, expect, it } from 'vitest';
import { Input, Model, Sequential, type Tensor, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { expectClose } from '../../helpers/close.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('Hashing', () => {
  it("takes Keras's arguments positionally or as options; salt as one integer or two", () => {
    expectSameLayer(new layers.Hashing(5, null, 7), new layers.Hashing({ numBins: 5, salt: 7 }));
    expect(new layers.Hashing(5, null, 7).salt).toEqual([7, 7]);
    expect(new layers.Hashing(5, null, [1, 2]).salt).toEqual([1, 2]);
    expect(() => new layers.Hashing(5, null, [1, 2, 3] as never)).toThrow('The `salt` argument for `Hashing` can only be a tuple of size 2 integers, or a single integer. Received: salt=[1, 2, 3].');
  });

  it("writes Keras's config (int64 for bin ids, float32 for encodings) and round-trips it", () => {
    const config = new layers.Hashing({ numBins: 3, maskValue: '', salt: 1 }).getConfig();
    expect(config).toMatchObject({ num_bins: 3, mask_value: '', salt: [1, 1], output_mode: 'int', sparse: false, dtype: { config: { name: 'int64' } } });
    expect(new layers.Hashing(3, { outputMode: 'count' }).getConfig()).toMatchObject({ dtype: { config: { name: 'float32' } } });
    expectConfigRoundTrip(new layers.Hashing(3, 'x', [4, 5], 'multi_hot'));
  });

  it("refuses what Keras refuses, with Keras's messages", () => {
    expect(() => new layers.Hashing(0)).toThrow('The `num_bins` for `Hashing` cannot be `None` or non-positive values. Received: num_bins=0.');
    expect(() => new layers.Hashing(3, { dtype: 'float32' })).toThrow('When `output_mode="int"`, `dtype` should be an integer type');
    expect(() => new layers.Hashing(3, { outputMode: 'tf_idf' as never })).toThrow('Invalid value for argument `output_mode`.');
    expect(() => new layers.Hashing(3, { sparse: true })).toThrow('`sparse` may only be true if `output_mode` is');
    expect(() => new layers.Hashing(3, { outputMode: 'count', sparse: true })).toThrow('kerasm has no sparse tensors');
  });

  it('hashes string tensors in a Functional model, and frees what it makes', () => {
    const inputs = Input({ shape: [2], dtype: 'string' });
    const model = new Model({ inputs, outputs: new layers.Hashing(4, { outputMode: 'multi_hot' }).apply(inputs) });
    expect(model.outputs[0]!.shape).toEqual([null, 4]);
    tidy(() => {
      const x = tensor([['a', 'b'], ['a', 'a']]);
      const before = memory().numTensors;
      const y = model.predict(x) as Tensor;
      expect(memory().numTensors).toBe(before + 1);
      expect(y.shape).toEqual([2, 4]);
      // 'a' and 'b' land in the same bins whatever the row.
      const rows = y.arraySync() as number[][];
      expect(rows[1]!.reduce((s, v) => s + v, 0)).toBe(1);
      expectClose(tensor(rows[1]!), rows[1]!.map((v, i) => Math.min(v, rows[0]![i]!)), 0);
    });
  });

  it('feeds a Sequential model from raw strings: hashed, one-hot encoded, then a Dense layer trained on them', async () => {
    const model = new Sequential([Input({ shape: [1], dtype: 'string' }), new layers.Hashing(8), new layers.CategoryEncoding(8, 'one_hot'), new layers.Dense(1)]);
    expect(model.outputs[0]!.shape).toEqual([null, 1]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tensor([['cat'], ['dog'], ['cat']]);
    const y = tensor([[1], [0], [1]]);
    const before = (await model.evaluate(x, y)) as number;
    await model.fit(x, y, { epochs: 5, verbose: 0 });
    expect((await model.evaluate(x, y)) as number).toBeLessThan(before);
    for (const t of [x, y]) t.dispose();
  });
});
