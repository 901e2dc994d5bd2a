/**
 * Bidirectional beyond the layer contract and layer_fixtures.py: masks, initial states, returned
 * states and merge mode null against Keras (tests/fixtures/recurrent_calls/bidirectional_cases.json), a Keras-made
 * `.keras` text model loaded and predicting Keras's outputs, the guide's model (parameters equal
 * Keras's, it trains), Keras's construction errors, stateful layers, finite differences.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Input, type Layer, Model, Sequential, type Tensor, ValueError, layers, loadModel, memory, saveModel, ops, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { type KerasCallCase, checkKerasCallCase } from '../../helpers/keras_call_case.js';

const fixtureDir = new URL('../../fixtures/recurrent_calls/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('bidirectional_cases.json', fixtureDir), 'utf8')) as Record<string, KerasCallCase>;
const textModel = JSON.parse(readFileSync(new URL('text_model.json', fixtureDir), 'utf8')) as {
  tokens: { shape: number[]; values: number[] };
  predictions: { values: number[] };
  guide_model_params: number;
};

describe('Bidirectional against Keras: masks, initial states, returned states', () => {
  it.each(Object.entries(cases))('%s', (_name, fx) => checkKerasCallCase(fx));

  it('takes initial states as inputs of a Functional model, and refuses a state of the wrong size when the model is built', () => {
    const sequences = Input({ shape: [3, 2] });
    const states = [Input({ shape: [4] }), Input({ shape: [4] })];
    const outputs = new layers.Bidirectional(new layers.GRU(4)).apply([sequences, ...states]);
    const model = new Model({ inputs: [sequences, ...states], outputs });
    tidy(() => {
      const y = model.predict([tensor(seededValues(6, 1), [1, 3, 2]), tensor(seededValues(4, 2), [1, 4]), tensor(seededValues(4, 3), [1, 4])]) as Tensor;
      expect(y.shape).toEqual([1, 8]);
    });
    model.dispose();
    const wrong = [Input({ shape: [4] }), Input({ shape: [5] })];
    expect(() => new layers.Bidirectional(new layers.GRU(4)).apply([sequences, ...wrong])).toThrow(/initial state 0 has shape \(None, 5\), expected \(None, 4\)/);
  });

  it('symbolic calls infer the shapes Keras returns', () => {
    const b = new layers.Bidirectional(new layers.GRU(2, { returnSequences: true, returnState: true }), { mergeMode: null });
    const x = layers.Input({ shape: [3, 4] });
    const outputs = b.apply(x) as unknown as { shape: (number | null)[] }[];
    expect(outputs.map((o) => o.shape)).toEqual([[null, 3, 2], [null, 3, 2], [null, 2], [null, 2]]);
    b.dispose();
  });
});

describe('Bidirectional: a Keras-made .keras text model', () => {
  it('loads with its weights at Keras paths and predicts what Keras predicts', async () => {
    const model = await loadModel(fileURLToPath(new URL('text_model.keras', fixtureDir)));
    tidy(() => {
      const tokens = tensor(Int32Array.from(textModel.tokens.values), textModel.tokens.shape, 'int32');
      expectClose(model.predict(tokens) as Tensor, textModel.predictions.values, 1e-5);
    });
    model.dispose();
  });

  it('saves to a .keras file that loads back with the same predictions', async () => {
    const model = await loadModel(fileURLToPath(new URL('text_model.keras', fixtureDir)));
    const again = await loadModel(await saveModel(model, { format: 'keras' }));
    tidy(() => {
      const tokens = tensor(Int32Array.from(textModel.tokens.values), textModel.tokens.shape, 'int32');
      expectClose(again.predict(tokens) as Tensor, textModel.predictions.values, 1e-5);
    });
    model.dispose();
    again.dispose();
  });

  it('saves to a legacy .h5 file (each weight under its own name) that loads back with the same predictions', async () => {
    const model = await loadModel(fileURLToPath(new URL('text_model.keras', fixtureDir)));
    const again = await loadModel(await saveModel(model, { format: 'h5' }));
    tidy(() => {
      const tokens = tensor(Int32Array.from(textModel.tokens.values), textModel.tokens.shape, 'int32');
      expectClose(again.predict(tokens) as Tensor, textModel.predictions.values, 1e-5);
    });
    model.dispose();
    again.dispose();
  });

  it("the guide's Embedding(maskZero) → Bidirectional(LSTM(32)) → Dense(1) has Keras's parameter count and trains", async () => {
    const model = new Sequential([
      layers.Input({ shape: [null], dtype: 'int32' }),
      new layers.Embedding(1000, 64, { maskZero: true }),
      new layers.Bidirectional(new layers.LSTM(32)),
      new layers.Dense(1),
    ]);
    expect(model.countParams()).toBe(textModel.guide_model_params);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    // A learnable task: the target is the fraction of tokens below 500 among the unpadded ones.
    const n = 64;
    const steps = 8;
    const tokens = Int32Array.from(seededValues(n * steps, 3, 0, 999), (v, i) => (i % steps >= steps - (i % 3) ? 0 : Math.floor(v) + 1));
    const targets = Float32Array.from({ length: n }, (_, r) => {
      const row = Array.from(tokens.slice(r * steps, (r + 1) * steps)).filter((t) => t !== 0);
      return row.filter((t) => t < 500).length / row.length;
    });
    const x = tensor(tokens, [n, steps], 'int32');
    const y = tensor(targets, [n, 1]);
    const first = await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
    const afterFirstEpoch = memory().numTensors; // the optimizer's slots exist from here on
    const rest = await model.fit(x, y, { epochs: 7, batchSize: 16, verbose: 0 });
    expect(memory().numTensors).toBe(afterFirstEpoch);
    const [firstLoss, lastLoss] = [(first.history.loss as number[])[0]!, (rest.history.loss as number[]).at(-1)!];
    expect(lastLoss).toBeLessThan(0.5 * firstLoss);
    x.dispose();
    y.dispose();
    model.dispose();
  });
});

describe('Bidirectional: construction', () => {
  it('copies the layer forwards and backwards, with Keras names, fresh weights and zero output for masked steps when returning sequences', () => {
    const lstm = new layers.LSTM(3, { returnSequences: true, name: 'encoder' });
    const b = new layers.Bidirectional(lstm);
    expect([b.forwardLayer.name, b.backwardLayer.name]).toEqual(['forward_encoder', 'backward_encoder']);
    expect([b.forwardLayer.goBackwards, b.backwardLayer.goBackwards]).toEqual([false, true]);
    expect([b.forwardLayer.zeroOutputForMask, b.backwardLayer.zeroOutputForMask]).toEqual([true, true]);
    expect(b.forwardLayer).not.toBe(lstm);
    b.dispose();
  });

  it('uses the given backward layer', () => {
    const backward = new layers.SimpleRNN(2, { goBackwards: true, activation: 'relu' });
    const b = new layers.Bidirectional({ layer: new layers.SimpleRNN(2), backwardLayer: backward });
    expect(b.backwardLayer).toBe(backward);
    b.dispose();
  });

  it("raises Keras's errors", () => {
    const errors: [() => unknown, string][] = [
      [() => new layers.Bidirectional({ layer: 'lstm' as never }), 'Please initialize `Bidirectional` layer with a `keras.layers.Layer` instance. Received: lstm'],
      [() => new layers.Bidirectional(new layers.LSTM(2), 'max' as never), 'Invalid merge mode. Received: max. Merge mode should be one of {"sum", "mul", "ave", "concat", None}'],
      [() => new layers.Bidirectional({ layer: new layers.LSTM(2), backwardLayer: new layers.LSTM(2) }), 'Forward layer and backward layer should have different `go_backwards` value.'],
      [
        () => new layers.Bidirectional({ layer: new layers.LSTM(2), backwardLayer: new layers.LSTM(2, { goBackwards: true, returnSequences: true }) }),
        'Forward layer and backward layer are expected to have the same value for attribute "return_sequences", got "False" for forward layer and "True" for backward layer',
      ],
      [() => new layers.Bidirectional(new layers.Dense(2)), 'is not a sequence layer'],
      [() => new layers.Bidirectional({ layer: new layers.LSTM(2), weights: [] }), 'weights'],
    ];
    for (const [make, message] of errors) {
      expect(make).toThrow(ValueError);
      expect(make).toThrow(message);
    }
  });

  it('refuses sequences of the wrong rank when built, naming itself, and stays usable', () => {
    const b = new layers.Bidirectional(new layers.LSTM(2));
    expect(() => b.apply(layers.Input({ shape: [4] }))).toThrow(/Input 0 of layer "bidirectional\w*" is incompatible with the layer: expected ndim=3, found ndim=2/);
    tidy(() => expect(b.apply(tensor(seededValues(2 * 3 * 4), [2, 3, 4])).shape).toEqual([2, 4]));
    b.dispose();
  });
});

describe('Bidirectional: stateful layers', () => {
  it('carries both states over batches, resets both, and frees them when disposed', () => {
    const before = memory().numTensors;
    const b = new layers.Bidirectional(new layers.LSTM(2, { stateful: true }));
    tidy(() => {
      const x = tensor(seededValues(2 * 3 * 2, 4), [2, 3, 2]);
      const first = Array.from(b.apply(x).dataSync());
      const second = Array.from(b.apply(x).dataSync());
      expect(second).not.toEqual(first);
      b.resetStates();
      expectClose(b.apply(x), first, 1e-6);
    });
    b.dispose();
    expect(memory().numTensors).toBe(before);
    const stateless = new layers.Bidirectional(new layers.LSTM(2));
    expect(() => stateless.resetStates()).toThrow('Layer must be stateful.');
    stateless.dispose();
  });
});

describe('Bidirectional: gradients', () => {
  const makers: Record<string, () => Layer> = {
    "LSTM, 'concat'": () => new layers.Bidirectional(new layers.LSTM(2)),
    "GRU returnSequences, 'mul'": () => new layers.Bidirectional(new layers.GRU(2, { returnSequences: true }), { mergeMode: 'mul' }),
    "SimpleRNN returnSequences, 'ave', backward layer": () =>
      new layers.Bidirectional({ layer: new layers.SimpleRNN(2, { returnSequences: true }), mergeMode: 'ave', backwardLayer: new layers.SimpleRNN(2, { returnSequences: true, goBackwards: true }) }),
  };
  it.each(Object.entries(makers))('%s: match finite differences', (_name, make) => {
    const layer = make();
    gradcheckLayer(layer, [2, 3, 2]);
    layer.dispose();
  });

  it('merge mode null: both outputs, the backward one in the input order (concat of the two is the concat mode)', () => {
    tidy(() => {
      const x = tensor(seededValues(2 * 3 * 2, 5), [2, 3, 2]);
      const pairMode = new layers.Bidirectional(new layers.GRU(2, { returnSequences: true }), { mergeMode: null });
      // A single input gives a list here: the typed overload cannot know the merge mode.
      const [forward, backward] = pairMode.apply(x) as unknown as Tensor[];
      const concat = new layers.Bidirectional(new layers.GRU(2, { returnSequences: true }));
      concat.apply(x);
      concat.setWeights(pairMode.getWeights());
      expectClose(concat.apply(x), Array.from(ops.concatenate([forward!, backward!], -1).dataSync()), 1e-6);
      pairMode.dispose();
      concat.dispose();
    });
  });
});
