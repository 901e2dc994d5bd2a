/**
 * Every op on KerasTensors against Keras 3.15.1 (tests/fixtures/ops/symbolic_ops.json, written by
 * scripts/keras/ops_fixtures.py; the kerasm side of each case is scripts/keras/ops_cases.ts):
 * the output's shape and dtype, the node's serialized form (module, class, config, arguments with
 * their constants), the model's predictions, and Keras's own config loading into kerasm.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type DType, Input, type KerasTensor, Model, type Tensor, memory, tensor, tidy } from '../../ts/index.js';
import { OP_CASES } from '../../scripts/keras/ops_cases.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/ops/symbolic_ops.json', import.meta.url));
const TOLERANCE = 1e-5; // max |kerasm - Keras|, relative to max(1, max |Keras|)

interface InputSpec {
  name: string;
  shape: (number | null)[];
  dtype: DType;
  batch_size: number | null;
}

interface Case {
  inputs: InputSpec[];
  output: { shape: (number | null)[]; dtype: string };
  config: { layers: Record<string, unknown>[] } & Record<string, unknown>;
  probe: number[][];
  prediction: unknown[] | null;
}

const cases = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: Record<string, Case> }).cases;

/** A serialized layer or op without its names, which count per process in kerasm and per session in Keras. */
function withoutNames(entry: Record<string, unknown>): Record<string, unknown> {
  const { name: _, config, ...rest } = entry;
  const { name: __, ...ownConfig } = config as Record<string, unknown>;
  return { ...rest, config: ownConfig };
}

function expectPredictions(model: Model, c: Case): void {
  tidy(() => {
    const probe = c.probe.map((values, i) => tensor(values, undefined, c.inputs[i]!.dtype));
    const got = model.predict<Tensor>(probe.length === 1 ? probe[0]! : probe, { verbose: 0 });
    const want = (c.prediction as unknown[]).flat(Infinity) as number[];
    const have = Array.from(got.dataSync());
    expect(have.length).toBe(want.length);
    const scale = Math.max(1, ...want.map(Math.abs));
    const worst = Math.max(0, ...have.map((v, i) => Math.abs(v - want[i]!)));
    expect(worst / scale).toBeLessThanOrEqual(TOLERANCE);
  });
}

describe('ops on KerasTensors record the nodes Keras records', () => {
  it('covers every case of the fixture, and the fixture every case', () => {
    expect(Object.keys(OP_CASES).sort()).toEqual(Object.keys(cases).sort());
  });

  it.each(Object.keys(cases))('%s', (name) => {
    const c = cases[name]!;
    const inputs = c.inputs.map((s) => Input({ shape: s.shape, name: s.name, dtype: s.dtype, batchSize: s.batch_size }));
    // A case's constants are temporary: the op keeps its own copy.
    const output = tidy(() => OP_CASES[name]!(...inputs) as unknown as Tensor) as unknown as KerasTensor;
    expect(output.shape).toEqual(c.output.shape);
    // kerasm has no bool dtype: comparisons give float32 ones and zeros.
    expect(output.dtype).toBe(c.output.dtype === 'bool' ? 'float32' : c.output.dtype);

    const model = new Model(inputs.length === 1 ? inputs[0]! : inputs, output);
    const entry = (model.getConfig().layers as Record<string, unknown>[]).at(-1)!;
    const kerasEntry = c.config.layers.at(-1)!;
    expect(withoutNames(entry)).toEqual(withoutNames(kerasEntry));
    expect((entry.name as string).replace(/_\d+$/, '')).toBe(kerasEntry.name);
    if (c.prediction !== null) expectPredictions(model, c);

    const loaded = Model.fromConfig(c.config);
    expect(withoutNames((loaded.getConfig().layers as Record<string, unknown>[]).at(-1)!)).toEqual(withoutNames(kerasEntry));
    if (c.prediction !== null) expectPredictions(loaded, c);
    model.dispose();
    loaded.dispose();
  });

  it('building, running and disposing op models leaves no tensor behind', () => {
    const before = memory().numTensors;
    for (const name of ['matmul_constant', 'take_from_constant', 'add_arange', 'conv']) {
      const c = cases[name]!;
      const inputs = c.inputs.map((s) => Input({ shape: s.shape, name: s.name, dtype: s.dtype }));
      const output = tidy(() => OP_CASES[name]!(...inputs) as unknown as Tensor) as unknown as KerasTensor;
      const model = new Model(inputs, output);
      const loaded = Model.fromConfig(c.config);
      expectPredictions(model, c);
      model.dispose();
      loaded.dispose();
    }
    expect(memory().numTensors).toBe(before);
  });
});
