/**
 * Weights-only files: `saveWeights(model)` gives Keras 3's `.weights.h5` bytes (the model's
 * variables and, when compiled, its optimizer's state); `loadWeights` reads that layout and the
 * legacy tf.keras one (`layer_names` / `weight_names`, from `save_weights('w.h5')` or a whole-model
 * `.h5`), checking everything before changing any weight.
 */
import type { Model } from '../models/model.js';
import { isNode } from '../runtime/host.js';
import { ValueError } from '../utils/errors.js';
import { writeFileAtomic } from '../runtime/atomic_write.js';
import { isDownload, offerDownload } from './download.js';
import { readH5, writeH5 } from './h5_file.js';
import { kerasArchiveWeights, kerasFileWeights } from './keras_archive.js';
import type { H5Source } from './h5_reader.js';
import { type H5GroupNode, groupAt } from './h5_tree.js';
import { isKerasLayout, readKerasWeights, writeKerasWeights } from './keras_weights.js';
import { isLegacyLayout, readLegacyWeights } from './legacy_weights.js';
import { type PendingState, applyPending } from './pending_values.js';
import { weightsLimit } from './size_limits.js';
import { type ModelSource, detectFormat, fileHead, readSource } from './source.js';

/** Options of {@link loadWeights}. */
export interface LoadWeightsOptions {
  /** Skip layers whose number or shapes of weights differ from the file's, instead of failing. Default false. */
  skipMismatch?: boolean;
}

/** The model's weights as the bytes of a Keras 3 `.weights.h5` file. */
export async function saveWeights(model: Model): Promise<Uint8Array> {
  return writeH5((file) => writeKerasWeights(file, model));
}

/** Writes the model's weights to `path`, which must end in `.weights.h5` (as Keras requires), atomically. */
export async function saveWeightsToFile(model: Model, path: string): Promise<void> {
  if (typeof path !== 'string' || !path.endsWith('.weights.h5')) {
    throw new ValueError(`The filename must end in \`.weights.h5\`. Received: filepath=${String(path)}`);
  }
  const bytes = await saveWeights(model);
  if (isDownload(path)) offerDownload(path, bytes);
  else await writeFileAtomic(path, bytes);
}

/**
 * Loads weights into `model` from a `.weights.h5` (Keras 3 or legacy layout), a legacy whole-model
 * `.h5`, or a `.keras` archive. On any error the model's weights are left exactly as they were.
 */
export async function loadWeights(model: Model, source: ModelSource, options: LoadWeightsOptions = {}): Promise<void> {
  const what = typeof source === 'string' ? `loadWeights('${source}')` : 'loadWeights';
  const skipMismatch = options.skipMismatch ?? false;
  await readH5(await hdf5Source(source, weightsLimit(model), what), what, (file) => applyPending(pendingWeights(file, model, skipMismatch, what)));
}

/**
 * The HDF5 file to read: at a path (Node) an HDF5 file, or a `.keras` archive's
 * `model.weights.h5` entry, is read in place from disk, a range at a time; bytes are read whole.
 * An archive's entry is read only when within `maxBytes`, what the model's weights may take.
 */
async function hdf5Source(source: ModelSource, maxBytes: number, what: string): Promise<H5Source> {
  if (typeof source === 'string' && isNode) {
    const { size, head } = await fileHead(source, 8);
    if (size > 0 && detectFormat(head, what) === 'h5') return { path: source, size };
    if (size > 0) return present(await kerasFileWeights(source, maxBytes, what), what);
  }
  const bytes = await readSource(source, what);
  if (detectFormat(bytes, what) === 'h5') return bytes;
  return present(await kerasArchiveWeights(bytes, maxBytes, what), what);
}

function present(weights: H5Source | undefined, what: string): H5Source {
  if (!weights) throw new ValueError(`${what}: the .keras archive has no model.weights.h5.`);
  return weights;
}

/** The weights the file holds for `model`, checked, in whichever layout it uses. */
function pendingWeights(file: H5GroupNode, model: Model, skipMismatch: boolean, what: string): PendingState {
  if (isKerasLayout(file)) return readKerasWeights(file, model, { skipMismatch, optimizer: true }, what);
  const legacyRoot = groupAt(file, 'model_weights') ?? file;
  if (isLegacyLayout(legacyRoot)) return readLegacyWeights(legacyRoot, model, skipMismatch, what);
  throw new ValueError(`${what}: the HDF5 file holds no Keras weights (neither Keras 3's \`vars\` groups nor a legacy \`layer_names\` attribute).`);
}
