/**
 * Keras's order of a Functional model's layers (`map_graph` in keras/src/ops/function.py): by
 * depth, the layers farthest from the outputs first, and layers of equal depth in the order a
 * depth-first walk from the outputs first meets them. Configs, summaries, plots and legacy
 * weight files list layers in this order, so it must be Keras's exactly.
 */
import type { KerasTensor } from '../engine/keras_tensor.js';
import type { Layer } from '../engine/layer.js';
import type { Node } from '../engine/node.js';

export function kerasLayerOrder(inputs: KerasTensor[], outputs: KerasTensor[]): Layer[] {
  const { postOrder, firstSeen } = walkFromOutputs(inputs, outputs);
  const layerDepth = depthsOf(postOrder);
  // Inputs that no output depends on still belong to the model, at depth 0 and first among equals.
  for (const t of inputs) {
    const layer = t.node!.layer;
    if (!layerDepth.has(layer)) {
      layerDepth.set(layer, 0);
      firstSeen.set(layer, -1);
    }
  }
  return [...layerDepth.keys()].sort((a, b) => layerDepth.get(b)! - layerDepth.get(a)! || firstSeen.get(a)! - firstSeen.get(b)!);
}

/** Nodes after the nodes they depend on, and each layer's index in the walk's first meeting. */
function walkFromOutputs(inputs: KerasTensor[], outputs: KerasTensor[]) {
  const inputIds = new Set(inputs.map((t) => t.id));
  const postOrder: Node[] = [];
  const finished = new Set<Node>();
  const firstSeen = new Map<Layer, number>();
  const visit = (t: KerasTensor): void => {
    const node = t.node!;
    if (finished.has(node)) return;
    if (!firstSeen.has(node.layer)) firstSeen.set(node.layer, firstSeen.size);
    if (!inputIds.has(t.id)) for (const x of node.inputs) visit(x);
    finished.add(node);
    postOrder.push(node);
  };
  outputs.forEach(visit);
  return { postOrder, firstSeen };
}

/**
 * A node's depth is one more than the deepest node it feeds (outputs' nodes are at 0); a shared
 * layer takes the largest depth of its nodes, visited from the outputs back.
 */
function depthsOf(postOrder: Node[]): Map<Layer, number> {
  const nodeDepth = new Map<Node, number>();
  const layerDepth = new Map<Layer, number>();
  for (const node of [...postOrder].reverse()) {
    const depth = Math.max(nodeDepth.get(node) ?? 0, layerDepth.get(node.layer) ?? 0);
    layerDepth.set(node.layer, depth);
    nodeDepth.set(node, depth);
    for (const parent of node.inputs.map((t) => t.node!)) nodeDepth.set(parent, Math.max(depth + 1, nodeDepth.get(parent) ?? 0));
  }
  return layerDepth;
}
