import { describe, expect, it } from 'vitest';
import { Input, memory, ops, tensor, tidy } from '../../../ts/index.js';
import { encodeCategoricalInputs } from '../../../ts/layers/preprocessing/encode_categorical.js';
import { expectClose } from '../../helpers/close.js';
import { gradcheck } from '../../helpers/gradcheck.js';

// Expected values from Keras 3.15.1's numerical_utils.encode_categorical_inputs (JAX backend).
describe('encodeCategoricalInputs', () => {
  const ids = () => tensor([[0, 1, 1, 3], [2, 2, 5, -1]], [2, 4], 'int32');

  it("encodes one_hot, multi_hot and count as Keras, ids out of range counting nowhere", () => {
    tidy(() => {
      const oneHot = encodeCategoricalInputs(tensor([[0], [2]], [2, 1], 'int32'), { outputMode: 'one_hot', depth: 4 });
      expect(oneHot.shape).toEqual([2, 4]);
      expectClose(oneHot, [1, 0, 0, 0, 0, 0, 1, 0], 0);
      expectClose(encodeCategoricalInputs(ids(), { outputMode: 'multi_hot', depth: 4 }), [1, 1, 0, 1, 0, 0, 1, 0], 0);
      expectClose(encodeCategoricalInputs(ids(), { outputMode: 'count', depth: 4 }), [1, 2, 0, 1, 0, 0, 2, 0], 0);
    });
  });

  it('weights counts by countWeights and tf_idf by idfWeights', () => {
    tidy(() => {
      const countWeights = tensor([[0.5, 1, 2, 1], [1, 1, 1, 1]]);
      expectClose(encodeCategoricalInputs(ids(), { outputMode: 'count', depth: 4, countWeights }), [0.5, 3, 0, 1, 0, 0, 2, 0], 0);
      const idfWeights = tensor([0.5, 1, 2, 4]);
      expectClose(encodeCategoricalInputs(ids(), { outputMode: 'tf_idf', depth: 4, idfWeights }), [0.5, 2, 0, 4, 0, 0, 4, 0], 0);
    });
  });

  it("follows Keras's rank rules: a scalar is one sample, a vector one sample, rank 3 reduces axis 1", () => {
    tidy(() => {
      expectClose(encodeCategoricalInputs(tensor(2, [], 'int32'), { outputMode: 'multi_hot', depth: 4 }), [0, 0, 1, 0], 0);
      expectClose(encodeCategoricalInputs(tensor([1, 1, 2], [3], 'int32'), { outputMode: 'count', depth: 4 }), [0, 2, 1, 0], 0);
      const rank3 = encodeCategoricalInputs(tensor([[[0, 1], [1, 3], [2, 2]]], [1, 3, 2], 'int32'), { outputMode: 'count', depth: 4 });
      expect(rank3.shape).toEqual([1, 2, 4]);
      expectClose(rank3, [1, 1, 1, 0, 0, 1, 1, 1], 0);
      expect(encodeCategoricalInputs(tensor([[1, 2]], [1, 2], 'int32'), { outputMode: 'int', depth: 4 }).dtype).toBe('float32');
      expect(encodeCategoricalInputs(ids(), { outputMode: 'count', depth: 4, dtype: 'int32' }).dtype).toBe('int32');
    });
  });

  it('counts a 5,001-class vocabulary over [2000, 10] ids without a one-hot tensor, quickly', () => {
    tidy(() => {
      const ids = tensor(Int32Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 5003), [2000, 10], 'int32');
      const idfWeights = tensor(Float32Array.from({ length: 5001 }, (_, i) => 1 + (i % 3)));
      const start = performance.now();
      const counted = encodeCategoricalInputs(ids, { outputMode: 'count', depth: 5001 });
      const present = encodeCategoricalInputs(ids, { outputMode: 'multi_hot', depth: 5001 });
      const weighted = encodeCategoricalInputs(ids, { outputMode: 'tf_idf', depth: 5001, idfWeights });
      const totals = [counted, present, weighted].map((t) => Array.from(ops.sum(t, 1).dataSync()));
      expect(performance.now() - start).toBeLessThan(3000);
      expect(counted.shape).toEqual([2000, 5001]);
      // Ids reach 5002: those of 5001 and 5002 count nowhere.
      const rows = Array.from({ length: 2000 }, (_, r) => Array.from(ids.dataSync().subarray(r * 10, r * 10 + 10)).filter((v) => v < 5001));
      expect(totals[0]).toEqual(rows.map((row) => row.length));
      expect(totals[1]).toEqual(rows.map((row) => new Set(row).size));
      expect(totals[2]).toEqual(rows.map((row) => row.reduce((sum, v) => sum + 1 + (v % 3), 0)));
    });
  });

  it('works on KerasTensors and frees what it makes on the way', () => {
    expect(encodeCategoricalInputs(Input({ shape: [5], dtype: 'int32' }) as never, { outputMode: 'multi_hot', depth: 7 }).shape).toEqual([null, 7]);
    tidy(() => {
      const x = ids();
      const before = memory().numTensors;
      encodeCategoricalInputs(x, { outputMode: 'count', depth: 4 });
      expect(memory().numTensors).toBe(before + 1);
    });
  });

  it('refuses sparse, count weights outside count mode, and tf_idf without idf weights', () => {
    tidy(() => {
      expect(() => encodeCategoricalInputs(ids(), { outputMode: 'count', depth: 4, sparse: true })).toThrow('kerasm has no sparse tensors');
      expect(() => encodeCategoricalInputs(ids(), { outputMode: 'multi_hot', depth: 4, countWeights: tensor([1]) })).toThrow("`count_weights` is not used when `output_mode` is not `'count'`");
      expect(() => encodeCategoricalInputs(ids(), { outputMode: 'tf_idf', depth: 4 })).toThrow("When output mode is `'tf_idf'`, idf_weights must be provided.");
    });
  });

  it('passes gradients to the count weights and the idf weights, agreeing with finite differences', () => {
    const ids = tensor([[0, 1, 1, 3], [2, 2, 0, 1]], [2, 4], 'int32');
    gradcheck((w) => encodeCategoricalInputs(ids, { outputMode: 'count', depth: 4, countWeights: w }), [{ values: [0.5, 1, 2, 1, 1, -1, 1, 0.25], shape: [2, 4] }]);
    gradcheck((idf) => encodeCategoricalInputs(ids, { outputMode: 'tf_idf', depth: 4, idfWeights: idf }), [{ values: [0.5, 1, 2, 4], shape: [4] }]);
    ids.dispose();
  });
});
