/**
 * ConvLSTM1D/2D/3D beyond the layer contract and layer_fixtures.py: initial states, returned
 * states and Bidirectional(ConvLSTM2D) against Keras (tests/fixtures/recurrent_calls/), a
 * Keras-made `.keras` model loaded and predicting Keras's outputs, masks per sample, dropout,
 * stateful layers, Keras's errors and finite differences.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Tensor, ValueError, layers, loadModel, memory, ops, saveModel, tensor, tidy } from '../../../ts/index.js';
import { ConvLSTMCell } from '../../../ts/layers/rnn/conv_lstm_cell.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { type KerasCallCase, type Values, checkKerasCallCase, toTensor } from '../../helpers/keras_call_case.js';

const fixtureDir = new URL('../../fixtures/recurrent_calls/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('conv_lstm_cases.json', fixtureDir), 'utf8')) as Record<string, KerasCallCase>;
const model = JSON.parse(readFileSync(new URL('conv_lstm_model.json', fixtureDir), 'utf8')) as { frames: Values; predictions: Values };

const sequences = (shape: number[], seed = 1) => tensor(seededValues(shape.reduce((a, b) => a * b, 1), seed), shape);

describe('ConvLSTM against Keras: initial states, returned states, Bidirectional', () => {
  it.each(Object.entries(cases))('%s', (_name, fx) => checkKerasCallCase(fx));

  it('a Keras-made .keras model of two ConvLSTM2D loads, predicts what Keras predicts, and saves to a file that loads back the same', async () => {
    const loaded = await loadModel(fileURLToPath(new URL('conv_lstm_model.keras', fixtureDir)));
    const again = await loadModel(await saveModel(loaded, { format: 'keras' }));
    tidy(() => {
      const frames = toTensor(model.frames);
      expectClose(loaded.predict(frames) as Tensor, model.predictions.values, 1e-5);
      expectClose(again.predict(frames) as Tensor, model.predictions.values, 1e-5);
    });
    loaded.dispose();
    again.dispose();
  });
});

describe('ConvLSTM: masks', () => {
  it('carry each sample through its masked steps: a sample masked after k steps ends as it was at step k', () => {
    const layer = new layers.ConvLSTM2D(2, 2, { padding: 'same' });
    tidy(() => {
      const x = sequences([2, 4, 3, 3, 1]);
      const mask = tensor([1, 1, 1, 1, 1, 1, 0, 0], [2, 4]);
      const masked = layer.apply(x, { mask });
      const truncated = layer.apply(ops.slice(x, [0, 0, 0, 0, 0], [2, 2, 3, 3, 1]));
      const full = layer.apply(x);
      expectClose(ops.slice(masked, [0, 0, 0, 0], [1, 3, 3, 2]), Array.from(ops.slice(full, [0, 0, 0, 0], [1, 3, 3, 2]).dataSync()), 1e-6);
      expectClose(ops.slice(masked, [1, 0, 0, 0], [1, 3, 3, 2]), Array.from(ops.slice(truncated, [1, 0, 0, 0], [1, 3, 3, 2]).dataSync()), 1e-6);
    });
    layer.dispose();
  });
});

describe('ConvLSTM: training', () => {
  it('dropout and recurrent dropout apply only while training, and their masks are freed after each call', () => {
    const layer = new layers.ConvLSTM1D({ filters: 2, kernelSize: 2, dropout: 0.5, recurrentDropout: 0.5, seed: 3, returnSequences: true });
    const x = sequences([2, 3, 4, 2]);
    const inference = tidy(() => Array.from(layer.apply(x).dataSync()));
    const before = memory().numTensors;
    tidy(() => {
      expectClose(layer.apply(x, { training: false }), inference, 0);
      expect(Array.from(layer.apply(x, { training: true }).dataSync())).not.toEqual(inference);
    });
    expect(memory().numTensors).toBe(before);
    x.dispose();
    layer.dispose();
  });

  it('stateful: the final states start the next batch, and resetStates zeroes them', () => {
    const layer = new layers.ConvLSTM2D(2, 2, { stateful: true });
    tidy(() => {
      const x = sequences([1, 2, 3, 3, 1], 4);
      const first = Array.from(layer.apply(x).dataSync());
      expect(Array.from(layer.apply(x).dataSync())).not.toEqual(first);
      layer.resetStates();
      expectClose(layer.apply(x), first, 1e-6);
    });
    layer.dispose();
  });

  const makers: Record<string, [() => layers.ConvLSTM1D | layers.ConvLSTM2D | layers.ConvLSTM3D, number[]]> = {
    "ConvLSTM1D, 'same', returnSequences": [() => new layers.ConvLSTM1D(2, 2, { padding: 'same', returnSequences: true }), [2, 3, 3, 1]],
    'ConvLSTM2D, channels first, goBackwards': [() => new layers.ConvLSTM2D(2, 2, { dataFormat: 'channels_first', goBackwards: true }), [1, 2, 1, 3, 3]],
    'ConvLSTM3D, strides 2': [() => new layers.ConvLSTM3D(1, 2, { strides: 2 }), [1, 2, 3, 3, 3, 1]],
  };
  it.each(Object.entries(makers))('%s: gradients match finite differences', (_name, [make, shape]) => {
    const layer = make();
    gradcheckLayer(layer, shape);
    layer.dispose();
  });
});

describe('ConvLSTM: errors as Keras raises them', () => {
  it('refuses strided and dilated windows, convolutions of rank above 3, and dynamic spatial sizes', () => {
    expect(() => new layers.ConvLSTM2D({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(
      'Specifying `strides > 1` is not compatible with `dilation_rate > 1`. Please provide `strides=1` or `dilation_rate=1`. Received: strides=(2, 2) and dilation_rate=(2, 2)',
    );
    expect(() => new ConvLSTMCell({ rank: 4, filters: 2, kernelSize: 3 })).toThrow('Rank 4 convolutions are not currently implemented. Received: rank=4');
    const layer = new layers.ConvLSTM2D(2, 3);
    expect(() => layer.apply(layers.Input({ shape: [3, null, 5, 2] }))).toThrow(ValueError);
    expect(() => layer.apply(layers.Input({ shape: [3, null, 5, 2] }))).toThrow('ConvLSTM layers only support static input shapes for the spatial dimension.');
    layer.dispose();
  });

  it('refuses initial states of the wrong shape when built, naming the layer and both shapes, and stays usable', () => {
    const layer = new layers.ConvLSTM2D(2, 3, { padding: 'same' });
    const x = layers.Input({ shape: [3, 4, 4, 1] });
    const wrong = layers.Input({ shape: [4, 4, 3] });
    expect(() => layer.apply([x, wrong, wrong])).toThrow(/conv_lstm2d\w*": initial state 0 has shape \(None, 4, 4, 3\), expected \(None, 4, 4, 2\)/);
    tidy(() => expect(layer.apply(sequences([1, 3, 4, 4, 1])).shape).toEqual([1, 4, 4, 2]));
    layer.dispose();
  });
});
