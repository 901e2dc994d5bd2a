/**
 * Keras 3's weights file (`model.weights.h5` inside a `.keras`, or a `.weights.h5`): each object's
 * own variables in the group `<path>/vars` as datasets `0`, `1`, ... (read back in numeric order:
 * HDF5 lists `10` before `2`), the group's `name` attribute holding the object's name, and the
 * optimizer's state in `/optimizer/vars`. A layer with values of its own (engine/layer_saved_state.ts) keeps
 * them in its group under their names instead.
 */
import type { Variable } from '../engine/variable.js';
import type { Model } from '../models/model.js';
import { ValueError } from '../utils/errors.js';
import { type H5File, ensureGroup } from './h5_file.js';
import { type H5GroupNode, datasetAt, groupAt, memberNames, readDataset } from './h5_tree.js';
import { type LayerWithOwnValues, hasOwnValues } from '../engine/layer_saved_state.js';
import { LossScaleOptimizer } from '../optimizers/loss_scale_optimizer.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { counterOwner, matchingEntries, optimizerEntries, optimizerValues } from './optimizer_state.js';
import { type PendingState, type PendingValue, pendingValue, toFloat32 } from './pending_values.js';
import { join, saveableNodes } from './saveable_tree.js';

/** Options of reading Keras 3 weights into a model. */
export interface ReadWeightsOptions {
  /** Skip layers whose variables do not match the file (count or shapes) instead of failing. */
  skipMismatch: boolean;
  /** Also restore the optimizer's state when the model is compiled and the file has it. */
  optimizer: boolean;
}

/** Writes the model's variables (and, when compiled, its optimizer's state) into `file`. */
export function writeKerasWeights(file: H5File, model: Model): void {
  for (const node of saveableNodes(model)) {
    if (hasOwnValues(node.layer)) writeVars(file, node.path, node.name, [...node.layer.savedValues()].map(([key, data]) => ({ key, data, shape: [data.length], dtype: '<f' })));
    else writeVars(file, node.path, node.name, node.variables.map(variableData));
  }
  if (model.compileArgs === null) return;
  const optimizer = model.optimizer;
  writeVars(file, 'optimizer', optimizer.name, optimizerData(optimizer, model.trainableWeights));
  // Keras saves a LossScaleOptimizer's inner optimizer again as an object of its own.
  if (optimizer instanceof LossScaleOptimizer) {
    const inner = optimizer.innerOptimizer;
    writeVars(file, 'optimizer/inner_optimizer', inner.name, optimizerData(inner, model.trainableWeights));
  }
}

/** The optimizer's state as stored, in Keras's order; one that never stepped is written unbuilt, as Keras writes it (iterations and learning rate only). */
function optimizerData(optimizer: Optimizer, trainable: Variable[]): VarData[] {
  const counted = counterOwner(optimizer);
  return optimizerEntries(optimizer, trainable, optimizer.built).map((entry): VarData => {
    if (entry.kind === 'iterations') return { data: BigInt64Array.of(BigInt(counted.appliedSteps)), shape: [], dtype: '<q' };
    if (entry.kind === 'learning_rate') return { data: Float32Array.of(counted.learningRate), shape: [], dtype: '<f' };
    if (entry.kind === 'unused') return entry.counter === 'iterations' ? { data: BigInt64Array.of(0n), shape: [], dtype: '<q' } : { data: Float32Array.of(0), shape: [], dtype: '<f' };
    return variableData(entry.variable);
  });
}

interface VarData {
  /** The dataset's name: by default its position. */
  key?: string;
  data: Float32Array | Int32Array | BigInt64Array;
  shape: number[];
  dtype: string;
}

function variableData(variable: Variable): VarData {
  const data = variable.value.dataSync().slice();
  return { data, shape: [...variable.shape], dtype: data instanceof Float32Array ? '<f' : '<i' };
}

function writeVars(file: H5File, path: string, name: string, values: VarData[]): void {
  const group = ensureGroup(file, join(path, 'vars'));
  group.create_attribute('name', name);
  values.forEach((v, i) => group.create_dataset({ name: v.key ?? String(i), data: v.data, shape: v.shape, dtype: v.dtype }));
}

/** Whether `file` is in Keras 3's layout (rather than the legacy `layer_names` one). */
export function isKerasLayout(file: H5GroupNode): boolean {
  return groupAt(file, 'vars') !== null || groupAt(file, 'layers') !== null;
}

/** Reads and checks every value the model needs from `file`; nothing is assigned yet. */
export function readKerasWeights(file: H5GroupNode, model: Model, options: ReadWeightsOptions, what: string): PendingState {
  const values: PendingValue[] = [];
  const ownValues: (() => void)[] = [];
  for (const node of saveableNodes(model)) {
    const where = `${what}: layer '${node.name}' (${node.path === '' ? 'the model itself' : `/${node.path}`})`;
    try {
      if (hasOwnValues(node.layer)) {
        ownValues.push(storedOwnValues(file, node.layer, join(node.path, 'vars'), where));
        continue;
      }
      const stored = storedVars(file, join(node.path, 'vars'), where);
      if (node.variables.length === 0) {
        if (stored !== null && stored.length > 0) throw new ValueError(`${where} has no variables yet, but the file holds ${stored.length}: build the model (call it once on data) before loading weights into it.`);
        continue;
      }
      if (stored === null) throw new ValueError(`${where} is missing from the file.`);
      if (stored.length !== node.variables.length) {
        throw new ValueError(`${where} expects ${node.variables.length} variables, but the file holds ${stored.length}.`);
      }
      const read = node.variables.map((v, i) => pendingValue(v, readDataset(stored[i]!, where), where));
      values.push(...read);
    } catch (e) {
      if (!(options.skipMismatch && e instanceof ValueError)) throw e;
    }
  }
  const optimizer = readOptimizerState(file, model, options, what);
  return { values: [...values, ...optimizer.values], optimizer: optimizer.counters, ownValues };
}

/** What hands `layer` the named values of its group at `path` (every dataset in it), once called. */
function storedOwnValues(file: H5GroupNode, layer: LayerWithOwnValues, path: string, where: string): () => void {
  const group = groupAt(file, path);
  const datasets = (group === null ? [] : memberNames(group)).map((name) => {
    const dataset = datasetAt(group!, name);
    if (dataset === null) throw new ValueError(`${where}: entry '${name}' is not a dataset.`);
    return [name, readDataset(dataset, where)] as const;
  });
  return () => layer.loadValues(new Map(datasets.map(([name, value]) => [name, toFloat32(value.values())])));
}

/** The datasets `0`, `1`, ... of the group at `path` in numeric order, or null when the group is absent. */
function storedVars(file: H5GroupNode, path: string, where: string) {
  const group = groupAt(file, path);
  if (group === null) return null;
  const names = memberNames(group);
  const indices = names.map((n) => (/^\d+$/.test(n) ? Number(n) : NaN)).sort((a, b) => a - b);
  if (indices.some((n, i) => n !== i)) throw new ValueError(`${where}: the variables group holds unexpected entries ${JSON.stringify(names.slice(0, 10))}.`);
  return indices.map((i) => {
    const dataset = datasetAt(group, String(i));
    if (dataset === null) throw new ValueError(`${where}: entry '${i}' is not a dataset.`);
    return dataset;
  });
}

/** The optimizer's slot values and counters, when the model is compiled and the file holds them. */
function readOptimizerState(file: H5GroupNode, model: Model, options: ReadWeightsOptions, what: string) {
  const none = { values: [] as PendingValue[], counters: null };
  if (!options.optimizer || model.compileArgs === null || groupAt(file, 'optimizer/vars') === null) return none;
  const optimizer = model.optimizer;
  const where = `${what}: optimizer '${optimizer.name}'`;
  const stored = storedVars(file, 'optimizer/vars', where)!;
  const entries = matchingEntries(optimizer, model.trainableWeights, stored.length, where);
  return optimizerValues(entries, (i) => readDataset(stored[i]!, where), optimizer, where);
}
