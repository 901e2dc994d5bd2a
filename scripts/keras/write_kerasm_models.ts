/**
 * The kerasm side of `npm run interop:check`: builds the reference models of interop_models.ts,
 * trains each for four steps, saves it as `.keras`, `.weights.h5` and legacy `.h5`, and writes
 * `<model>.json` (the files, layer names, optimizer state, and kerasm's predictions on fixed
 * inputs) in the schema scripts/keras/saving_fixtures.py `check` reads.
 *
 *     node dist/scripts/keras/write_kerasm_models.js DIR
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Model, type Tensor, dispose, runtime, tidy } from '../../ts/index.js';
import { INPUT_SHAPES, MODEL_NAMES, type ModelName, buildModel, trainingData } from './interop_models.js';

const TRAIN_SEED = 11;
const PROBE_SEED = 12;

async function writeModel(name: ModelName, dir: string): Promise<string[]> {
  const model = buildModel(name);
  const train = trainingData(name, 32, TRAIN_SEED);
  await model.fit(single(train.x), single(train.y), { batchSize: 8, epochs: 1, verbose: 0 });
  dispose([...train.x, ...train.y]);
  const files = [`${name}.keras`, `${name}.weights.h5`, `${name}.h5`];
  await model.save(join(dir, files[0]!));
  await model.saveWeights(join(dir, files[1]!));
  await model.save(join(dir, files[2]!));
  await writeFile(join(dir, `${name}.json`), `${JSON.stringify(describe(model, name, files))}\n`);
  model.dispose();
  return files;
}

/** The record the Python check compares Keras against. */
function describe(model: Model, name: ModelName, files: string[]) {
  const probe = trainingData(name, 4, PROBE_SEED);
  const record = tidy(() => {
    const outputs = model.predict<Tensor | Tensor[]>(single(probe.x), { verbose: 0 });
    const optimizer = model.optimizer;
    return {
      model: name,
      written_by: `kerasm (${runtime.info().variant})`,
      files,
      layer_names: model.layers.map((l) => l.name),
      optimizer: {
        class_name: (optimizer.constructor as unknown as { className: string }).className,
        learning_rate: optimizer.learningRate,
        iterations: optimizer.iterations,
      },
      inputs: Object.fromEntries(Object.keys(INPUT_SHAPES[name]).map((key, i) => [key, probe.x[i]!.arraySync()])),
      outputs: Object.fromEntries(model.outputNames.map((key, i) => [key, (Array.isArray(outputs) ? outputs[i]! : outputs).arraySync()])),
    };
  });
  dispose([...probe.x, ...probe.y]);
  return record;
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
