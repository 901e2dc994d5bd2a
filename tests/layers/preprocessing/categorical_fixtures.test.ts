/**
 * CategoryEncoding, Discretization, Hashing and HashedCrossing built from Keras's own configs give
 * Keras's outputs: tests/fixtures/categorical/categorical.json, written by
 * scripts/keras/categorical_fixtures.py (Keras 3, TensorFlow's string ops for the hashes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DType, type Tensor, layers, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer } from '../../../ts/engine/registry.js';
import { expectClose } from '../../helpers/close.js';

interface Values { values: (number | string)[]; shape: number[]; dtype: DType }
interface Case {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inputs: Values | Values[];
  output: { values: number[]; shape: number[] };
  count_weights?: Values;
  adapt?: { values: number[]; shape: number[] };
  boundaries?: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/categorical/categorical.json', import.meta.url), 'utf8')) as { keras_version: string; cases: Case[] };

const input = (v: Values): Tensor => tensor(v.values as never, v.shape, v.dtype);

describe(`categorical preprocessing layers give Keras ${fixture.keras_version}'s outputs`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const layer = deserializeLayer({ module: 'keras.layers', class_name: c.class_name, config: c.config, registered_name: null });
    tidy(() => {
      const inputs = Array.isArray(c.inputs) ? c.inputs.map(input) : input(c.inputs);
      const countWeights = c.count_weights ? input(c.count_weights) : undefined;
      const y = layer.apply(inputs as never, countWeights ? ({ countWeights } as never) : undefined) as unknown as Tensor;
      expect(y.shape).toEqual(c.output.shape);
      expectClose(y, c.output.values, 0);
    });
  });

  it.each(fixture.cases.filter((c) => c.adapt).map((c) => [c.name, c] as const))('%s: adapt learns the boundaries Keras learns', (_name, c) => {
    const config = { ...c.config, bin_boundaries: null };
    const layer = deserializeLayer({ module: 'keras.layers', class_name: 'Discretization', config, registered_name: null }) as layers.Discretization;
    layer.adapt(tensor(c.adapt!.values, c.adapt!.shape));
    expect(layer.binBoundaries).toEqual(c.boundaries);
  });
});
