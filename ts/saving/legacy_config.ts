/**
 * Keras 2 model configs (legacy `.h5` `model_config`, tf.keras JSON) to Keras 3's form and back.
 * Keras 2 nodes are lists `[[["dense", 0, 0, {}], ...]]` (one list of `[layer, node, tensor,
 * kwargs]` per call); Keras 3 nodes are `{args, kwargs}` holding `__keras_tensor__` references.
 * Keras 2 names the Functional class `Model`, puts `batch_input_shape` on InputLayer, and its
 * dtype is a plain string.
 */
import type { LayerConfig } from '../engine/layer.js';
import type { SerializedObject } from '../engine/registry.js';
import { ValueError } from '../utils/errors.js';
import { isPlainObject } from '../utils/config_reader.js';

type History = [string, number, number];
type LegacyInbound = [string, number, number, Record<string, unknown>?];

const MODEL_CLASSES = new Set(['Functional', 'Model', 'Sequential']);

/** A Keras 2 serialized model (or layer) in Keras 3's form; Keras 3 configs pass through unchanged. */
export function fromLegacyConfig(serialized: SerializedObject): SerializedObject {
  // Anything but a serialized object is left for the config readers to refuse, naming it.
  if (!isPlainObject(serialized) || !isPlainObject(serialized.config)) return serialized;
  const className = serialized.class_name === 'Model' ? 'Functional' : serialized.class_name;
  if (!MODEL_CLASSES.has(className)) return fromLegacyLayer(serialized);
  const config = { ...serialized.config };
  if (Array.isArray(config.layers)) {
    config.layers = (config.layers as (SerializedObject & { inbound_nodes?: unknown })[]).map((layer) => {
      if (!isPlainObject(layer)) return layer;
      const converted: Record<string, unknown> = { ...fromLegacyConfig(layer) };
      if (Array.isArray(layer.inbound_nodes)) converted.inbound_nodes = layer.inbound_nodes.map(fromLegacyNode);
      return converted as SerializedObject;
    });
  }
  return { ...serialized, class_name: className, config };
}

/** tf.keras 2 writes a BatchNormalization's `axis` as a one-element list (`[3]`); Keras 3 takes the integer. */
function fromLegacyLayer(serialized: SerializedObject): SerializedObject {
  const axis = serialized.config?.axis;
  if (serialized.class_name === 'BatchNormalization' && Array.isArray(axis) && axis.length === 1) {
    return { ...serialized, config: { ...serialized.config, axis: axis[0] } };
  }
  return serialized;
}

/** A Keras 2 node (a list of inbound references) as Keras 3's `{args, kwargs}`; a Keras 3 node is returned as it is. */
function fromLegacyNode(node: unknown): unknown {
  if (!Array.isArray(node)) return node;
  const refs = node.map((inbound: unknown) => {
    if (!Array.isArray(inbound)) throw new ValueError(`A Keras 2 inbound node lists [layer, node index, tensor index, kwargs] entries, received ${JSON.stringify(inbound)?.slice(0, 120)}.`);
    const [name, nodeIndex, tensorIndex] = inbound as LegacyInbound;
    return tensorReference([name, nodeIndex, tensorIndex]);
  });
  const kwargs = (node as LegacyInbound[])[0]?.[3] ?? {};
  return { args: [refs.length === 1 ? refs[0] : refs], kwargs };
}

function tensorReference(history: History): Record<string, unknown> {
  return { class_name: '__keras_tensor__', config: { shape: null, dtype: 'float32', keras_history: history } };
}

/**
 * Keras 3's serialized model in the Keras 2 form that tf.keras 2 reads (as Keras 3's
 * `use_legacy_config=True`): `{class_name, config}` objects, list-form nodes, `batch_input_shape`,
 * dtype names.
 */
export function toLegacyConfig(serialized: SerializedObject): Record<string, unknown> {
  // Keras 2 names registered custom classes by their registered name (`package>Class`).
  const className = serialized.module === null && serialized.registered_name ? serialized.registered_name : serialized.class_name;
  return { class_name: className, config: legacyLayerConfig(serialized.class_name, serialized.config) };
}

function legacyLayerConfig(className: string, config: LayerConfig): LayerConfig {
  const out: LayerConfig = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'dtype' && value && typeof value === 'object') out.dtype = (value as { config: { name: string } }).config.name;
    else if (key === 'batch_shape' && className === 'InputLayer') out.batch_input_shape = value;
    else if (key === 'layers' && Array.isArray(value) && MODEL_CLASSES.has(className)) out.layers = value.map(legacyLayerEntry);
    else out[key] = value;
  }
  return out;
}

function legacyLayerEntry(entry: SerializedObject & { name?: string; inbound_nodes?: unknown[] }): Record<string, unknown> {
  if (entry.module?.startsWith('keras.src.ops.')) {
    // Keras 2's nodes name only layers: an op's constants and class (`Add` would read as the layer) cannot be written.
    throw new ValueError(`The legacy HDF5 format cannot hold the op '${entry.name}' (${entry.module}.${entry.class_name}) of this Functional model; Keras itself cannot load it back. Save the model as a .keras file.`);
  }
  const legacy: Record<string, unknown> = toLegacyConfig(entry);
  if (entry.name !== undefined) legacy.name = entry.name;
  if (entry.inbound_nodes !== undefined) legacy.inbound_nodes = entry.inbound_nodes.map(toLegacyNode);
  return legacy;
}

function toLegacyNode(node: unknown): unknown {
  const { args, kwargs } = node as { args: unknown[]; kwargs: Record<string, unknown> };
  const first = args[0];
  const refs = (Array.isArray(first) ? first : [first]) as { config: { keras_history: History } }[];
  return refs.map((r) => [...r.config.keras_history, kwargs ?? {}]);
}
