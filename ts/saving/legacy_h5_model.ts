/**
 * The legacy whole-model `.h5` file (Keras 2's `model.save('m.h5')`, Keras 3's
 * `save_model_to_hdf5`): root attributes `keras_version`, `backend`, `model_config` (JSON of the
 * Keras 2 config) and, when compiled, `training_config`; the weights under `/model_weights` in the
 * legacy layout; the optimizer's state in `/optimizer_weights` (see `legacy_optimizer.ts`).
 */
import type { Model } from '../models/model.js';
import { ValueError } from '../utils/errors.js';
import { compileArgsFromTrainingConfig, compileConfig } from './compile_config.js';
import { configJson } from './config_json.js';
import { readH5, writeH5 } from './h5_file.js';
import { type H5GroupNode, groupAt, stringAttribute } from './h5_tree.js';
import { KERAS_VERSION } from './keras_archive.js';
import { fromLegacyConfig, toLegacyConfig } from './legacy_config.js';
import { readLegacyOptimizer, writeLegacyOptimizer } from './legacy_optimizer.js';
import { readLegacyWeights, writeLegacyWeights } from './legacy_weights.js';
import { deserializeModel, serializeModel } from './model_config.js';
import { applyPending } from './pending_values.js';
import type { CustomObjects, SerializedObject } from '../engine/registry.js';
import { parseConfigJson, readObject } from '../utils/config_reader.js';

/** The legacy `.h5` bytes of `model`. */
export async function writeLegacyModel(model: Model): Promise<Uint8Array> {
  const serialized = serializeModel(model);
  return writeH5((file) => {
    file.create_attribute('keras_version', KERAS_VERSION);
    file.create_attribute('backend', 'tensorflow');
    file.create_attribute('model_config', JSON.stringify(toLegacyConfig(serialized)));
    const compiled = serialized.compile_config as ReturnType<typeof compileConfig> | undefined;
    if (compiled) file.create_attribute('training_config', configJson(trainingConfig(compiled)));
    writeLegacyWeights(file.create_group('model_weights'), model, KERAS_VERSION);
    if (model.compileArgs !== null) writeLegacyOptimizer(file, model);
  });
}

/** Keras 2's `training_config`: the compile arguments with the optimizer as `{class_name, config}`. */
function trainingConfig(compiled: ReturnType<typeof compileConfig>): Record<string, unknown> {
  const { optimizer, loss, metrics, weighted_metrics, loss_weights } = compiled;
  const { class_name, config } = optimizer as { class_name: string; config: unknown };
  return { loss, metrics, weighted_metrics, loss_weights, optimizer_config: { class_name, config } };
}

/** Options of reading a legacy `.h5` model. */
export interface ReadLegacyOptions {
  customObjects: CustomObjects;
  compile: boolean;
}

/** The model held in legacy `.h5` bytes. */
export async function readLegacyModel(bytes: Uint8Array, options: ReadLegacyOptions, what: string): Promise<Model> {
  let model: Model | null = null;
  try {
    return await readH5(bytes, what, (file) => {
      const serialized = fromLegacyConfig(jsonAttribute(file, 'model_config', what, true) as SerializedObject);
      const training = options.compile ? (jsonAttribute(file, 'training_config', what, false) as Record<string, unknown> | null) : null;
      const weightsRoot = groupAt(file, 'model_weights');
      if (weightsRoot === null) throw new ValueError(`${what}: the file has no \`model_weights\` group.`);
      model = deserializeModel(serialized, options.customObjects, training ? compileArgsFromTrainingConfig(training) : null, what);
      if (model.compileArgs !== null) model.optimizer.build(model.trainableWeights);
      const weights = readLegacyWeights(weightsRoot, model, false, what);
      const optimizer = readLegacyOptimizer(file, model, what);
      applyPending(optimizer ? { values: [...weights.values, ...optimizer.values], optimizer: optimizer.optimizer } : weights);
      return model;
    });
  } catch (e) {
    (model as Model | null)?.dispose();
    throw e;
  }
}

function jsonAttribute(file: H5GroupNode, name: string, what: string, required: boolean): unknown {
  const text = stringAttribute(file, name);
  if (text === null) {
    if (!required) return null;
    throw new ValueError(`${what}: no model found in config file (the HDF5 file has no \`${name}\` attribute; a weights-only file loads with model.loadWeights()).`);
  }
  const where = `${what}: the \`${name}\` attribute`;
  return readObject(parseConfigJson(text, where), where);
}
