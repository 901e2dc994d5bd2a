import { describe, expect, it } from 'vitest';
import { Input, Layer, Model, layers, memory, optimizers, tensor, tidy, type Tensor } from '../../../ts/index.js';
import { LambdaCallback } from '../../../ts/training/callbacks/lambda_callback.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';

type KerasTensor = ReturnType<typeof Input>;

/** Self-attention as a layer of one input, so that gradcheckLayer reaches the attention's weights. */
class SelfAttention extends Layer {
  constructor(readonly attention: Layer, readonly options: Record<string, unknown> = {}) {
    super();
  }

  call(x: Tensor): Tensor {
    return this.attention.apply([x, x], this.options) as Tensor;
  }
}

const values = (shape: number[], seed: number) => tensor(seededValues(shape.reduce((a, b) => a * b, 1), seed), shape);

describe('MultiHeadAttention', () => {
  it('has the gradients of finite differences for its input and every projection (causal)', () => {
    const layer = new SelfAttention(new layers.MultiHeadAttention(2, 3), { useCausalMask: true });
    gradcheckLayer(layer, [2, 4, 5]);
    expect(layer.trainableWeights.length).toBe(8);
    layer.dispose();
  });

  it('has the gradients of finite differences for query, value and key, with an attention mask and two attention axes', () => {
    const mha = new layers.MultiHeadAttention({ numHeads: 2, keyDim: 2, attentionAxes: [1, 2] });
    const mask = tensor(Float32Array.from({ length: 2 * 2 * 3 * 2 * 3 }, (_, i) => (i % 5 === 3 ? 0 : 1)), [2, 2, 3, 2, 3]);
    const shapes = [[2, 2, 3, 4], [2, 2, 3, 4], [2, 2, 3, 5]];
    gradcheck((q, v, k) => mha.apply([q!, v!, k!], { attentionMask: mask }) as Tensor, shapes.map((s, i) => ({ values: seededValues(s.reduce((a, b) => a * b, 1), 50 + i), shape: s })));
    mask.dispose();
    mha.dispose();
  });

  it('returns the scores (B, heads, T, S), which sum to 1 over the keys and are 0 above the diagonal when causal', () => {
    const mha = new layers.MultiHeadAttention(3, 4);
    tidy(() => {
      const x = values([2, 5, 6], 1);
      const [output, scores] = mha.apply([x, x], { returnAttentionScores: true, useCausalMask: true }) as Tensor[];
      expect(output!.shape).toEqual([2, 5, 6]);
      expect(scores!.shape).toEqual([2, 3, 5, 5]);
      const s = scores!.arraySync() as number[][][][];
      for (const row of s.flat(2)) expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      expect(s[1]![2]![1]![3]).toBe(0);
    });
    mha.dispose();
  });

  it('infers shapes symbolically (scores too) and records Keras\'s call in a Functional config', () => {
    const query = Input({ shape: [4, 6] });
    const value = Input({ shape: [7, 3] });
    const mha = new layers.MultiHeadAttention({ numHeads: 2, keyDim: 5, outputShape: [2, 4] });
    const [out, scores] = mha.apply([query, value], { returnAttentionScores: true }) as ReturnType<typeof Input>[];
    expect(out!.shape).toEqual([null, 4, 2, 4]);
    expect(scores!.shape).toEqual([null, 2, 4, 7]);
    const model = new Model({ inputs: [query, value], outputs: [out!, scores!] });
    const node = (model.getConfig() as { layers: { name: string; inbound_nodes: { args: unknown[]; kwargs: unknown }[] }[] }).layers.find((l) => l.name === mha.name)!.inbound_nodes[0]!;
    expect(node.args.length).toBe(2);
    expect(node.kwargs).toEqual({ return_attention_scores: true });
    const copy = Model.fromConfig(model.getConfig());
    expect(copy.outputs.map((t) => t.shape)).toEqual([[null, 4, 2, 4], [null, 2, 4, 7]]);
    model.dispose();
    copy.dispose();
  });

  it('masks padded value steps: their content does not reach the output', () => {
    const mha = new layers.MultiHeadAttention(2, 3);
    tidy(() => {
      const q = values([1, 2, 4], 2);
      const v = values([1, 3, 4], 3);
      const changed = tensor([...v.dataSync().slice(0, 8), 9, 9, 9, 9], [1, 3, 4]);
      const valueMask = tensor([[1, 1, 0]]);
      const a = mha.apply([q, v], { valueMask }) as Tensor;
      const b = mha.apply([q, changed], { valueMask }) as Tensor;
      expectClose(b, a.dataSync(), 1e-6);
    });
    mha.dispose();
  });

  it("raises Keras's errors naming the layer and both shapes", () => {
    expect(() => new layers.MultiHeadAttention(0, 4)).toThrow('Received an invalid value for argument `num_heads`, expected a positive integer. Received: num_heads=0');
    expect(() => new layers.MultiHeadAttention(2, 4, { slidingWindow: 3 } as never)).toThrow('slidingWindow');
    const mha = new layers.MultiHeadAttention({ numHeads: 2, keyDim: 4, name: 'mha_bad' });
    expect(() => mha.apply([Input({ shape: [3, 6] }), Input({ shape: [5, 6] }), Input({ shape: [4, 6] })])).toThrow(
      'Layer "mha_bad": all dimensions of `value` and `key`, except the last one, must be equal. Received: value_shape=(None, 5, 6) and key_shape=(None, 4, 6)',
    );
    expect(mha.built).toBe(false);
    expect((mha.apply([Input({ shape: [3, 6] }), Input({ shape: [5, 6] })]) as ReturnType<typeof Input>).shape).toEqual([null, 3, 6]); // still usable
    mha.dispose();
  });

  it('keeps its config through serialization, built or not', () => {
    const mha = new layers.MultiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 4, dropout: 0.1, useBias: false, outputShape: 5, attentionAxes: -2, kernelRegularizer: 'l2', seed: 3 });
    expectConfigRoundTrip(mha).dispose();
    tidy(() => mha.apply([values([2, 3, 6], 4), values([2, 4, 6], 5)]));
    expect(mha.getConfig().attention_axes).toEqual([1]);
    expectConfigRoundTrip(mha).dispose();
    mha.dispose();
  });

  it('trains a transformer block (attention, LayerNormalization, feed-forward, residuals): the loss falls and memory stays flat', async () => {
    const before = memory().numTensors;
    const inputs = Input({ shape: [6, 8] });
    const attended = new layers.MultiHeadAttention(2, 4).apply([inputs, inputs], { useCausalMask: true }) as KerasTensor;
    const add = (a: KerasTensor, b: KerasTensor) => new layers.Add().apply([a, b]) as KerasTensor;
    let x = new layers.LayerNormalization().apply(add(inputs, attended));
    const ff = new layers.Dense(8).apply(new layers.Dense(16, 'relu').apply(x));
    x = new layers.LayerNormalization().apply(add(x, ff));
    const outputs = new layers.Dense(3, 'softmax').apply(new layers.GlobalAveragePooling1D().apply(x));
    const model = new Model({ inputs, outputs });
    model.compile({ optimizer: new optimizers.Adam({ learningRate: 0.01 }), loss: 'sparse_categorical_crossentropy' });
    const xs = tensor(seededValues(64 * 6 * 8, 7, -1, 1), [64, 6, 8]);
    // The class is the sign pattern of the first feature summed over the sequence: learnable through attention.
    const sums = Array.from({ length: 64 }, (_, i) => Array.from({ length: 6 }, (_, t) => xs.dataSync()[(i * 6 + t) * 8]!).reduce((a, b) => a + b));
    const ys = tensor(Int32Array.from(sums.map((s) => (s < -0.5 ? 0 : s < 0.5 ? 1 : 2))), [64], 'int32');
    const perEpoch: number[] = [];
    const probe = new LambdaCallback({ onEpochEnd: () => void perEpoch.push(memory().numBytes) });
    const history = await model.fit(xs, ys, { epochs: 8, batchSize: 16, verbose: 0, callbacks: [probe] });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]! * 0.8);
    expect(new Set(perEpoch.slice(1)).size).toBe(1);
    xs.dispose();
    ys.dispose();
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
