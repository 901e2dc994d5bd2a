/**
 * The `models` namespace, as `keras.models`: the model classes and the functions that make, copy,
 * load and save models, gathered from `ts/models` and `ts/saving` under Keras's public name.
 */
export { Model } from '../models/model.js';
export { Sequential } from '../models/sequential.js';
export { cloneModel } from '../models/clone_model.js';
export type { CloneModelOptions } from '../models/clone_model.js';
export { modelFromJSON } from '../models/model_from_json.js';
export { loadModel } from '../saving/load_model.js';
export { saveModel } from '../saving/save_model.js';
