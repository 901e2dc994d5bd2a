/**
 * The fused Rust kernel and the generic step loop compute the same thing: each built-in layer
 * against an RNN over the same cell forced onto the loop (`zeroOutputForMask` with a mask that
 * keeps every step, which changes nothing), forwards and backwards.
 */
import { describe, expect, it } from 'vitest';
import { layers, memory, ops, tensor, tidy, valueAndGrads, type Tensor } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

type Built = { layer: layers.RNN; loop: layers.RNN };

/** A built-in layer and an RNN over its own cell that runs the step loop. */
function pair(make: (options: { returnSequences: boolean; goBackwards: boolean }) => layers.RNN, options: { returnSequences: boolean; goBackwards: boolean }): Built {
  const layer = make(options);
  const loop = new layers.RNN(layer.cell, { ...options, zeroOutputForMask: true });
  return { layer, loop };
}

const makers: Record<string, (o: { returnSequences: boolean; goBackwards: boolean }) => layers.RNN> = {
  LSTM: (o) => new layers.LSTM(4, o),
  'GRU reset_after': (o) => new layers.GRU(4, o),
  'GRU reset_before': (o) => new layers.GRU(4, { ...o, resetAfter: false }),
  SimpleRNN: (o) => new layers.SimpleRNN(4, o),
};

describe('the fused recurrent kernel', () => {
  for (const [name, make] of Object.entries(makers)) {
    it(`${name}: equals the step loop forwards and backwards, with goBackwards and returnSequences`, () => {
      for (const goBackwards of [false, true]) {
        const { layer, loop } = pair(make, { returnSequences: true, goBackwards });
        tidy(() => {
          const x = tensor(seededValues(2 * 5 * 3, 1), [2, 5, 3]);
          const r = tensor(seededValues(2 * 5 * 4, 2), [2, 5, 4]);
          const fused = valueAndGrads(() => ops.sum(ops.multiply(layer.apply(x), r)), [x, ...layer.trainableWeights.map((w) => w.value)]);
          const stepped = valueAndGrads(() => ops.sum(ops.multiply(loop.apply(x, { mask: ops.ones([2, 5]) }), r)), [x, ...layer.trainableWeights.map((w) => w.value)]);
          expectClose(fused.value, Array.from(stepped.value.dataSync()), 1e-5);
          fused.grads.forEach((g, i) => expectClose(g!, Array.from(stepped.grads[i]!.dataSync()), 1e-4));
        });
        layer.dispose();
      }
    });

    it(`${name}: gradients match finite differences`, () => {
      const layer = make({ returnSequences: true, goBackwards: false });
      gradcheckLayer(layer, [2, 3, 2]);
      layer.dispose();
    });
  }

  it('carries state and output through masked steps, as the step loop does', () => {
    const lstm = new layers.LSTM(3, { returnSequences: true, returnState: true });
    tidy(() => {
      const x = tensor(seededValues(2 * 4 * 2, 3), [2, 4, 2]);
      const mask = tensor([[1, 0, 1, 1], [1, 1, 1, 0]], [2, 4], 'int32');
      const [seq, h, c] = lstm.apply(x, { mask }) as unknown as Tensor[];
      const values = seq!.arraySync() as number[][][];
      expect(values[0]![1]).toEqual(values[0]![0]);
      expect(values[1]![3]).toEqual(values[1]![2]);
      expectClose(h!, [...values[0]![3]!, ...values[1]![3]!], 0);
      expect(c!.shape).toEqual([2, 3]);
    });
    lstm.dispose();
  });

  it('frees every intermediate tensor', () => {
    const gru = new layers.GRU(3);
    tidy(() => gru.apply(tensor(seededValues(12, 4), [2, 3, 2])));
    const before = memory().numTensors;
    tidy(() => {
      const x = tensor(seededValues(12, 4), [2, 3, 2]);
      valueAndGrads(() => ops.sum(gru.apply(x)), gru.trainableWeights.map((w) => w.value));
    });
    expect(memory().numTensors).toBe(before);
    gru.dispose();
  });
});
