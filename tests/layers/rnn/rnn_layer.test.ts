/**
 * The RNN layer's options and a user's cell: a subclassed cell run by RNN (Keras's
 * MinimalRNNCell), stateful layers and resetStates, unroll, dropout only in training,
 * variable-length sequences, and Keras's errors at build time.
 */
import { describe, expect, it } from 'vitest';
import { Input, Layer, Model, Sequential, ValueError, layers, ops, tensor, tidy, type Tensor } from '../../../ts/index.js';
import type { SymbolicShape } from '../../../ts/engine/shape.js';
import { expectClose, seededValues } from '../../helpers/close.js';

/** Keras's guide cell: `output = x·W + h·U`, one state. */
class MinimalRNNCell extends layers.AbstractRNNCell {
  kernel: Tensor | null = null;
  recurrentKernel: Tensor | null = null;

  constructor(readonly units: number) {
    super();
  }

  get stateSize(): number {
    return this.units;
  }

  override build(inputShape: SymbolicShape): void {
    this.kernel = this.addWeight({ name: 'kernel', shape: [inputShape.at(-1)!, this.units], initializer: 'uniform' }).value;
    this.recurrentKernel = this.addWeight({ name: 'recurrent_kernel', shape: [this.units, this.units], initializer: 'uniform' }).value;
  }

  call(inputs: Tensor, states: Tensor[]): [Tensor, Tensor[]] {
    const output = ops.add(ops.matmul(inputs, this.kernel!), ops.matmul(states[0]!, this.recurrentKernel!));
    return [output, [output]];
  }
}

const x = (batch: number, steps: number, features: number, seed = 1) => tensor(seededValues(batch * steps * features, seed), [batch, steps, features]);

describe('RNN', () => {
  it("runs a user's subclassed cell, alone and stacked, and trains it", async () => {
    const cell = new MinimalRNNCell(4);
    const rnn = new layers.RNN(cell);
    tidy(() => {
      const y = rnn.apply(x(2, 3, 5));
      expect(y.shape).toEqual([2, 4]);
      // By hand: h1 = x1·W, h2 = x2·W + h1·U, h3 = x3·W + h2·U.
      const [w, u] = rnn.weights.map((v) => v.value);
      let h = ops.zeros([2, 4]);
      for (let t = 0; t < 3; t++) h = ops.add(ops.matmul(ops.reshape(ops.slice(x(2, 3, 5), [0, t, 0], [2, 1, 5]), [2, 5]), w!), ops.matmul(h, u!));
      expectClose(y, Array.from(h.dataSync()), 1e-5);
    });
    const stacked = new layers.RNN([new MinimalRNNCell(4), new MinimalRNNCell(2)], { returnSequences: true, returnState: true });
    const inputs = Input({ shape: [null, 5] });
    const outputs = stacked.apply(inputs) as unknown as ReturnType<typeof Input>[];
    expect(outputs.map((o) => o.shape)).toEqual([[null, null, 2], [null, 4], [null, 2]]);
    const model = new Model({ inputs, outputs: outputs[0]! });
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const history = await model.fit(x(8, 3, 5), tensor(seededValues(8 * 3 * 2, 2), [8, 3, 2]), { epochs: 5, batchSize: 4, verbose: 0 });
    expect(history.history.loss!.at(-1) as number).toBeLessThan(history.history.loss![0] as number);
    model.dispose();
    rnn.dispose();
  });

  it('takes initial states as extra inputs, symbolically and eagerly', () => {
    const sequences = Input({ shape: [4, 3] });
    const h = Input({ shape: [2] });
    const c = Input({ shape: [2] });
    const lstm = new layers.LSTM(2, { returnState: true });
    const [out, hOut, cOut] = lstm.apply([sequences, h, c]) as unknown as ReturnType<typeof Input>[];
    expect([out!.shape, hOut!.shape, cOut!.shape]).toEqual([[null, 2], [null, 2], [null, 2]]);
    const model = new Model({ inputs: [sequences, h, c], outputs: [out!, cOut!] });
    tidy(() => {
      const [a] = model.predict([x(2, 4, 3), ops.zeros([2, 2]), ops.zeros([2, 2])]) as Tensor[];
      const [b] = model.predict([x(2, 4, 3), ops.ones([2, 2]), ops.ones([2, 2])]) as Tensor[];
      expect(Array.from(a!.dataSync())).not.toEqual(Array.from(b!.dataSync()));
      expectClose(a!, Array.from((lstm.apply(x(2, 4, 3)) as unknown as Tensor[])[0]!.dataSync()), 1e-6);
    });
    model.dispose();
  });

  it('stateful: each batch starts from the last states until resetStates; refuses a free batch size', () => {
    const gru = new layers.GRU(3, { stateful: true });
    tidy(() => {
      const first = Array.from(gru.apply(x(2, 4, 2)).dataSync());
      const second = Array.from(gru.apply(x(2, 4, 2)).dataSync());
      expect(second).not.toEqual(first);
      gru.resetStates();
      expectClose(gru.apply(x(2, 4, 2)), first, 1e-6);
    });
    gru.dispose();
    const free = new layers.LSTM(2, { stateful: true });
    expect(() => free.apply(Input({ shape: [4, 2] }))).toThrow(
      'When using `stateful=True` in a RNN, the batch size must be static. Found dynamic batch size: sequence.shape=(None, 4, 2)',
    );
  });

  it('unroll gives the same result; dropout and recurrent dropout act in training only', () => {
    const plain = new layers.SimpleRNN(3, { returnSequences: true });
    const unrolled = new layers.SimpleRNN(3, { returnSequences: true, unroll: true });
    const dropping = new layers.LSTM(3, { dropout: 0.5, recurrentDropout: 0.5, seed: 1 });
    tidy(() => {
      plain.apply(x(2, 4, 2));
      unrolled.apply(x(2, 4, 2));
      unrolled.setWeights(plain.getWeights());
      expectClose(unrolled.apply(x(2, 4, 2)), Array.from(plain.apply(x(2, 4, 2)).dataSync()), 1e-6);
      const inference = Array.from(dropping.apply(x(2, 4, 2)).dataSync());
      expectClose(dropping.apply(x(2, 4, 2), { training: false }), inference, 0);
      expect(Array.from(dropping.apply(x(2, 4, 2), { training: true }).dataSync())).not.toEqual(inference);
    });
    [plain, unrolled, dropping].forEach((l) => l.dispose());
  });

  it('runs sequences of any length with Input({ shape: [null, d] }), masked by Embedding(maskZero)', () => {
    const model = new Sequential([Input({ shape: [null], dtype: 'int32' }), new layers.Embedding(10, 3, { maskZero: true }), new layers.GRU(2)]);
    tidy(() => {
      const short = model.predict(tensor([[4, 5, 0, 0]], [1, 4], 'int32')) as Tensor;
      const long = model.predict(tensor([[4, 5, 0, 0, 0, 0, 0]], [1, 7], 'int32')) as Tensor;
      const unpadded = model.predict(tensor([[4, 5]], [1, 2], 'int32')) as Tensor;
      expectClose(long, Array.from(short.dataSync()), 1e-6);
      expectClose(unpadded, Array.from(short.dataSync()), 1e-6);
    });
    model.dispose();
  });

  it("raises Keras's errors at build time, naming the layer and shapes, and the layer stays usable", () => {
    const lstm = new layers.LSTM(2, { name: 'lstm_flat' });
    expect(() => lstm.apply(Input({ shape: [8] }))).toThrow(ValueError);
    expect(() => lstm.apply(Input({ shape: [8] }))).toThrow(/layer "lstm_flat".*expected ndim=3, found ndim=2.*\(None, 8\)/);
    expect(lstm.apply(Input({ shape: [5, 8] })).shape).toEqual([null, 2]);

    class NoState extends Layer {
      call(inputs: Tensor): Tensor {
        return inputs;
      }
    }
    expect(() => new layers.RNN(new NoState())).toThrow(/The RNN cell should have a `state_size` attribute/);

    const gru = new layers.GRU(3, { name: 'gru_states' });
    expect(() => gru.apply([Input({ shape: [4, 2] }), Input({ shape: [5] })])).toThrow(
      'Layer "gru_states": initial state 0 has shape (None, 5), expected (None, 3) for inputs of shape (None, 4, 2)',
    );
    expect((gru.apply([Input({ shape: [4, 2] }), Input({ shape: [3] })]) as ReturnType<typeof Input>).shape).toEqual([null, 3]);
  });
});
