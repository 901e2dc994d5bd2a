/**
 * The fuzz cases of issue 16, shared by the CI test (`tests/saving/fuzz.test.ts`) and the long run
 * (`scripts/fuzz.ts`): case `i` of a seed is always the same file. Each case is a `.keras`, legacy
 * `.h5` or `.weights.h5` file of one of a few small models, its bytes mutated or its config
 * mutated (see `mutations.ts`), then loaded. A case ends clean when it loads or throws a
 * ValueError, and leaves as many live tensors as it found.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Input, type KerasTensor, Model, Sequential, ValueError, layers, loadModel, memory, saveModel, saveWeights } from '../../ts/index.js';
import { readH5, writeH5 } from '../../ts/saving/h5_file.js';
import { stringAttribute } from '../../ts/saving/h5_tree.js';
import { KERAS_VERSION } from '../../ts/saving/keras_archive.js';
import { writeLegacyWeights } from '../../ts/saving/legacy_weights.js';
import { serializeModel } from '../../ts/saving/model_config.js';
import { openZip, writeZip } from '../../ts/saving/zip_archive.js';
import { rangesOf } from '../../ts/saving/source.js';
import { mutateBytes, mutateConfig, random } from './mutations.js';

/** One model the cases start from: its files and configs. */
export interface FuzzSource {
  model: Model;
  keras: Uint8Array;
  h5: Uint8Array;
  weights: Uint8Array;
  /** The `.keras` entries other than `config.json`. */
  kerasEntries: [string, Uint8Array][];
  config: unknown;
  /** The JSON attributes of the legacy `.h5` file: `model_config` and `training_config`. */
  legacyAttributes: { model_config: unknown; training_config: unknown };
}

/** How one case ended: loaded, refused with a ValueError, or crashed (anything else); and the tensors it left behind. */
export interface Outcome {
  kind: 'loaded' | 'refused' | 'crashed';
  message: string;
  leaked: number;
}

/** A case: a name saying what was mutated, and the load it makes. */
export interface FuzzCase {
  name: string;
  load(): Promise<void>;
}

/** The models the cases start from: a Sequential MLP, a Functional convnet with a merge, a model nested in a model. */
function models(): Model[] {
  const mlp = new Sequential([Input({ shape: [4] }), new layers.Dense(3, { activation: 'relu' }), new layers.BatchNormalization(), new layers.Dense(2)]);
  const x = Input({ shape: [6, 6, 2] });
  const conv = new layers.Conv2D(3, 3, { padding: 'same' }).apply(x);
  const pooled = new layers.MaxPooling2D(2).apply(new layers.Add().apply([conv, new layers.Conv2D(3, 1).apply(x)]));
  const convnet = new Model({ inputs: x, outputs: new layers.Dense(2).apply(new layers.Flatten().apply(pooled)) as KerasTensor });
  const inner = new Sequential([Input({ shape: [3] }), new layers.Dense(3)]);
  const nested = new Sequential([Input({ shape: [3] }), inner, new layers.Dropout(0.5), new layers.Dense(1)]);
  return [mlp, convnet, nested];
}

/** Every model of {@link models}, compiled, with its files. */
export async function fuzzSources(): Promise<FuzzSource[]> {
  return Promise.all(models().map(async (model) => {
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const keras = await saveModel(model);
    const archive = await openZip(rangesOf(keras), 'fuzz');
    const kerasEntries = await Promise.all(archive.names.filter((n) => n !== 'config.json').map(async (n): Promise<[string, Uint8Array]> => [n, (await archive.read(n, 2 ** 30))!]));
    const h5 = await saveModel(model, { format: 'h5' });
    const legacyAttributes = await readH5(h5, 'fuzz', (root) => ({
      model_config: JSON.parse(stringAttribute(root, 'model_config')!) as unknown,
      training_config: JSON.parse(stringAttribute(root, 'training_config')!) as unknown,
    }));
    return { model, keras, h5, weights: await saveWeights(model), kerasEntries, config: serializeModel(model), legacyAttributes };
  }));
}

/** A `.keras` archive of `source` whose `config.json` is `configText`. */
export function kerasWith(source: FuzzSource, configText: string): Promise<Uint8Array> {
  return writeZip([['config.json', new TextEncoder().encode(configText)], ...source.kerasEntries], new Date(2026, 0, 1));
}

/** A legacy `.h5` file of `source` whose `model_config` attribute is `configText` (and `training_config`, when given, `trainingText`). */
export function h5With(source: FuzzSource, configText: string, trainingText?: string): Promise<Uint8Array> {
  return writeH5((file) => {
    file.create_attribute('keras_version', KERAS_VERSION);
    file.create_attribute('backend', 'tensorflow');
    file.create_attribute('model_config', configText);
    if (trainingText !== undefined) file.create_attribute('training_config', trainingText);
    writeLegacyWeights(file.create_group('model_weights'), source.model, KERAS_VERSION);
  });
}

/** `config` as JSON text (`'null'` for a value JSON cannot hold, such as undefined). */
function jsonText(config: unknown): string {
  return JSON.stringify(config) ?? 'null';
}

/**
 * Case `i` of `seed`: one of five kinds in turn (mutated bytes of a `.keras`, of a `.h5`, of a
 * `.weights.h5` loaded into the source model, a mutated `.keras` config, mutated `.h5` model and
 * training configs).
 */
export async function fuzzCase(sources: FuzzSource[], seed: number, i: number): Promise<FuzzCase> {
  const rand = random(seed + i * 0x9e3779b1);
  const source = sources[Math.floor(rand() * sources.length)]!;
  const which = `model ${sources.indexOf(source)}`;
  switch (i % 5) {
    case 0: return { name: `${which}: .keras bytes`, load: loadAndDispose(mutateBytes(source.keras, rand), 'keras', i) };
    case 1: return { name: `${which}: .h5 bytes`, load: loadAndDispose(mutateBytes(source.h5, rand), 'h5', i) };
    case 2: {
      const bytes = mutateBytes(source.weights, rand);
      return { name: `${which}: .weights.h5 bytes`, load: () => fromBytesOrPath(bytes, 'weights.h5', i, async (s) => { await source.model.loadWeights(s); }) };
    }
    case 3: {
      const { config, change } = mutateConfig(source.config, rand);
      return { name: `${which}: .keras config.json: ${change}`, load: loadAndDispose(await kerasWith(source, jsonText(config)), 'keras', i) };
    }
    default: {
      const { config, change } = mutateConfig(source.legacyAttributes, rand);
      const { model_config, training_config } = config as FuzzSource['legacyAttributes'];
      return { name: `${which}: .h5 attributes: ${change}`, load: loadAndDispose(await h5With(source, jsonText(model_config), jsonText(training_config)), 'h5', i) };
    }
  }
}

let folder: string | null = null;

/**
 * Runs `load` on `bytes` itself for even cases and on a file holding them for odd ones (a `.keras`
 * path is read by ranges and its weights in place, a different reader from bytes); the file is
 * removed afterwards.
 */
async function fromBytesOrPath(bytes: Uint8Array, extension: string, i: number, load: (source: Uint8Array | string) => Promise<void>): Promise<void> {
  if (i % 2 === 0) return load(bytes);
  folder ??= mkdtempSync(join(tmpdir(), 'kerasm-fuzz-'));
  const path = join(folder, `case_${i}.${extension}`);
  writeFileSync(path, bytes);
  try {
    await load(path);
  } finally {
    rmSync(path, { force: true });
  }
}

function loadAndDispose(bytes: Uint8Array, extension: string, i: number): () => Promise<void> {
  return () => fromBytesOrPath(bytes, extension, i, async (source) => (await loadModel(source)).dispose());
}

/** Removes the folder of the cases' files. */
export function removeFuzzFiles(): void {
  if (folder !== null) rmSync(folder, { recursive: true, force: true });
  folder = null;
}

/** Runs one case, counting the tensors it leaves behind. */
export async function runCase(c: FuzzCase): Promise<Outcome> {
  const before = memory().numTensors;
  let kind: Outcome['kind'] = 'loaded';
  let message = '';
  try {
    await c.load();
  } catch (e) {
    kind = e instanceof ValueError ? 'refused' : 'crashed';
    message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  return { kind, message, leaked: memory().numTensors - before };
}
