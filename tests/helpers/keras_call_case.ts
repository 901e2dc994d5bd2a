/**
 * A layer called by Keras with what tests/fixtures/layers/ cannot hold (a mask, initial states,
 * several outputs), written by scripts/keras/recurrent_call_fixtures.py: `checkKerasCallCase`
 * rebuilds the layer from Keras's config, gives it Keras's weights, and compares every output.
 */
import { expect } from 'vitest';
import { type Tensor, memory, tensor, tidy } from '../../ts/index.js';
import { type SerializedObject, deserializeLayer } from '../../ts/engine/registry.js';
import { expectClose } from './close.js';

export interface Values { shape: number[]; values: number[] }

export interface KerasCallCase {
  layer: SerializedObject;
  weights: Values[];
  sequences: Values;
  mask: boolean[][] | null;
  initial_states: Values[];
  outputs: Values[];
}

export const toTensor = (v: Values): Tensor => tensor(Float32Array.from(v.values), v.shape);

export function checkKerasCallCase(fx: KerasCallCase, tol = 1e-5): void {
  const before = memory().numTensors;
  const layer = deserializeLayer(fx.layer);
  tidy(() => {
    const sequences = toTensor(fx.sequences);
    const states = fx.initial_states.map(toTensor);
    const mask = fx.mask ? tensor(Float32Array.from(fx.mask.flat().map(Number)), [fx.mask.length, fx.mask[0]!.length]) : null;
    const inputs = states.length > 0 ? [sequences, ...states] : sequences;
    layer.apply(inputs, { mask });
    layer.setWeights(fx.weights.map(toTensor));
    const outputs = layer.apply(inputs, { mask }) as Tensor | Tensor[];
    const list = Array.isArray(outputs) ? outputs : [outputs];
    expect(list.map((t) => t.shape)).toEqual(fx.outputs.map((o) => o.shape));
    list.forEach((t, i) => expectClose(t, fx.outputs[i]!.values, tol));
  });
  layer.dispose();
  expect(memory().numTensors).toBe(before);
}
