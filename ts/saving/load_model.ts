/** `loadModel(source)`: a model from a `.keras` archive or a legacy `.h5` file, told apart by their first bytes. */
import type { Model } from '../models/model.js';
import { isNode } from '../runtime/host.js';
import { readKerasArchive, readKerasFile } from './keras_archive.js';
import { readLegacyModel } from './legacy_h5_model.js';
import type { CustomObjects } from '../engine/registry.js';
import { type ModelSource, detectFormat, fileHead, readSource } from './source.js';

/** Options of {@link loadModel}. */
export interface LoadModelOptions {
  /** Classes and functions the file names that are not registered (by `class_name` or `registered_name`). */
  customObjects?: CustomObjects;
  /** Compile the model with the saved training configuration and restore the optimizer's state. Default true. */
  compile?: boolean;
}

/**
 * Loads a model saved by Keras or kerasm: `.keras` (Keras 3) or legacy `.h5` (Keras 2), from a
 * path (Node), bytes, or a Blob/File. Errors name what is wrong; nothing stays allocated after one.
 */
export async function loadModel(source: ModelSource, options: LoadModelOptions = {}): Promise<Model> {
  const what = typeof source === 'string' ? `loadModel('${source}')` : 'loadModel';
  const settings = { customObjects: options.customObjects ?? {}, compile: options.compile ?? true };
  if (typeof source === 'string' && isNode) {
    // A .keras path is read by ranges, its weights in place; a legacy .h5 file is read whole.
    const { size, head } = await fileHead(source, 8);
    if (size > 0 && detectFormat(head, what) === 'keras') return readKerasFile(source, settings, what);
  }
  const bytes = await readSource(source, what);
  return detectFormat(bytes, what) === 'keras' ? readKerasArchive(bytes, settings, what) : readLegacyModel(bytes, settings, what);
}
