/**
 * The kerasm side of the op-node check in `npm run interop:check`: kerasm saves, as `.keras`
 * files, the Keras-written models of tests/fixtures/ops (loaded, then saved again) and a model
 * per case of scripts/keras/ops_cases.ts (built with kerasm's ops), each with `<name>.json` in the
 * schema scripts/keras/ops_fixtures.py `check` reads (layer names, operations, kerasm's
 * predictions on the fixture's probe inputs). Keras then loads every file and compares.
 *
 *     node dist/scripts/keras/write_kerasm_ops_models.js DIR     # from the repository root
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DType, Input, type KerasTensor, Model, type NestedArray, type Tensor, loadModel, runtime, tensor, tidy } from '../../ts/index.js';
import { OP_CASES } from './ops_cases.js';

const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'ops', '/');
const MODELS = ['op_head', 'two_branches', 'conv_ops', 'masked_pooling'];

interface CaseRecord {
  inputs: { name: string; shape: (number | null)[]; dtype: DType; batch_size: number | null }[];
  probe: NestedArray[];
  prediction: unknown;
}

/** Loads a Keras-written fixture and saves it again with kerasm. */
async function resaveFixture(name: string, dir: string): Promise<void> {
  const fixture = JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')) as { inputs: Record<string, NestedArray> };
  const model = await loadModel(`${FIXTURES}${name}.keras`, { compile: false });
  await writeModel(model, name, dir, fixture.inputs);
}

/** Builds one case of ops_cases.ts in kerasm and saves it. */
async function writeCase(name: string, c: CaseRecord, dir: string): Promise<void> {
  const inputs = c.inputs.map((s) => Input({ shape: s.shape, name: s.name, dtype: s.dtype, batchSize: s.batch_size }));
  const output = tidy(() => OP_CASES[name]!(...inputs) as unknown as Tensor) as unknown as KerasTensor;
  const model = new Model(inputs.length === 1 ? inputs[0]! : inputs, output, { name: `case_${name}` });
  await writeModel(model, `case_${name}`, dir, Object.fromEntries(c.inputs.map((s, i) => [s.name, c.probe[i]!])));
}

async function writeModel(model: Model, name: string, dir: string, inputs: Record<string, NestedArray>): Promise<void> {
  const file = `${name}.keras`;
  await model.save(join(dir, file));
  const record = {
    model: name,
    written_by: `kerasm (${runtime.info().variant})`,
    files: [file],
    layer_names: model.layers.map((l) => l.name),
    operations: (model.getConfig().layers as { name: string; class_name: string }[]).map((l) => [l.name, l.class_name]),
    inputs,
    outputs: predictions(model, inputs),
  };
  await writeFile(join(dir, `${name}.json`), `${JSON.stringify(record)}\n`);
  model.dispose();
}

function predictions(model: Model, inputs: Record<string, NestedArray>) {
  return tidy(() => {
    const values = Object.entries(inputs).map(([key, v]) => tensor(v, undefined, model.getLayer(key).dtype));
    const outputs = model.predict<Tensor | Tensor[]>(values.length === 1 ? values[0]! : values, { verbose: 0 });
    const list = Array.isArray(outputs) ? outputs : [outputs];
    return Object.fromEntries(model.outputNames.map((key, i) => [key, list[i]!.arraySync()]));
  });
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node dist/scripts/keras/write_kerasm_ops_models.js DIR');
  process.exit(2);
}
await mkdir(dir, { recursive: true });
for (const name of MODELS) {
  await resaveFixture(name, dir);
  console.log(`wrote ${name}.keras, ${name}.json`);
}
const cases = (JSON.parse(readFileSync(`${FIXTURES}symbolic_ops.json`, 'utf8')) as { cases: Record<string, CaseRecord> }).cases;
// A case whose op Keras cannot run (its fixture has no prediction) has nothing to compare against.
const runnable = Object.entries(cases).filter(([, c]) => c.prediction !== null);
for (const [name, c] of runnable) await writeCase(name, c, dir);
console.log(`wrote ${runnable.length} case models (case_<name>.keras, case_<name>.json)`);
