/**
 * What the file-writing callbacks ask of the model: Keras's `save`, `save_weights` and
 * `load_weights`, which every kerasm Model has (ts/saving/model_methods.ts adds them).
 */
import { ValueError } from '../../utils/errors.js';
import type { CallbackModel } from './callback.js';

/** A model's saving methods. */
export interface ModelFiles {
  /** Saves the whole model (`.keras` or legacy `.h5`), replacing an existing file. */
  save(path: string): Promise<void>;
  /** Saves the weights and the optimizer's state to a `.weights.h5` file. */
  saveWeights(path: string): Promise<void>;
  /** Loads weights and optimizer state from a `.weights.h5` file; on error nothing changes. */
  loadWeights(path: string): Promise<void>;
}

/** The saving methods of the model `callback` is attached to, or a ValueError when it has none. */
export function modelFiles(model: CallbackModel | null, callback: string): ModelFiles {
  const files = model as (CallbackModel & Partial<ModelFiles>) | null;
  if (!files || typeof files.save !== 'function' || typeof files.saveWeights !== 'function' || typeof files.loadWeights !== 'function') {
    throw new ValueError(`${callback} needs a Keras model (with save, saveWeights and loadWeights); received ${files?.name ?? String(files)}.`);
  }
  return { save: (path) => files.save!(path), saveWeights: (path) => files.saveWeights!(path), loadWeights: (path) => files.loadWeights!(path) };
}
