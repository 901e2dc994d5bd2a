/**
 * `model.save`, `model.saveWeights` and `model.loadWeights`: Keras's methods on Model, added here
 * by the saving layer (which sits above models) so that `ts/models` never imports `ts/saving`.
 * `ts/index.ts` imports this module, so every Model a user holds has them. The file formats
 * themselves load on first use (h5wasm and fflate are imported only when a file is saved or loaded).
 */
import { Model } from '../models/model.js';
import type { SaveOptions } from './save_model.js';
import type { ModelSource } from './source.js';
import type { LoadWeightsOptions } from './weights_io.js';

declare module '../models/model.js' {
  interface Model {
    /**
     * Saves the whole model (config, weights, optimizer state) to `path`: a `.keras` archive, or a
     * legacy `.h5` file. Node only; `saveModel(model)` gives the bytes anywhere.
     */
    save(path: string, options?: SaveOptions): Promise<void>;
    /** Saves the weights to `path` (ending in `.weights.h5`), or, with no path, resolves to the file's bytes. */
    saveWeights(path: string): Promise<void>;
    saveWeights(): Promise<Uint8Array>;
    /** Loads weights saved by Keras or kerasm (`.weights.h5` in either layout, `.h5`, `.keras`); on error, no weight changes. */
    loadWeights(source: ModelSource, options?: LoadWeightsOptions): Promise<void>;
  }
}

Model.prototype.save = async function save(this: Model, path: string, options?: SaveOptions): Promise<void> {
  const { saveModelToFile } = await import('./save_model.js');
  await saveModelToFile(this, path, options);
};

Model.prototype.saveWeights = async function saveWeights(this: Model, path?: string): Promise<void | Uint8Array> {
  const io = await import('./weights_io.js');
  return path === undefined ? io.saveWeights(this) : io.saveWeightsToFile(this, path);
} as Model['saveWeights'];

Model.prototype.loadWeights = async function loadWeights(this: Model, source: ModelSource, options?: LoadWeightsOptions): Promise<void> {
  const { loadWeights: load } = await import('./weights_io.js');
  await load(this, source, options);
};
