/**
 * A layer graph from given inputs to given outputs: the nodes that lie between them, in an
 * order that computes every node after its inputs, and Keras's checks (every output reachable
 * from the inputs, unique layer names). The one executor that Functional and Sequential models use.
 */
import { KerasTensor } from '../engine/keras_tensor.js';
import type { CallArgs, Layer, LayerInputs, ShapeOrShapes } from '../engine/layer.js';
import { isShapeList } from '../engine/layer.js';
import type { Node } from '../engine/node.js';
import type { SymbolicShape } from '../engine/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { InputLayer } from '../layers/core/input_layer.js';
import { kerasLayerOrder } from './layer_order.js';

export class LayerGraph {
  /** Nodes from inputs to outputs, each after the nodes that feed it (input layers' nodes first). */
  readonly nodes: Node[];
  /** Every layer of the graph, in Keras's `model.layers` order (by depth, see layer_order.ts). */
  readonly layers: Layer[];

  constructor(
    readonly inputs: KerasTensor[],
    readonly outputs: KerasTensor[],
  ) {
    for (const [what, list] of [['inputs', inputs], ['outputs', outputs]] as const) {
      if (list.length === 0 || !list.every((t) => t instanceof KerasTensor)) {
        throw new ValueError(`All \`${what}\` values must be KerasTensors. Received: ${what}=${describe(list)}`);
      }
    }
    for (const t of inputs) {
      if (!(t.node?.layer instanceof InputLayer)) {
        throw new ValueError(`All \`inputs\` must come from \`Input()\`: ${t.name} was produced by layer '${t.node?.layer.name}'`);
      }
    }
    this.nodes = orderNodes(inputs, outputs);
    this.layers = kerasLayerOrder(inputs, outputs);
    checkUniqueNames(this.layers);
  }

  /** Runs the graph on concrete inputs (one per graph input, in order). */
  execute(inputs: Tensor[], args: CallArgs): Tensor[] {
    const values = new Map<number, Tensor>();
    this.inputs.forEach((t, i) => values.set(t.id, inputs[i]!));
    for (const node of this.nodes) {
      if (node.layer instanceof InputLayer) continue;
      const xs = node.inputs.map((t) => values.get(t.id)!);
      const out = node.layer.apply((node.inputsWereList ? xs : xs[0]!) as LayerInputs, { training: args.training }) as LayerInputs;
      (Array.isArray(out) ? out : [out]).forEach((y, i) => values.set(node.outputs[i]!.id, y));
    }
    return this.outputs.map((t) => values.get(t.id)!);
  }

  /** The output shapes for inputs of `shapes`, by each layer's shape rule. */
  outputShapes(shapes: SymbolicShape[]): SymbolicShape[] {
    const known = new Map<number, SymbolicShape>();
    this.inputs.forEach((t, i) => known.set(t.id, shapes[i]!));
    for (const node of this.nodes) {
      if (node.layer instanceof InputLayer) continue;
      const ins = node.inputs.map((t) => known.get(t.id)!);
      const out: ShapeOrShapes = node.layer.computeOutputShape(node.inputsWereList ? ins : ins[0]!);
      (isShapeList(out) ? out : [out]).forEach((s, i) => known.set(node.outputs[i]!.id, s));
    }
    return this.outputs.map((t) => known.get(t.id)!);
  }
}

/** Depth-first from the outputs back to the inputs; a path that ends at another Input is an error. */
function orderNodes(inputs: KerasTensor[], outputs: KerasTensor[]): Node[] {
  const inputIds = new Set(inputs.map((t) => t.id));
  const ordered: Node[] = [];
  const done = new Set<Node>();
  const visiting = new Set<Node>();
  const visit = (t: KerasTensor, consumer: Layer | null): void => {
    const node = t.node;
    if (!node) throw new ValueError(`KerasTensor ${t.name} was not produced by a layer`);
    if (done.has(node)) return;
    if (!inputIds.has(t.id)) {
      if (node.inputs.length === 0) {
        throw new ValueError(
          `Graph disconnected: cannot find parent for tensor ${t} at layer "${consumer?.name ?? t.name}". The following previous layers were accessed without issue: ${JSON.stringify(ordered.map((n) => n.layer.name))}`,
        );
      }
      if (visiting.has(node)) throw new ValueError(`The graph has a cycle through layer "${node.layer.name}"`);
      visiting.add(node);
      for (const x of node.inputs) visit(x, node.layer);
      visiting.delete(node);
    }
    done.add(node);
    ordered.push(node);
  };
  for (const t of inputs) visit(t, null);
  for (const t of outputs) visit(t, null);
  return ordered;
}

function checkUniqueNames(layers: Layer[]): void {
  const counts = new Map<string, number>();
  for (const l of layers) counts.set(l.name, (counts.get(l.name) ?? 0) + 1);
  for (const [name, count] of counts) {
    if (count > 1) throw new ValueError(`The name "${name}" is used ${count} times in the model. All layer names should be unique.`);
  }
}

function describe(list: unknown[]): string {
  return `[${list.map((x) => (x instanceof KerasTensor ? x.toString() : x === null ? 'null' : typeof x)).join(', ')}]`;
}
