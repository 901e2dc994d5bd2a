/** padSequences, normalize, timeseriesDatasetFromArray and splitDataset against Keras 3 (scripts/keras/data_utils_fixtures.py). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Tensor, memory, tensor, utils } from '../../ts/index.js';
import type { NestedArray } from '../../ts/tensor/tensor.js';
import { splitSizes } from '../../ts/data/split_dataset.js';

interface Fixture {
  keras_version: string;
  pad_sequences: { sequences: NestedArray[][]; options: Record<string, unknown>; shape: number[]; values: number[] }[];
  normalize: { input: 'array' | 'tensor'; x: number[][]; axis: number; order: number; values: number[] }[];
  timeseries: { data: number[][]; targets: number[]; cases: { options: Record<string, number | null>; targets: boolean; elements: { x: unknown; y?: unknown }[] }[] };
  split_dataset: { total: number; left_size: number | null; right_size: number | null; sizes?: [number, number]; error?: string }[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/data_utils/data_utils.json', import.meta.url), 'utf8')) as Fixture;

/** Keras's snake_case options as kerasm's camelCase. */
function camel(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v]));
}

function close(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i]!).toBeCloseTo(e, 5));
}

describe(`data utilities against Keras ${fixture.keras_version}`, () => {
  it.each(fixture.pad_sequences.map((c, i) => [i, c] as const))('padSequences case %i', (_, c) => {
    const out = utils.padSequences(c.sequences, camel(c.options));
    expect(out.shape).toEqual(c.shape);
    expect(out.dtype).toBe(c.options.dtype ?? 'int32');
    close(out.dataSync(), c.values);
    out.dispose();
  });

  it.each(fixture.normalize.map((c, i) => [i, c] as const))('normalize case %i', (_, c) => {
    const x = c.input === 'tensor' ? tensor(c.x) : c.x;
    const out = utils.normalize(x, c.axis, c.order);
    close(out.dataSync(), c.values);
    out.dispose();
    if (x instanceof Object && 'dispose' in x) (x as Tensor).dispose();
  });

  it.each(fixture.timeseries.cases.map((c, i) => [i, c] as const))('timeseriesDatasetFromArray case %i', async (_, c) => {
    const before = memory().numTensors;
    const { sequence_length: sequenceLength, ...rest } = c.options;
    const ds = utils.timeseriesDatasetFromArray(fixture.timeseries.data, c.targets ? fixture.timeseries.targets : null, sequenceLength!, camel(rest));
    const elements: { x: unknown; y?: unknown }[] = [];
    for await (const element of ds) {
      const [x, y] = c.targets ? (element as [unknown, unknown]) : [element, undefined];
      const asArray = (v: unknown) => (v instanceof Object && 'arraySync' in v ? (v as Tensor).arraySync() : v);
      elements.push(c.targets ? { x: asArray(x), y: asArray(y) } : { x: asArray(x) });
      for (const v of [x, y]) if (v instanceof Object && 'dispose' in v) (v as Tensor).dispose();
    }
    expect(elements).toEqual(c.elements);
    expect(memory().numTensors).toBe(before);
  });

  it.each(fixture.split_dataset.map((c, i) => [i, c] as const))('splitDataset sizes case %i', (_, c) => {
    const data = Array.from({ length: c.total }, (__, i) => i);
    const run = () => utils.splitDataset(data, { leftSize: c.left_size, rightSize: c.right_size });
    if (c.error) {
      expect(run).toThrow(c.error);
    } else {
      const [left, right] = run();
      expect([left.cardinality(), right.cardinality()]).toEqual(c.sizes);
      expect(splitSizes(c.left_size, c.right_size, c.total)).toEqual(c.sizes);
    }
  });
});
