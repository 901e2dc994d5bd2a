/**
 * A Functional model's config in Keras 3's own form, and back: each layer and op serialized with
 * its `inbound_nodes` (calls whose `args` and `kwargs` hold `__keras_tensor__` references
 * `[operation, node, tensor]`, constants such as `0` or `__tensor__` values as they are), plus
 * `input_layers` / `output_layers`. Node indices count only the nodes inside this model, as
 * Keras re-indexes them, so a layer shared with other models serializes the same way.
 */
import { KerasTensor } from '../ops/symbolic/keras_tensor.js';
import { type Layer, type LayerConfig, type SymbolicCallArgs } from '../engine/layer.js';
import type { Node } from '../ops/symbolic/node.js';
import { Op } from '../ops/symbolic/op.js';
import type { Operation } from '../ops/symbolic/operation.js';
import { type CustomObjects, type SerializedObject, deserializeOperation, serializeLayer } from '../engine/registry.js';
import { tensor } from '../tensor/create.js';
import { type DType, type NestedArray, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';
import type { LayerGraph } from './graph.js';
import { isPlainObject, readArray, readObject, readOptionalArray, readOptionalString } from '../utils/config_reader.js';

type History = [string, number, number];

interface NodeData {
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** Whether the model was given lists of inputs / outputs (written as lists) or single tensors (written flat). */
export interface IOStructure {
  inputsAreList: boolean;
  outputsAreList: boolean;
}

/** The Functional config of a model named `name` over `graph`. */
export function functionalConfig(name: string, trainable: boolean, graph: LayerGraph, structure: IOStructure): LayerConfig {
  const own = new Set(graph.nodes);
  const indexInModel = (node: Node) => node.operation.inboundNodes.filter((n) => own.has(n)).indexOf(node);
  const reference = (t: KerasTensor): History => [t.node!.operation.name, indexInModel(t.node!), t.outputIndex];
  const serialize = (x: unknown): unknown => {
    if (x instanceof KerasTensor) return { class_name: '__keras_tensor__', config: { shape: x.shape, dtype: x.dtype, keras_history: reference(x) } };
    if (x instanceof Tensor) return { class_name: '__tensor__', config: { value: x.arraySync(), dtype: x.dtype } };
    return Array.isArray(x) ? x.map(serialize) : x;
  };
  const layers = graph.operations.map((op) => {
    const inbound: NodeData[] = op.inboundNodes
      .filter((n) => own.has(n) && n.inputs.length > 0)
      .map((n) => ({ args: n.args.map(serialize), kwargs: Object.fromEntries(Object.entries(n.kwargs).map(([k, v]) => [k, serialize(v)])) }));
    return { ...serializeLayer(op), name: op.name, inbound_nodes: inbound };
  });
  // Keras maps its inputs' structure: one tensor gives one `[layer, node, tensor]`, a list a list.
  const references = (list: KerasTensor[], isList: boolean) => (isList ? list.map(reference) : reference(list[0]!));
  return {
    name,
    trainable,
    layers,
    input_layers: references(graph.inputs, structure.inputsAreList),
    output_layers: references(graph.outputs, structure.outputsAreList),
  };
}

/**
 * Rebuilds the layers, ops and calls of a Functional config: `{ inputs, outputs }` for a new
 * Model. Each operation is pushed onto `created` as it is made, so that the caller can free them
 * all if this or the model's construction fails.
 */
export function functionalFromConfig(config: LayerConfig, customObjects: CustomObjects, created: Operation[]): { inputs: KerasTensor | KerasTensor[]; outputs: KerasTensor | KerasTensor[] } {
  const where = `Functional model '${String(config.name)}'`;
  const byName = new Map<string, Operation>();
  const pending = new Map<string, NodeData[]>();
  readArray(config, 'layers', where).forEach((entry, i) => {
    const data = readObject(entry, `${where}: layers[${i}]`);
    const operation = deserializeOperation(data as SerializedObject, customObjects);
    created.push(operation);
    const name = readOptionalString(data, 'name', `${where}: layers[${i}]`) ?? operation.name;
    if (byName.has(name)) throw new ValueError(`${where}: the layer name '${name}' is used more than once; all layer names should be unique.`);
    byName.set(name, operation);
    pending.set(name, readOptionalArray(data, 'inbound_nodes', `${where}: layer '${name}'`).map((node, j) => readNode(node, `${where}: layer '${name}', inbound_nodes[${j}]`)));
  });
  // Calls whose inputs come from layers listed later wait for them, as in Keras.
  let progressed = true;
  while (progressed && [...pending.values()].some((nodes) => nodes.length > 0)) {
    progressed = false;
    for (const [name, nodes] of pending) {
      while (nodes.length > 0 && isReady(nodes[0]!, byName)) {
        callWith(byName.get(name)!, nodes.shift()!, byName);
        progressed = true;
      }
    }
  }
  const stuck = [...pending].filter(([, nodes]) => nodes.length > 0).map(([name]) => name);
  if (stuck.length > 0) throw new ValueError(`Could not rebuild the calls of layers ${JSON.stringify(stuck)}: their inputs never became available.`);
  const find = (value: unknown, key: string) => tensorAt(readHistory(value, `${where}: \`${key}\``), byName) ?? invalid(value);
  return { inputs: tensorsAt(config.input_layers, 'input_layers', find), outputs: tensorsAt(config.output_layers, 'output_layers', find) };
}

/** A serialized call, checked: `args` a non-empty list, `kwargs` an object (or missing). */
function readNode(value: unknown, where: string): NodeData {
  const node = readObject(value, where);
  const args = readArray(node, 'args', where);
  if (args.length === 0) throw new ValueError(`${where}: a serialized call has no arguments.`);
  const kwargs = node.kwargs === undefined || node.kwargs === null ? {} : readObject(node.kwargs, `${where}: \`kwargs\``);
  return { args, kwargs };
}

/** A `keras_history` reference, checked: `[layer name, node index, tensor index]`. */
function readHistory(value: unknown, where: string): History {
  const ok = Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && Number.isInteger(value[1]) && Number.isInteger(value[2]);
  if (!ok) throw new ValueError(`${where}: expected a tensor reference [layer name, node index, tensor index], received ${JSON.stringify(value)?.slice(0, 120)}.`);
  return value as History;
}

/**
 * `input_layers` / `output_layers`: one `[layer, node, tensor]` (a model of one tensor, as Keras
 * writes it) or a list of them, resolved to a tensor or a list in the same structure.
 */
function tensorsAt(value: unknown, key: string, find: (h: unknown, key: string) => KerasTensor): KerasTensor | KerasTensor[] {
  if (Array.isArray(value) && value.length === 3 && typeof value[0] === 'string') return find(value, key);
  if (!Array.isArray(value)) throw new ValueError(`A Functional config's \`${key}\` must be a list, received ${JSON.stringify(value)?.slice(0, 120)}.`);
  return value.map((h) => find(h, key));
}

/** Whether every KerasTensor a serialized call refers to exists yet. */
function isReady(node: NodeData, created: Map<string, Operation>): boolean {
  return references(node).every((h) => tensorAt(h, created) !== null);
}

function references(value: unknown): History[] {
  if (isSerialized(value, '__keras_tensor__')) return [readHistory(value.config.keras_history, '`keras_history`')];
  if (Array.isArray(value)) return value.flatMap(references);
  return isPlainObject(value) ? Object.values(value).flatMap(references) : [];
}

/**
 * Makes the call a serialized node describes: an op on its arguments (constants as temporary
 * tensors, which the op copies), a layer on its first argument with the node's `mask` and `training`.
 */
function callWith(operation: Operation, node: NodeData, created: Map<string, Operation>): void {
  const temporaries: Tensor[] = [];
  const value = (x: unknown): unknown => {
    if (isSerialized(x, '__keras_tensor__')) return tensorAt(x.config.keras_history as History, created);
    if (isSerialized(x, '__tensor__') || isSerialized(x, '__numpy__')) {
      const t = tensor(x.config.value as NestedArray, undefined, x.config.dtype as DType);
      temporaries.push(t);
      return t;
    }
    return Array.isArray(x) ? x.map(value) : x;
  };
  try {
    const args = node.args.map(value);
    const kwargs = Object.fromEntries(Object.entries(node.kwargs ?? {}).map(([k, v]) => [k, value(v)]));
    if (operation instanceof Op) operation.symbolicCall(args, kwargs);
    else callLayer(operation as Layer, args, kwargs);
  } catch (e) {
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    throw new ValueError(`Could not rebuild a call of '${operation.name}' from its config (${e.message}).`);
  } finally {
    for (const t of temporaries) t.dispose();
  }
}

/** A layer's serialized call: its inputs and call arguments as the layer reads its nodes (`Layer.callFromNode`). */
function callLayer(layer: Layer, args: unknown[], kwargs: Record<string, unknown>): void {
  const { inputs, callArgs } = layer.callFromNode(args, kwargs);
  const mask = callArgs.mask;
  if (mask !== undefined && mask !== null && !(mask instanceof KerasTensor)) {
    throw new ValueError(`Layer "${layer.name}" is called with a mask kerasm cannot take (one mask per call): ${pythonRepr(mask)}.`);
  }
  layer.apply(inputs as KerasTensor | KerasTensor[], callArgs as SymbolicCallArgs);
}

function tensorAt([name, nodeIndex, tensorIndex]: History, created: Map<string, Operation>): KerasTensor | null {
  const operation = created.get(name);
  if (!operation) throw new ValueError(`The config refers to layer '${name}', which it does not define.`);
  return operation.inboundNodes[nodeIndex]?.outputs[tensorIndex] ?? null;
}

function isSerialized(value: unknown, className: string): value is { class_name: string; config: Record<string, unknown> } {
  return isPlainObject(value) && value.class_name === className && isPlainObject(value.config);
}

function invalid(h: unknown): never {
  throw new ValueError(`The config's input or output ${JSON.stringify(h)} does not exist.`);
}
