/**
 * A model as the whole config Keras saves (`serialize_keras_object(model)` plus `build_config`
 * and `compile_config`), and a model rebuilt from one: deserialized (custom classes through
 * `customObjects` or the registry), built from `build_config` when its layers are not built yet,
 * and compiled from `compile_config` when asked.
 */
import type { ShapeOrShapes } from '../engine/layer.js';
import { Model } from '../models/model.js';
import { Sequential } from '../models/sequential.js';
import type { CompileArgs } from '../training/compile.js';
import { ValueError } from '../utils/errors.js';
import { compileConfig } from './compile_config.js';
import { type CustomObjects, type SerializedObject, deserializeLayer, serializeLayer } from '../engine/registry.js';

/** The model's full serialized form, as `config.json` holds it. */
export function serializeModel(model: Model): SerializedObject {
  const serialized = serializeLayer(model);
  if (model instanceof Sequential && model.built) serialized.build_config = { input_shape: model.inputShape };
  else if (model.buildInputShape !== null) serialized.build_config = { input_shape: model.buildInputShape };
  if (model.compileArgs !== null) serialized.compile_config = compileConfig(model, model.compileArgs);
  return serialized;
}

/** A model from its serialized form; `compileArgs` (already read from the file) compiles it. */
export function deserializeModel(serialized: SerializedObject, customObjects: CustomObjects, compileArgs: CompileArgs | null, what: string): Model {
  if (!serialized || typeof serialized !== 'object' || typeof serialized.class_name !== 'string') {
    throw new ValueError(`${what}: the model config is not a serialized Keras object (no \`class_name\`).`);
  }
  const model = deserializeLayer(serialized, customObjects);
  if (!(model instanceof Model)) {
    model.dispose();
    throw new ValueError(`${what}: the file describes a ${serialized.class_name} layer, not a model.`);
  }
  buildFromConfig(model, serialized.build_config);
  if (compileArgs !== null) {
    try {
      model.compile(compileArgs);
    } catch (e) {
      model.dispose();
      throw new ValueError(`${what}: could not compile the loaded model from its saved compile configuration (${(e as Error).message}). Load it with { compile: false } and compile it yourself.`);
    }
  }
  return model;
}

/** Builds a model that its config did not build (a subclassed model) by tracing it on `input_shape`, as Keras's `build_from_config`. */
function buildFromConfig(model: Model, buildConfig: unknown): void {
  if (model.built) return;
  const shape = (buildConfig as { input_shape?: ShapeOrShapes } | undefined)?.input_shape;
  if (!Array.isArray(shape)) return;
  model.buildInputShape = shape;
  model.computeOutputShape(shape);
  model.built = true;
}
