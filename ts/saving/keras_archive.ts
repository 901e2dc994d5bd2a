/**
 * The `.keras` archive (Keras 3's `saving_lib`): a zip, entries stored uncompressed, holding
 * `metadata.json` (`keras_version`, `date_saved`), `config.json` (the model's serialized form with
 * its `compile_config`), `model.weights.h5` (every variable and the optimizer's state) and the
 * layers' assets under `assets/` (layer_assets.ts).
 */
import type { Model } from '../models/model.js';
import { ValueError } from '../utils/errors.js';
import { compileArgsFromConfig, savedCompileConfig } from './compile_config.js';
import { configJson } from './config_json.js';
import { readH5, writeH5 } from './h5_file.js';
import type { H5Source } from './h5_reader.js';
import { readKerasWeights, writeKerasWeights } from './keras_weights.js';
import { deserializeModel, serializeModel } from './model_config.js';
import { applyPending } from './pending_values.js';
import type { CustomObjects, SerializedObject } from '../engine/registry.js';
import { MAX_ASSET_BYTES, MAX_CONFIG_BYTES, weightsLimit } from './size_limits.js';
import { assetEntries, loadAssetEntries } from './layer_assets.js';
import { parseConfigJson, readObject } from '../utils/config_reader.js';
import { rangesOf, readFileRanges } from './source.js';
import { type ZipArchive, openZip, writeZip } from './zip_archive.js';

/** The Keras release whose `.keras` layout kerasm writes and is checked against (recorded in `metadata.json`). */
export const KERAS_VERSION = '3.15.1';
/** The library that wrote the file, recorded next to it. */
const WRITER = 'kerasm 0.1.0';

const METADATA = 'metadata.json';
const CONFIG = 'config.json';
const WEIGHTS = 'model.weights.h5';

/** The `.keras` bytes of `model`. */
export async function writeKerasArchive(model: Model, now = new Date()): Promise<Uint8Array> {
  const metadata = { keras_version: KERAS_VERSION, date_saved: formatDate(now), saved_by: WRITER };
  const config = configJson(serializeModel(model));
  const weights = await writeH5((file) => writeKerasWeights(file, model));
  const encode = (text: string) => new TextEncoder().encode(text);
  return writeZip([[METADATA, encode(JSON.stringify(metadata))], [CONFIG, encode(config)], [WEIGHTS, weights], ...assetEntries(model)], now);
}

/** Options of reading a `.keras` archive. */
export interface ReadArchiveOptions {
  customObjects: CustomObjects;
  compile: boolean;
}

/** The model held in the `.keras` bytes; on any error nothing is left allocated. */
export async function readKerasArchive(bytes: Uint8Array, options: ReadArchiveOptions, what: string): Promise<Model> {
  const archive = await openZip(rangesOf(bytes), what);
  const config = await archive.read(CONFIG, MAX_CONFIG_BYTES);
  const files = { weights: async (model: Model) => archive.read(WEIGHTS, weightsLimit(model)), assets: async (model: Model) => loadAssets(archive, model) };
  return modelFrom(config, files, options, what);
}

/**
 * The model held in the `.keras` file at `path` (Node): only the zip's directory and `config.json`
 * are read into memory; the weights are read in place (see {@link kerasFileWeights}).
 */
export async function readKerasFile(path: string, options: ReadArchiveOptions, what: string): Promise<Model> {
  const config = await readFileRanges(path, async (file) => (await openZip(file, what)).read(CONFIG, MAX_CONFIG_BYTES));
  const files = {
    weights: (model: Model) => kerasFileWeights(path, weightsLimit(model), what),
    assets: (model: Model) => readFileRanges(path, async (file) => loadAssets(await openZip(file, what), model)),
  };
  return modelFrom(config, files, options, what);
}

/**
 * The HDF5 source of `model.weights.h5` in the `.keras` file at `path`, at most `maxBytes`, or
 * undefined when there is none: a stored entry is CRC-checked a chunk at a time and then read in
 * place by the HDF5 reader, a range at a time; a compressed one is inflated into memory.
 */
export async function kerasFileWeights(path: string, maxBytes: number, what: string): Promise<H5Source | undefined> {
  return readFileRanges(path, async (file) => {
    const archive = await openZip(file, what);
    const range = await archive.storedRange(WEIGHTS, maxBytes);
    return range ? { path, offset: range.offset, size: range.size } : archive.read(WEIGHTS, maxBytes);
  });
}

/** The `model.weights.h5` entry of the `.keras` archive `bytes`, at most `maxBytes`, or undefined when there is none. */
export async function kerasArchiveWeights(bytes: Uint8Array, maxBytes: number, what: string): Promise<Uint8Array | undefined> {
  return (await openZip(rangesOf(bytes), what)).read(WEIGHTS, maxBytes);
}

/** How a model's stored state is read once it is built: its weights (once the model says how large they may be), then its layers' assets. */
interface ArchiveFiles {
  weights(model: Model): Promise<H5Source | undefined>;
  assets(model: Model): Promise<void>;
}

/** The layers' asset files of `archive` handed to `model`'s layers that have assets. */
function loadAssets(archive: ZipArchive, model: Model): Promise<void> {
  return loadAssetEntries(model, archive.names, (name) => archive.read(name, MAX_ASSET_BYTES));
}

/** The model of `configBytes`, with the weights and assets `files` gives for it. */
async function modelFrom(configBytes: Uint8Array | undefined, files: ArchiveFiles, options: ReadArchiveOptions, what: string): Promise<Model> {
  if (!configBytes) throw new ValueError(`${what}: the archive has no ${CONFIG}; it is not a Keras model file.`);
  const serialized = parseConfig(configBytes, what);
  const compileConfig = options.compile ? savedCompileConfig(serialized) : null;
  const compileArgs = compileConfig ? compileArgsFromConfig(compileConfig) : null;
  const model = deserializeModel(serialized, options.customObjects, compileArgs, what);
  try {
    // As Keras's `compile_from_config`, a compiled model's optimizer is built before its state is read.
    if (model.compileArgs !== null) model.optimizer.build(model.trainableWeights);
    const weights = await files.weights(model);
    if (!weights) throw new ValueError(`${what}: the archive has no ${WEIGHTS} (only the HDF5 weights format is supported).`);
    const where = `${what} (${WEIGHTS})`;
    await readH5(weights, where, (file) => applyPending(readKerasWeights(file, model, { skipMismatch: false, optimizer: true }, where), true));
    await files.assets(model);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/** `config.json` parsed: an object, nested no deeper than the config readers allow. */
function parseConfig(bytes: Uint8Array, what: string): SerializedObject {
  const where = `${what}: ${CONFIG}`;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new ValueError(`${where} is not valid JSON (${(e as Error).message}).`);
  }
  return readObject(parseConfigJson(text, where), where) as SerializedObject;
}

/** Keras's `date_saved` form: `YYYY-MM-DD@HH:MM:SS` (local time, as Python's `datetime.now()`). */
function formatDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}@${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
