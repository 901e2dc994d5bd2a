/**
 * A Functional graph from given inputs to given outputs: the nodes that lie between them, in an
 * order that computes every node after its inputs, and Keras's checks (every output reachable
 * from the inputs, unique names). Its nodes call layers and ops (`ops.add` on KerasTensors
 * records an op node). The one executor that Functional and Sequential models use.
 */
import { KerasTensor } from '../ops/symbolic/keras_tensor.js';
import { type CallArgs, Layer, type LayerInputs, type ShapeOrShapes, isShapeList } from '../engine/layer.js';
import type { Node } from '../ops/symbolic/node.js';
import { Op } from '../ops/symbolic/op.js';
import type { Operation } from '../ops/symbolic/operation.js';
import type { TensorSpec } from '../ops/symbolic/spec.js';
import type { SymbolicShape } from '../engine/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { InputLayer } from '../layers/core/input_layer.js';
import { kerasOperationOrder } from './layer_order.js';

export class LayerGraph {
  /** Nodes from inputs to outputs, each after the nodes that feed it (input layers' nodes first). */
  readonly nodes: Node[];
  /** Every layer and op of the graph, in Keras's order (by depth, see layer_order.ts): Keras's `_operations`. */
  readonly operations: Operation[];
  /** The layers among the operations: Keras's `model.layers`. */
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
      if (!(t.node?.operation instanceof InputLayer)) {
        throw new ValueError(`All \`inputs\` must come from \`Input()\`: ${t.name} was produced by layer '${t.node?.operation.name}'`);
      }
    }
    this.nodes = orderNodes(inputs, outputs);
    this.operations = kerasOperationOrder(inputs, outputs);
    this.layers = this.operations.filter((op): op is Layer => op instanceof Layer);
    checkUniqueNames(this.operations);
  }

  /** Runs the graph on concrete inputs (one per graph input, in order). */
  execute(inputs: Tensor[], args: CallArgs): Tensor[] {
    const values = new Map<number, Tensor>();
    this.inputs.forEach((t, i) => values.set(t.id, inputs[i]!));
    const fill = (x: unknown): unknown => (x instanceof KerasTensor ? values.get(x.id)! : Array.isArray(x) ? x.map(fill) : x);
    for (const node of this.nodes) {
      if (node.operation instanceof InputLayer) continue;
      const out = runNode(node.operation, node.args.map(fill), fillKwargs(node.kwargs, fill), args);
      (Array.isArray(out) ? out : [out]).forEach((y, i) => values.set(node.outputs[i]!.id, y));
    }
    return this.outputs.map((t) => values.get(t.id)!);
  }

  /** The output shapes for inputs of `shapes`, by each layer's and op's shape rule. */
  outputShapes(shapes: SymbolicShape[]): SymbolicShape[] {
    const known = new Map<number, TensorSpec>();
    this.inputs.forEach((t, i) => known.set(t.id, { shape: shapes[i]!, dtype: t.dtype }));
    const fill = (x: unknown): unknown => (x instanceof KerasTensor ? known.get(x.id)! : Array.isArray(x) ? x.map(fill) : x);
    for (const node of this.nodes) {
      const op = node.operation;
      if (op instanceof InputLayer) continue;
      if (op instanceof Op) {
        const spec = op.outputSpec(node.args.map(fill), fillKwargs(node.kwargs, fill));
        (Array.isArray(spec) ? spec : [spec]).forEach((s, i) => known.set(node.outputs[i]!.id, s));
        continue;
      }
      const { inputs, callArgs } = (op as Layer).callFromNode(node.args.map(fill), fillKwargs(node.kwargs, fill));
      const input = inputs as TensorSpec | TensorSpec[];
      const out: ShapeOrShapes = (op as Layer).computeOutputShape(Array.isArray(input) ? input.map((s) => [...s.shape]) : [...input.shape], callArgs);
      (isShapeList(out) ? out : [out]).forEach((s, i) => known.set(node.outputs[i]!.id, { shape: s, dtype: node.outputs[i]!.dtype }));
    }
    return this.outputs.map((t) => [...known.get(t.id)!.shape]);
  }
}

/**
 * One node's computation: a layer applied to the inputs and call arguments its node records (see
 * `Layer.callFromNode`; the model's training mode wins when it has one, as in Keras); an op's kernel.
 */
function runNode(operation: Operation, args: unknown[], kwargs: Record<string, unknown>, context: CallArgs): LayerInputs {
  if (operation instanceof Op) return operation.compute(args, kwargs);
  const layer = operation as Layer;
  const { inputs, callArgs } = layer.callFromNode(args, kwargs);
  return layer.apply(inputs as LayerInputs, { ...callArgs, training: context.training ?? callArgs.training }) as LayerInputs;
}

/** A node's keyword arguments with `fill` applied to each value. */
function fillKwargs(kwargs: Readonly<Record<string, unknown>>, fill: (x: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, fill(v)]));
}

/** Depth-first from the outputs back to the inputs; a path that ends at another Input is an error. */
function orderNodes(inputs: KerasTensor[], outputs: KerasTensor[]): Node[] {
  const inputIds = new Set(inputs.map((t) => t.id));
  const ordered: Node[] = [];
  const done = new Set<Node>();
  const visiting = new Set<Node>();
  const visit = (t: KerasTensor, consumer: Operation | null): void => {
    const node = t.node;
    if (!node) throw new ValueError(`KerasTensor ${t.name} was not produced by a layer`);
    if (done.has(node)) return;
    if (!inputIds.has(t.id)) {
      if (node.inputs.length === 0) {
        throw new ValueError(
          `Graph disconnected: cannot find parent for tensor ${t} at layer "${consumer?.name ?? t.name}". The following previous layers were accessed without issue: ${JSON.stringify(ordered.map((n) => n.operation.name))}`,
        );
      }
      if (visiting.has(node)) throw new ValueError(`The graph has a cycle through layer "${node.operation.name}"`);
      visiting.add(node);
      for (const x of node.inputs) visit(x, node.operation);
      visiting.delete(node);
    }
    done.add(node);
    ordered.push(node);
  };
  for (const t of inputs) visit(t, null);
  for (const t of outputs) visit(t, null);
  return ordered;
}

function checkUniqueNames(operations: Operation[]): void {
  const counts = new Map<string, number>();
  for (const op of operations) counts.set(op.name, (counts.get(op.name) ?? 0) + 1);
  for (const [name, count] of counts) {
    if (count > 1) throw new ValueError(`The name "${name}" is used ${count} times in the model. All layer names should be unique.`);
  }
}

function describe(list: unknown[]): string {
  return `[${list.map((x) => (x instanceof KerasTensor ? x.toString() : x === null ? 'null' : typeof x)).join(', ')}]`;
}
