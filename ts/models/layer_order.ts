/**
 * Keras's order of a Functional model's layers and ops (`map_graph` in keras/src/ops/function.py):
 * by depth, the operations farthest from the outputs first, and those of equal depth in the order
 * a depth-first walk from the outputs first meets them. Configs, summaries, plots and legacy
 * weight files list layers in this order, so it must be Keras's exactly.
 */
import type { KerasTensor } from '../ops/symbolic/keras_tensor.js';
import type { Node } from '../ops/symbolic/node.js';
import type { Operation } from '../ops/symbolic/operation.js';

export function kerasOperationOrder(inputs: KerasTensor[], outputs: KerasTensor[]): Operation[] {
  const { postOrder, firstSeen } = walkFromOutputs(inputs, outputs);
  const operationDepth = depthsOf(postOrder);
  // Inputs that no output depends on still belong to the model, at depth 0 and first among equals.
  for (const t of inputs) {
    const operation = t.node!.operation;
    if (!operationDepth.has(operation)) {
      operationDepth.set(operation, 0);
      firstSeen.set(operation, -1);
    }
  }
  return [...operationDepth.keys()].sort((a, b) => operationDepth.get(b)! - operationDepth.get(a)! || firstSeen.get(a)! - firstSeen.get(b)!);
}

/** Nodes after the nodes they depend on, and each operation's index in the walk's first meeting. */
function walkFromOutputs(inputs: KerasTensor[], outputs: KerasTensor[]) {
  const inputIds = new Set(inputs.map((t) => t.id));
  const postOrder: Node[] = [];
  const finished = new Set<Node>();
  const firstSeen = new Map<Operation, number>();
  const visit = (t: KerasTensor): void => {
    const node = t.node!;
    if (finished.has(node)) return;
    if (!firstSeen.has(node.operation)) firstSeen.set(node.operation, firstSeen.size);
    if (!inputIds.has(t.id)) for (const x of node.inputs) visit(x);
    finished.add(node);
    postOrder.push(node);
  };
  outputs.forEach(visit);
  return { postOrder, firstSeen };
}

/**
 * A node's depth is one more than the deepest node it feeds (outputs' nodes are at 0); a shared
 * operation takes the largest depth of its nodes, visited from the outputs back.
 */
function depthsOf(postOrder: Node[]): Map<Operation, number> {
  const nodeDepth = new Map<Node, number>();
  const operationDepth = new Map<Operation, number>();
  for (const node of [...postOrder].reverse()) {
    const depth = Math.max(nodeDepth.get(node) ?? 0, operationDepth.get(node.operation) ?? 0);
    operationDepth.set(node.operation, depth);
    nodeDepth.set(node, depth);
    for (const parent of node.inputs.map((t) => t.node!)) nodeDepth.set(parent, Math.max(depth + 1, nodeDepth.get(parent) ?? 0));
  }
  return operationDepth;
}
