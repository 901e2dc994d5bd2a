/**
 * Recurrent layers against real Keras where masks, initial states and returned states are
 * involved (tests/fixtures/rnn, written by scripts/keras/rnn_fixtures.py): every output, and the
 * gradients of sum(output_i * upstream_i) with respect to the sequences, the initial states and
 * the weights. Then a Keras-made model with an Embedding(mask_zero), an LSTM and a GRU, loaded
 * from its .keras and .h5 files, predicts Keras's values, and survives a save and load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Layer, type Model, loadModel, memory, ops, saveModel, type Tensor, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer, type SerializedObject } from '../../../ts/engine/registry.js';
import { valueAndGrads } from '../../../ts/tensor/gradients.js';

interface Values { shape: number[]; values: number[]; grad?: number[] }
interface Fixture {
  layer: SerializedObject;
  sequences: Values;
  mask: number[][] | null;
  initial_states: Values[];
  weights: (Values & { name: string })[];
  outputs: (Values & { upstream: number[] })[];
}

const dir = new URL('../../fixtures/rnn/', import.meta.url);
const cases = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.includes('predictions')).sort()
  .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Fixture] as const);

function expectMatches(what: string, got: ArrayLike<number>, want: number[], tol = 1e-5): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  const scale = Math.max(1e-6, ...want.map(Math.abs));
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i]! - want[i]!) <= tol * scale)) throw new Error(`${what}[${i}]: got ${got[i]}, Keras ${want[i]}`);
  }
}

const of = (v: Values) => tensor(Float32Array.from(v.values), v.shape);

function check(fx: Fixture): void {
  const layer: Layer = deserializeLayer(fx.layer);
  tidy(() => {
    const x = of(fx.sequences);
    const states = fx.initial_states.map(of);
    const inputs = states.length > 0 ? [x, ...states] : x;
    const mask = fx.mask ? tensor(fx.mask.flat(), [fx.mask.length, fx.mask[0]!.length], 'int32') : null;
    layer.apply(inputs, { mask });
    layer.setWeights(fx.weights.map(of));
    const upstreams = fx.outputs.map((o) => tensor(Float32Array.from(o.upstream), o.shape));
    let outputs: Tensor[] = [];
    const { grads } = valueAndGrads(() => {
      const y = layer.apply(inputs, { mask });
      outputs = (Array.isArray(y) ? y : [y]) as Tensor[];
      return outputs.map((o, i) => ops.sum(ops.multiply(o, upstreams[i]!))).reduce((a, b) => ops.add(a, b));
    }, [x, ...states, ...layer.trainableWeights.map((w) => w.value)]);
    expect(outputs.map((o) => o.shape)).toEqual(fx.outputs.map((o) => o.shape));
    fx.outputs.forEach((o, i) => expectMatches(`output ${i}`, outputs[i]!.dataSync(), o.values));
    expectMatches('sequences gradient', grads[0]!.dataSync(), fx.sequences.grad!);
    fx.initial_states.forEach((s, i) => expectMatches(`initial state ${i} gradient`, grads[1 + i]!.dataSync(), s.grad!));
    fx.weights.forEach((w, i) => expectMatches(`${w.name} gradient`, grads[1 + states.length + i]!.dataSync(), w.grad!));
  });
  layer.dispose();
}

describe('recurrent layers match Keras with masks, initial states and returned states', () => {
  it.each(cases)('%s', (_name, fx) => {
    const before = memory().numTensors;
    check(fx);
    expect(memory().numTensors).toBe(before);
  });
});

describe('a Keras-made model with Embedding(mask_zero) → LSTM → GRU(reset_after=False, go_backwards) → Dense', () => {
  const { tokens, predictions } = JSON.parse(readFileSync(new URL('lstm_gru_predictions.json', dir), 'utf8')) as { tokens: number[][]; predictions: number[] };
  const predict = (model: Model) => tidy(() => Array.from((model.predict(tensor(tokens.flat(), [2, 6], 'int32')) as Tensor).dataSync()));

  for (const file of ['lstm_gru.keras', 'lstm_gru.h5']) {
    it(`loads from ${file} and predicts Keras's values, again after a save and load`, async () => {
      const model = await loadModel(new Uint8Array(readFileSync(new URL(file, dir))));
      expect(model.layers.map((l) => l.constructor.name)).toEqual(['Embedding', 'LSTM', 'GRU', 'Dense']);
      expectMatches('predictions', predict(model), predictions);
      const again = await loadModel(await saveModel(model, { format: file.endsWith('.h5') ? 'h5' : 'keras' }));
      expectMatches('predictions after a round trip', predict(again), predictions);
      model.dispose();
      again.dispose();
    });
  }
});
