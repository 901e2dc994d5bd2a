/**
 * The legacy (Keras 2 / tf.keras) weights layout, as in `.h5` files from `model.save('m.h5')`
 * (under `/model_weights`) and `model.save_weights('w.h5')` (at the root): the `layer_names`
 * attribute lists the layers; each layer's group lists its variables in `weight_names`, the paths
 * of its datasets (`dense/kernel:0` in Keras 2, `dense/kernel` in Keras 3). Layers are matched by
 * order, as Keras's `load_weights_from_hdf5_group` does. Attribute lists over 64,512 bytes are split
 * into `layer_names0`, `layer_names1`, ...
 */
import { Layer } from '../engine/layer.js';
import { collectTracked, trackedAttributes } from '../engine/tracking.js';
import type { Variable } from '../engine/variable.js';
import type { Model } from '../models/model.js';
import { ValueError } from '../utils/errors.js';
import { type H5Group, ensureGroup, writeStringList } from './h5_file.js';
import { type H5GroupNode, datasetAt, groupAt, readDataset, stringListAttribute } from './h5_tree.js';
import { type PendingState, type PendingValue, pendingValue } from './pending_values.js';

/** HDF5's limit on an object header, hence on one attribute (Keras's `HDF5_OBJECT_HEADER_LIMIT`). */
const HEADER_LIMIT = 64512;

/** Whether `group` holds weights in the legacy layout. */
export function isLegacyLayout(group: H5GroupNode): boolean {
  return readAttributeList(group, 'layer_names') !== null;
}

/** A list attribute, joined from its chunks (`name0`, `name1`, ...) when it was split; null when absent. */
export function readAttributeList(group: H5GroupNode, name: string): string[] | null {
  const whole = stringListAttribute(group, name);
  if (whole !== null) return whole;
  const chunks: string[] = [];
  let found = false;
  for (let i = 0; Object.hasOwn(group.attrs, `${name}${i}`); i++) {
    found = true;
    chunks.push(...(stringListAttribute(group, `${name}${i}`) ?? []));
  }
  return found ? chunks : null;
}

/** A layer's weights in the legacy order: trainable, then non-trainable (`_legacy_weights`). */
function legacyWeights(layer: Layer): Variable[] {
  const all = layer.weights;
  return [...all.filter((w) => w.trainable), ...all.filter((w) => !w.trainable)];
}

/**
 * The name each of a layer's weights is saved under: its path, after the names of the layers
 * between the saved layer and the one that owns it. A Bidirectional's two cells both name their
 * kernel `lstm_cell/kernel`; saved, they are `forward_lstm/lstm_cell/kernel` and
 * `backward_lstm/lstm_cell/kernel`, as Keras names them in a Bidirectional it loaded.
 */
function legacyWeightNames(layer: Layer): Map<Variable, string> {
  const names = new Map<Variable, string>();
  const seen = new Set<Layer>();
  const visit = (current: Layer, prefix: string): void => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const w of current.ownWeights) if (!names.has(w)) names.set(w, prefix + w.path);
    const inner = current === layer ? prefix : `${prefix}${current.name}/`;
    for (const child of sublayersOf(current)) visit(child, inner);
  };
  visit(layer, '');
  return names;
}

/** The layers `layer` holds: those in its tracked properties, and a model's own layers. */
function sublayersOf(layer: Layer): Layer[] {
  const tracked = collectTracked(trackedAttributes(layer).map(([, value]) => value), (v): v is Layer => v instanceof Layer && v !== layer);
  const modelLayers = (layer as { layers?: Layer[] }).layers ?? [];
  return [...new Set([...tracked, ...modelLayers])];
}

/** Reads and checks, by layer order, every weight of the model from the legacy layout under `root`. */
export function readLegacyWeights(root: H5GroupNode, model: Model, skipMismatch: boolean, what: string): PendingState {
  const names = readAttributeList(root, 'layer_names') ?? [];
  const saved = names
    .map((name) => ({ name, group: groupAt(root, name) }))
    .map(({ name, group }) => {
      if (group === null) throw new ValueError(`${what}: layer '${name}' is listed in \`layer_names\` but has no group in the file.`);
      return { name, group, weightNames: readAttributeList(group, 'weight_names') ?? [] };
    })
    .filter((s) => s.weightNames.length > 0);
  const layers = model.layers.filter((l) => l.weights.length > 0);
  if (saved.length !== layers.length) {
    throw new ValueError(`${what}: layer count mismatch when loading weights from file. Model expected ${layers.length} layers, found ${saved.length} saved layers.`);
  }
  const values: PendingValue[] = [];
  layers.forEach((layer, k) => {
    const { name, group, weightNames } = saved[k]!;
    const where = `${what}: layer #${k} (named '${layer.name}', saved as '${name}')`;
    try {
      const weights = legacyWeights(layer);
      if (weights.length !== weightNames.length) {
        throw new ValueError(`${where} expects ${weights.length} weights, but the saved weights have ${weightNames.length} elements.`);
      }
      values.push(
        ...weights.map((w, i) => {
          const dataset = datasetAt(group, weightNames[i]!);
          if (dataset === null) throw new ValueError(`${where}: weight '${weightNames[i]}' is listed but missing from the file.`);
          return pendingValue(w, readDataset(dataset, where), where);
        }),
      );
    } catch (e) {
      if (!(skipMismatch && e instanceof ValueError)) throw e;
    }
  });
  return { values, optimizer: null };
}

/** Writes the model's weights under `root` in the legacy layout (as Keras 3's `save_weights_to_hdf5_group`). */
export function writeLegacyWeights(root: H5Group, model: Model, kerasVersion: string): void {
  const layers = model.layers;
  writeAttributeList(root, 'layer_names', layers.map((l) => l.name));
  root.create_attribute('backend', 'tensorflow');
  root.create_attribute('keras_version', kerasVersion);
  for (const layer of layers) {
    const group = root.create_group(layer.name);
    const weights = legacyWeights(layer);
    const names = legacyWeightNames(layer);
    writeAttributeList(group, 'weight_names', weights.map((w) => names.get(w)!));
    for (const w of weights) {
      const name = names.get(w)!;
      const slash = name.lastIndexOf('/');
      const parent = slash < 0 ? group : ensureGroup(group, name.slice(0, slash));
      const data = w.value.dataSync().slice();
      parent.create_dataset({ name: name.slice(slash + 1), data, shape: [...w.shape], dtype: data instanceof Float32Array ? '<f' : '<i' });
    }
  }
}

/** A list attribute, split as Keras splits it (numpy's `array_split`) when it exceeds the header limit. */
export function writeAttributeList(group: H5Group, name: string, values: string[]): void {
  const width = Math.max(1, ...values.map((v) => new TextEncoder().encode(v).length));
  if (width > HEADER_LIMIT) throw new ValueError(`The following attributes cannot be saved to HDF5 file because they are larger than ${HEADER_LIMIT} bytes: ${values.find((v) => v.length > HEADER_LIMIT)!.slice(0, 80)}...`);
  let chunks = 1;
  while (Math.ceil(values.length / chunks) * width > HEADER_LIMIT) chunks++;
  if (chunks === 1) {
    writeStringList(group, name, values);
    return;
  }
  const base = Math.floor(values.length / chunks);
  const extra = values.length % chunks;
  let start = 0;
  for (let i = 0; i < chunks; i++) {
    const size = base + (i < extra ? 1 : 0);
    writeStringList(group, `${name}${i}`, values.slice(start, start + size));
    start += size;
  }
}
