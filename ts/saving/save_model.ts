/** Saving a whole model: `saveModel(model, { format })` for the bytes, `model.save(path)` for a file. */
import type { Model } from '../models/model.js';
import { ValueError } from '../utils/errors.js';
import { writeKerasArchive } from './keras_archive.js';
import { writeLegacyModel } from './legacy_h5_model.js';
import { isDownload, offerDownload } from './download.js';
import { writeFileAtomic } from '../runtime/atomic_write.js';

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** `'keras'` (default): Keras 3's `.keras` zip; `'h5'`: the legacy Keras 2 `.h5` file. */
  format?: 'keras' | 'h5';
}

/** Options of `model.save(path)`. */
export interface SaveOptions {
  /** Replace an existing file. Default true, as Keras. */
  overwrite?: boolean;
}

/**
 * The model as the bytes of a `.keras` archive (or a legacy `.h5` file), e.g. to download in a
 * browser or store anywhere; `loadModel(bytes)` reads them back.
 */
export async function saveModel(model: Model, options: SaveModelOptions = {}): Promise<Uint8Array> {
  const format = options.format ?? 'keras';
  if (format === 'keras') return writeKerasArchive(model);
  if (format === 'h5') return writeLegacyModel(model);
  throw new ValueError(`saveModel: unknown format '${String(format)}'; expected 'keras' or 'h5'.`);
}

/**
 * Writes the model to `path` (`.keras` or legacy `.h5`, by extension), atomically; in a browser
 * page, `downloads://name.keras` offers the file as a download.
 */
export async function saveModelToFile(model: Model, path: string, options: SaveOptions = {}): Promise<void> {
  if (typeof path !== 'string') throw new ValueError(`model.save: \`filepath\` must be a string path, received ${typeof path}; use saveModel(model) for the bytes.`);
  if (path.endsWith('.weights.h5')) throw new ValueError(`model.save: '${path}' names a weights file; use model.saveWeights() to save only the weights.`);
  const format = path.endsWith('.keras') ? 'keras' : path.endsWith('.h5') || path.endsWith('.hdf5') ? 'h5' : null;
  if (format === null) {
    throw new ValueError(`Invalid filepath extension for saving. Please add either a \`.keras\` extension for the native Keras format (recommended) or a \`.h5\` extension. Received: filepath=${path}`);
  }
  if (isDownload(path)) return offerDownload(path, await saveModel(model, { format }));
  if (options.overwrite === false && (await exists(path))) throw new ValueError(`model.save: '${path}' already exists and \`overwrite\` is false.`);
  await writeFileAtomic(path, await saveModel(model, { format }));
}

async function exists(path: string): Promise<boolean> {
  const fs = await import('node:fs/promises');
  return fs.access(path).then(() => true, () => false);
}
