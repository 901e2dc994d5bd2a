import { describe, expect, it } from 'vitest';
import { Input, Model, layers, tensor, tidy, type Tensor } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { expectConfigRoundTrip } from '../round_trip.js';

const spec = (shape: number[], seed: number) => ({ values: seededValues(shape.reduce((a, b) => a * b, 1), seed), shape });

describe('Attention and AdditiveAttention', () => {
  it.each([
    ['Attention, dot, scaled', () => new layers.Attention(true)],
    ['Attention, concat', () => new layers.Attention({ useScale: true, scoreMode: 'concat' })],
    ['AdditiveAttention', () => new layers.AdditiveAttention()],
  ])('%s has the gradients of finite differences for query, value and key (causal)', (_name, make) => {
    const layer = make();
    gradcheck((q, v, k) => layer.apply([q!, v!, k!], { useCausalMask: true }) as Tensor, [spec([2, 3, 4], 1), spec([2, 3, 5], 2), spec([2, 3, 4], 3)]);
    layer.dispose();
  });

  it('gives masked query steps zeros and masked value steps no weight; the output keeps the query mask', () => {
    const layer = new layers.Attention();
    tidy(() => {
      const q = tensor(spec([1, 2, 3], 4).values, [1, 2, 3]);
      const v = tensor(spec([1, 3, 3], 5).values, [1, 3, 3]);
      q.kerasMask = tensor([[1, 0]]);
      v.kerasMask = tensor([[1, 1, 0]]);
      const [output, scores] = layer.apply([q, v], { returnAttentionScores: true }) as Tensor[];
      const weights = scores!.arraySync() as number[][][];
      expect(weights[0]![0]![2]).toBeCloseTo(0, 6);
      expect((output!.arraySync() as number[][][])[0]![1]).toEqual([0, 0, 0]);
      expect((layer.apply([q, v]) as Tensor).kerasMask!.arraySync()).toEqual([[1, 0]]);
    });
    layer.dispose();
  });

  it("raises Keras's errors, naming the layer and the shapes where Keras would fail inside the scores", () => {
    expect(() => new layers.Attention({ scoreMode: 'sum' as never })).toThrow("Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=sum");
    const layer = new layers.Attention({ name: 'att' });
    expect(() => layer.apply([Input({ shape: [3, 4] })] as never)).toThrow('Attention layer accepts inputs list of length 2 or 3');
    expect(() => layer.apply([Input({ shape: [3, 4] }), Input({ shape: [5, 6] })])).toThrow(
      'Layer "att": the last dimension of the query and of the key must be equal. Received: query_shape=(None, 3, 4), key_shape=(None, 5, 6)',
    );
    expect((layer.apply([Input({ shape: [3, 4] }), Input({ shape: [5, 4] })]) as ReturnType<typeof Input>).shape).toEqual([null, 3, 4]); // still usable
  });

  it('records return_attention_scores in a Functional config and rebuilds from it', () => {
    const [q, v] = [Input({ shape: [3, 4] }), Input({ shape: [5, 4] })];
    const [out, scores] = new layers.AdditiveAttention().apply([q, v], { returnAttentionScores: true }) as ReturnType<typeof Input>[];
    expect(scores!.shape).toEqual([null, 3, 5]);
    const model = new Model({ inputs: [q, v], outputs: [out!, scores!] });
    const copy = Model.fromConfig(model.getConfig());
    expect(copy.outputs.map((t) => t.shape)).toEqual([[null, 3, 4], [null, 3, 5]]);
    expectConfigRoundTrip(new layers.Attention({ useScale: true, scoreMode: 'concat', dropout: 0.2, seed: 1 })).dispose();
    model.dispose();
    copy.dispose();
  });
});

describe('GroupQueryAttention', () => {
  it('has the gradients of finite differences for query, value and key, masked', () => {
    const layer = new layers.GroupQueryAttention(2, 4, 2);
    const valueMask = tensor([[1, 1, 0], [1, 0, 1]]);
    gradcheck((q, v, k) => layer.apply([q!, v!, k!], { valueMask, useCausalMask: true }) as Tensor, [spec([2, 3, 4], 6), spec([2, 3, 4], 7), spec([2, 3, 5], 8)]);
    valueMask.dispose();
    layer.dispose();
  });

  it('with as many key/value heads as query heads is MultiHeadAttention on the same weights', () => {
    const gqa = new layers.GroupQueryAttention(3, 2, 2);
    const mha = new layers.MultiHeadAttention(2, 3);
    tidy(() => {
      const x = tensor(spec([2, 4, 5], 9).values, [2, 4, 5]);
      gqa.apply([x, x]);
      mha.apply([x, x]);
      mha.setWeights(gqa.getWeights());
      expectClose(gqa.apply([x, x], { useCausalMask: true }) as Tensor, (mha.apply([x, x], { useCausalMask: true }) as Tensor).dataSync(), 1e-5);
    });
    gqa.dispose();
    mha.dispose();
  });

  it("raises Keras's errors", () => {
    expect(() => new layers.GroupQueryAttention(2, 3, 2)).toThrow('`num_query_heads` must be divisible by `num_key_value_heads`.');
    const gqa = new layers.GroupQueryAttention({ headDim: 2, numQueryHeads: 2, numKeyValueHeads: 1, name: 'gqa' });
    expect(() => gqa.apply([Input({ shape: [3, 4] }), Input({ shape: [5, 6] })])).toThrow(
      'Layer "gqa": the last dimension of `query_shape` and `value_shape` must be equal, but are 4, 6. Received: query_shape=(None, 3, 4), value_shape=(None, 5, 6)',
    );
    expect(gqa.name).toBe('gqa');
    expect(new layers.GroupQueryAttention(2, 2, 1).name).toMatch(/^grouped_query_attention/);
  });
});

describe('EinsumDense', () => {
  it('has the gradients of finite differences, with the bias over two output axes', () => {
    const layer = new layers.EinsumDense('abc,cde->abde', [3, 2, 4], { biasAxes: 'de', activation: 'tanh' });
    tidy(() => layer.apply(tensor(spec([2, 3, 5], 10).values, [2, 3, 5])));
    gradcheck((x, kernel, bias) => {
      layer.setWeights([kernel!, bias!]);
      return layer.apply(x!);
    }, [spec([2, 3, 5], 11), spec([5, 2, 4], 12), spec([2, 4], 13)]);
    layer.dispose();
  });

  it("gives the kernel's fans to a variance-scaling initializer, as Keras", () => {
    const layer = new layers.EinsumDense('ab,bcd->acd', [64, 64]);
    tidy(() => layer.apply(tensor(new Float32Array(2 * 256), [2, 256])));
    // glorot_uniform with fans 256 (in) and 64·64 (out): limit sqrt(6 / (256 + 4096)).
    const limit = Math.sqrt(6 / (256 + 4096));
    const largest = Array.from(layer.kernel!.value.dataSync()).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(largest).toBeLessThanOrEqual(limit);
    expect(largest).toBeGreaterThan(limit * 0.9);
    layer.dispose();
  });

  it("raises Keras's errors for equations it cannot take", () => {
    expect(() => new layers.EinsumDense('ab->b', 3).apply(Input({ shape: [4] }))).toThrow("Invalid einsum equation 'ab->b'.");
    expect(() => new layers.EinsumDense('ab,bc->ac', 3, null, 'd').apply(Input({ shape: [4] }))).toThrow("Bias dimension 'd' was requested, but is not part of the output spec 'ac'");
    expect(() => new layers.EinsumDense('ab,bcx->ac', 3).apply(Input({ shape: [4] }))).toThrow("Weight dimension 'x' did not have a match");
  });
});
