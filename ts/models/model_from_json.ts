/** `modelFromJSON`: a model from Keras's JSON (`model.to_json()` in Python, `model.toJSON()` here). */
import { Model } from './model.js';
import { type CustomObjects, type SerializedObject, deserializeLayer } from '../engine/registry.js';
import { ValueError } from '../utils/errors.js';
import { checkDepth, parseConfigJson } from '../utils/config_reader.js';

export function modelFromJSON(json: string | SerializedObject, customObjects?: CustomObjects): Model {
  const where = 'modelFromJSON: the JSON';
  if (typeof json !== 'string') checkDepth(json, where);
  const serialized = (typeof json === 'string' ? parseConfigJson(json, where) : json) as SerializedObject;
  const model = deserializeLayer(serialized, customObjects);
  if (!(model instanceof Model)) throw new ValueError(`The JSON describes a ${serialized.class_name} layer, not a model.`);
  return model;
}
