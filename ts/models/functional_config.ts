/**
 * A Functional model's config in Keras 3's own form, and back: each layer serialized with its
 * `inbound_nodes` (calls whose arguments are `__keras_tensor__` references `[layer, node, tensor]`),
 * plus `input_layers` / `output_layers`. Node indices count only the nodes inside this model, as
 * Keras re-indexes them, so a layer shared with other models serializes the same way.
 */
import { KerasTensor } from '../engine/keras_tensor.js';
import type { Layer, LayerConfig } from '../engine/layer.js';
import type { Node } from '../engine/node.js';
import { type CustomObjects, type SerializedObject, deserializeLayer, serializeLayer } from '../engine/registry.js';
import { ValueError } from '../utils/errors.js';
import type { LayerGraph } from './graph.js';

type History = [string, number, number];

interface SerializedTensor {
  class_name: '__keras_tensor__';
  config: { shape: (number | null)[]; dtype: string; keras_history: History };
}

interface NodeData {
  args: (SerializedTensor | SerializedTensor[])[];
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
  const indexInModel = (node: Node) => node.layer.inboundNodes.filter((n) => own.has(n)).indexOf(node);
  const reference = (t: KerasTensor): History => [t.node!.layer.name, indexInModel(t.node!), t.outputIndex];
  const serializeTensor = (t: KerasTensor): SerializedTensor => ({
    class_name: '__keras_tensor__',
    config: { shape: t.shape, dtype: t.dtype, keras_history: reference(t) },
  });
  const layers = graph.layers.map((layer) => {
    const inbound: NodeData[] = layer.inboundNodes
      .filter((n) => own.has(n) && n.inputs.length > 0)
      .map((n) => ({ args: [n.inputsWereList ? n.inputs.map(serializeTensor) : serializeTensor(n.inputs[0]!)], kwargs: {} }));
    return { ...serializeLayer(layer), name: layer.name, inbound_nodes: inbound };
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

/** Rebuilds the layers and calls of a Functional config: `{ inputs, outputs }` for a new Model. */
export function functionalFromConfig(config: LayerConfig, customObjects: CustomObjects = {}): { inputs: KerasTensor | KerasTensor[]; outputs: KerasTensor | KerasTensor[] } {
  const layerData = config.layers as (SerializedObject & { name: string; inbound_nodes: NodeData[] })[];
  if (!Array.isArray(layerData)) throw new ValueError('A Functional config needs a `layers` list.');
  const created = new Map<string, Layer>();
  const pending = new Map<string, NodeData[]>();
  for (const data of layerData) {
    const layer = deserializeLayer(data, customObjects);
    created.set(data.name ?? layer.name, layer);
    pending.set(data.name ?? layer.name, [...(data.inbound_nodes ?? [])]);
  }
  // Calls whose inputs come from layers listed later wait for them, as in Keras.
  let progressed = true;
  while (progressed && [...pending.values()].some((nodes) => nodes.length > 0)) {
    progressed = false;
    for (const [name, nodes] of pending) {
      while (nodes.length > 0) {
        const args = resolveArgs(nodes[0]!, created);
        if (args === null) break;
        created.get(name)!.apply(args);
        nodes.shift();
        progressed = true;
      }
    }
  }
  const stuck = [...pending].filter(([, nodes]) => nodes.length > 0).map(([name]) => name);
  if (stuck.length > 0) throw new ValueError(`Could not rebuild the calls of layers ${JSON.stringify(stuck)}: their inputs never became available.`);
  const find = (h: History) => tensorAt(h, created) ?? invalid(h);
  return { inputs: tensorsAt(config.input_layers, find), outputs: tensorsAt(config.output_layers, find) };
}

/**
 * `input_layers` / `output_layers`: one `[layer, node, tensor]` (a model of one tensor, as Keras
 * writes it) or a list of them, resolved to a tensor or a list in the same structure.
 */
function tensorsAt(value: unknown, find: (h: History) => KerasTensor): KerasTensor | KerasTensor[] {
  if (Array.isArray(value) && value.length === 3 && typeof value[0] === 'string') return find(value as History);
  if (!Array.isArray(value)) throw new ValueError(`A Functional config's \`input_layers\` / \`output_layers\` must be lists, received ${JSON.stringify(value)}.`);
  return (value as History[]).map(find);
}

function resolveArgs(node: NodeData, created: Map<string, Layer>): KerasTensor | KerasTensor[] | null {
  const first = node.args[0];
  if (first === undefined) throw new ValueError('A serialized call has no arguments.');
  const refs = Array.isArray(first) ? first : [first];
  const tensors = refs.map((r) => tensorAt(r.config.keras_history, created));
  if (tensors.some((t) => t === null)) return null;
  return Array.isArray(first) ? (tensors as KerasTensor[]) : tensors[0]!;
}

function tensorAt([name, nodeIndex, tensorIndex]: History, created: Map<string, Layer>): KerasTensor | null {
  const layer = created.get(name);
  if (!layer) throw new ValueError(`The config refers to layer '${name}', which it does not define.`);
  return layer.inboundNodes[nodeIndex]?.outputs[tensorIndex] ?? null;
}

function invalid(h: History): never {
  throw new ValueError(`The config's input or output ${JSON.stringify(h)} does not exist.`);
}
