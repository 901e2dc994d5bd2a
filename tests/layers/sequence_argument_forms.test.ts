/**
 * The sequence layers take Keras's positional arguments and the same values as an options
 * object alike: both forms give the same config (the layer's own name aside).
 */
import { describe, expect, it } from 'vitest';
import type { LayerConfig } from '../../ts/engine/layer.js';
import { layers as L } from '../../ts/index.js';

/** What the rows compare: layers, and the cells (whose `call` takes states). */
interface Configurable {
  getConfig(): LayerConfig;
  dispose(): void;
}

/** A row: the layer built from positional arguments, and from the same values as options. */
type Forms = [label: string, positional: () => Configurable, options: () => Configurable];

const inner = (name: string) => new L.LSTM(3, { name });

const FORMS: Forms[] = [
  ['SimpleRNN', () => new L.SimpleRNN(4, 'relu'), () => new L.SimpleRNN({ units: 4, activation: 'relu' })],
  ['GRU', () => new L.GRU(4, 'relu', 'hard_sigmoid'), () => new L.GRU({ units: 4, activation: 'relu', recurrentActivation: 'hard_sigmoid' })],
  ['LSTM', () => new L.LSTM(4, 'relu', 'hard_sigmoid'), () => new L.LSTM({ units: 4, activation: 'relu', recurrentActivation: 'hard_sigmoid' })],
  ['SimpleRNNCell', () => new L.SimpleRNNCell(4, 'relu'), () => new L.SimpleRNNCell({ units: 4, activation: 'relu' })],
  ['GRUCell', () => new L.GRUCell(4, 'relu', 'hard_sigmoid'), () => new L.GRUCell({ units: 4, activation: 'relu', recurrentActivation: 'hard_sigmoid' })],
  ['LSTMCell', () => new L.LSTMCell(4, 'relu', 'hard_sigmoid'), () => new L.LSTMCell({ units: 4, activation: 'relu', recurrentActivation: 'hard_sigmoid' })],
  [
    'StackedRNNCells',
    () => new L.StackedRNNCells([new L.LSTMCell(3, { name: 'a' }), new L.GRUCell(2, { name: 'b' })]),
    () => new L.StackedRNNCells({ cells: [new L.LSTMCell(3, { name: 'a' }), new L.GRUCell(2, { name: 'b' })] }),
  ],
  [
    'RNN',
    () => new L.RNN(new L.LSTMCell(3, { name: 'cell' }), true, true, true),
    () => new L.RNN({ cell: new L.LSTMCell(3, { name: 'cell' }), returnSequences: true, returnState: true, goBackwards: true }),
  ],
  ['Bidirectional', () => new L.Bidirectional(inner('inner'), 'sum'), () => new L.Bidirectional({ layer: inner('inner'), mergeMode: 'sum' })],
  ['TimeDistributed', () => new L.TimeDistributed(new L.Dense(2, { name: 'd' })), () => new L.TimeDistributed({ layer: new L.Dense(2, { name: 'd' }) })],
  ['ConvLSTM1D', () => new L.ConvLSTM1D(2, 3, 1, 'same'), () => new L.ConvLSTM1D({ filters: 2, kernelSize: 3, strides: 1, padding: 'same' })],
  ['ConvLSTM2D', () => new L.ConvLSTM2D(2, 3, 1, 'same'), () => new L.ConvLSTM2D({ filters: 2, kernelSize: 3, strides: 1, padding: 'same' })],
  ['ConvLSTM3D', () => new L.ConvLSTM3D(2, 3, 1, 'same'), () => new L.ConvLSTM3D({ filters: 2, kernelSize: 3, strides: 1, padding: 'same' })],
  [
    'MultiHeadAttention',
    () => new L.MultiHeadAttention(2, 4, 3, 0.1, false),
    () => new L.MultiHeadAttention({ numHeads: 2, keyDim: 4, valueDim: 3, dropout: 0.1, useBias: false }),
  ],
  [
    'GroupQueryAttention',
    () => new L.GroupQueryAttention(4, 4, 2, 0.1, false),
    () => new L.GroupQueryAttention({ headDim: 4, numQueryHeads: 4, numKeyValueHeads: 2, dropout: 0.1, useBias: false }),
  ],
  ['Attention', () => new L.Attention(true, 'concat', 0.1, 7), () => new L.Attention({ useScale: true, scoreMode: 'concat', dropout: 0.1, seed: 7 })],
  ['AdditiveAttention', () => new L.AdditiveAttention(false, 0.1), () => new L.AdditiveAttention({ useScale: false, dropout: 0.1 })],
  [
    'EinsumDense',
    () => new L.EinsumDense('ab,bc->ac', 4, 'relu', 'c'),
    () => new L.EinsumDense({ equation: 'ab,bc->ac', outputShape: 4, activation: 'relu', biasAxes: 'c' }),
  ],
];

describe("the sequence layers' argument forms", () => {
  it.each(FORMS)('%s: positional arguments and options give the same config', (_label, positional, options) => {
    const [a, b] = [positional(), options()];
    expect({ ...a.getConfig(), name: null }).toEqual({ ...b.getConfig(), name: null });
    a.dispose();
    b.dispose();
  });

  it('the positional values are the ones the config reports', () => {
    const lstm = new L.LSTM(4, 'relu', 'hard_sigmoid');
    expect(lstm.getConfig()).toMatchObject({ units: 4, activation: 'relu', recurrent_activation: 'hard_sigmoid' });
    const mha = new L.MultiHeadAttention(2, 4, 3, 0.1, false);
    expect(mha.getConfig()).toMatchObject({ num_heads: 2, key_dim: 4, value_dim: 3, dropout: 0.1, use_bias: false });
    const attention = new L.AdditiveAttention(false, 0.1);
    expect(attention.getConfig()).toMatchObject({ use_scale: false, dropout: 0.1 });
    for (const layer of [lstm, mha, attention]) layer.dispose();
  });
});
