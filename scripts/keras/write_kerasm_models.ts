/**
 * The kerasm side of `npm run interop:check`: builds the reference models of interop_models.ts,
 * trains each for four steps, saves it as `.keras`, `.weights.h5` and legacy `.h5`, and writes
 * `<model>.json` (the files, layer names, loss, optimizer state, kerasm's predictions on fixed
 * inputs and, for models without dropout, its predictions after one more epoch) in the schema
 * scripts/keras/saving_fixtures.py `check` reads.
 *
 *     node dist/scripts/keras/write_kerasm_models.js DIR
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Model, type Tensor, dispose, runtime, tidy } from '../../ts/index.js';
import { DETERMINISTIC, INPUT_SHAPES, MODEL_NAMES, type ModelName, buildModel, trainingData } from './interop_models.js';

const TRAIN_SEED = 11;
const PROBE_SEED = 12;
const RESUME_SEED = 13;
const BATCH_SIZE = 8;

async function writeModel(name: ModelName, dir: string): Promise<string[]> {
  const model = buildModel(name);
  const train = await trainOneEpoch(model, name, TRAIN_SEED);
  dispose([...train.x, ...train.y]);
  const files = [`${name}.keras`, `${name}.weights.h5`, `${name}.h5`];
  await model.save(join(dir, files[0]!));
  await model.saveWeights(join(dir, files[1]!));
  await model.save(join(dir, files[2]!));
  const probe = trainingData(name, 4, PROBE_SEED);
  const record: Record<string, unknown> = describe(model, name, files, probe.x);
  if (DETERMINISTIC.includes(name)) record.resume = await trainOn(model, name, probe.x);
  await writeFile(join(dir, `${name}.json`), `${JSON.stringify(record)}\n`);
  dispose([...probe.x, ...probe.y]);
  model.dispose();
  return files;
}

async function trainOneEpoch(model: Model, name: ModelName, seed: number): Promise<{ x: Tensor[]; y: Tensor[] }> {
  const data = trainingData(name, 32, seed);
  await model.fit(single(data.x), single(data.y), { batchSize: BATCH_SIZE, epochs: 1, shuffle: false, verbose: 0 });
  return data;
}

/** The record the Python check compares Keras against. */
function describe(model: Model, name: ModelName, files: string[], probe: Tensor[]) {
  const optimizer = model.optimizer;
  return {
    model: name,
    written_by: `kerasm (${runtime.info().variant})`,
    files,
    layer_names: model.layers.map((l) => l.name),
    loss: model.compileArgs?.loss ?? null,
    optimizer: {
      class_name: (optimizer.constructor as unknown as { className: string }).className,
      learning_rate: optimizer.learningRate,
      iterations: optimizer.iterations,
    },
    inputs: byName(Object.keys(INPUT_SHAPES[name]), probe),
    outputs: predictions(model, probe),
  };
}

/** One more epoch after saving, on data the record carries, and the predictions after it. */
async function trainOn(model: Model, name: ModelName, probe: Tensor[]) {
  const data = await trainOneEpoch(model, name, RESUME_SEED);
  const resume = {
    batch_size: BATCH_SIZE,
    x: byName(Object.keys(INPUT_SHAPES[name]), data.x),
    y: byName(model.outputNames, data.y),
    y_dtypes: Object.fromEntries(model.outputNames.map((key, i) => [key, data.y[i]!.dtype])),
    outputs: predictions(model, probe),
  };
  dispose([...data.x, ...data.y]);
  return resume;
}

function predictions(model: Model, probe: Tensor[]) {
  return tidy(() => {
    const outputs = model.predict<Tensor | Tensor[]>(single(probe), { verbose: 0 });
    return byName(model.outputNames, Array.isArray(outputs) ? outputs : [outputs]);
  });
}

function byName(names: string[], tensors: Tensor[]) {
  return Object.fromEntries(names.map((key, i) => [key, tensors[i]!.arraySync()]));
}

function single(tensors: Tensor[]): Tensor | Tensor[] {
  return tensors.length === 1 ? tensors[0]! : tensors;
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node dist/scripts/keras/write_kerasm_models.js DIR');
  process.exit(2);
}
await mkdir(dir, { recursive: true });
for (const name of MODEL_NAMES) console.log(`wrote ${(await writeModel(name, dir)).join(', ')}, ${name}.json`);
