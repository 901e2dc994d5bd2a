/**
 * The optimizer's state in a legacy `.h5` as Keras 3 writes it (`optimizer_weights`): the
 * `weight_names` attribute lists `optimizer.variables` in order (`adam/iteration`,
 * `adam/learning_rate`, then the slots `adam/dense_kernel_momentum`, ...), each a dataset at that
 * path. Keras 2 files order and name their slots differently (`Adam/iter:0`, all `m` then all
 * `v`) and Keras 3 itself does not restore them; kerasm leaves them unread too.
 */
import type { Model } from '../models/model.js';
import { ValueError } from '../utils/errors.js';
import { type H5Group, ensureGroup } from './h5_file.js';
import { type H5GroupNode, datasetAt, groupAt, readDataset } from './h5_tree.js';
import { readAttributeList, writeAttributeList } from './legacy_weights.js';
import { type OptimizerEntry, counterOwner, matchingEntries, optimizerEntries, optimizerValues } from './optimizer_state.js';
import type { PendingState } from './pending_values.js';

/** Writes `/optimizer_weights` for a compiled model. */
export function writeLegacyOptimizer(root: H5Group, model: Model): void {
  const optimizer = model.optimizer;
  const counted = counterOwner(optimizer);
  const entries = optimizerEntries(optimizer, model.trainableWeights, optimizer.built);
  const names = entries.map((e) => (e.kind === 'slot' ? e.variable.path : `${e.kind === 'unused' ? optimizer.name : counted.name}/${counterName(e)}`));
  const group = root.create_group('optimizer_weights');
  writeAttributeList(group, 'weight_names', names);
  entries.forEach((entry, i) => {
    const name = names[i]!;
    const slash = name.lastIndexOf('/');
    const parent = slash < 0 ? group : ensureGroup(group, name.slice(0, slash));
    const leaf = name.slice(slash + 1);
    if (entry.kind === 'iterations') parent.create_dataset({ name: leaf, data: BigInt64Array.of(BigInt(counted.appliedSteps)), shape: [], dtype: '<q' });
    else if (entry.kind === 'learning_rate') parent.create_dataset({ name: leaf, data: Float32Array.of(counted.learningRate), shape: [], dtype: '<f' });
    else if (entry.kind === 'unused') parent.create_dataset({ name: leaf, data: entry.counter === 'iterations' ? BigInt64Array.of(0n) : Float32Array.of(0), shape: [], dtype: entry.counter === 'iterations' ? '<q' : '<f' });
    else {
      const data = entry.variable.value.dataSync().slice();
      parent.create_dataset({ name: leaf, data, shape: [...entry.variable.shape], dtype: data instanceof Float32Array ? '<f' : '<i' });
    }
  });
}

/** The optimizer state of a Keras 3 legacy file, checked; null when there is none to restore. */
export function readLegacyOptimizer(root: H5GroupNode, model: Model, what: string): Pick<PendingState, 'values' | 'optimizer'> | null {
  const group = groupAt(root, 'optimizer_weights');
  if (model.compileArgs === null || group === null) return null;
  const names = readAttributeList(group, 'weight_names') ?? [];
  if (!names[0]?.endsWith('/iteration')) return null;
  const optimizer = model.optimizer;
  const where = `${what}: optimizer '${optimizer.name}'`;
  const entries = matchingEntries(optimizer, model.trainableWeights, names.length, where);
  const read = (i: number) => {
    const dataset = datasetAt(group, names[i]!);
    if (dataset === null) throw new ValueError(`${where}: weight '${names[i]}' is listed but missing from the file.`);
    return readDataset(dataset, where);
  };
  const { values, counters } = optimizerValues(entries, read, optimizer, where);
  return { values, optimizer: counters };
}

/** Keras's variable name of a counter. */
function counterName(entry: Exclude<OptimizerEntry, { kind: 'slot' }>): string {
  const counter = entry.kind === 'unused' ? entry.counter : entry.kind;
  return counter === 'iterations' ? 'iteration' : 'learning_rate';
}
