/**
 * `model.summary()`: Keras 3's table of layers (and, in a Functional model, ops such as
 * `not_equal (NotEqual)`), output shapes and parameter counts, with a `Connected to` column for
 * graphs that are not a simple chain, and nested models as one row (or expanded with `expandNested`).
 */
import { Layer, classNameOf } from '../engine/layer.js';
import type { Node } from '../ops/symbolic/node.js';
import type { Operation } from '../ops/symbolic/operation.js';
import type { Variable } from '../engine/variable.js';
import { formatShape } from '../tensor/tensor.js';
import type { LayerGraph } from './graph.js';

export interface SummaryOptions {
  /** Where each line goes; default console.log. */
  printFn?: (line: string) => void;
  /** Show the layers of nested models under their row. Default false. */
  expandNested?: boolean;
}

/** What the summary needs from a model (kept structural so nested models recurse cleanly). */
interface Summarised {
  name: string;
  layers: Layer[];
  trainableWeights: Variable[];
  nonTrainableWeights: Variable[];
}

// Keras 3's column widths (as it prints them on a 120-column terminal).
const CHAIN_WIDTHS = [36, 27, 15];
const GRAPH_WIDTHS = [29, 25, 15, 26];

/** The summary of `model` as lines; `graph` is its layer graph when it has one. */
export function summaryLines(model: Summarised, graph: LayerGraph | null, options: SummaryOptions = {}): string[] {
  const withConnections = graph !== null && !isChain(graph);
  const widths = withConnections ? GRAPH_WIDTHS : CHAIN_WIDTHS;
  const header = ['Layer (type)', 'Output Shape', 'Param #', ...(withConnections ? ['Connected to'] : [])];
  const rows = layerRows(model, graph, withConnections, options.expandNested ?? false, 0);
  const lines = [`Model: "${model.name}"`, border(widths, '┏', '━', '┳', '┓'), row(widths, header, '┃'), border(widths, '┡', '━', '╇', '┩')];
  rows.forEach((r, i) => {
    lines.push(...wrappedRow(widths, r));
    if (i < rows.length - 1) lines.push(border(widths, '├', '─', '┼', '┤'));
  });
  lines.push(border(widths, '└', '─', '┴', '┘'));
  const trainable = countScalars(model.trainableWeights);
  const nonTrainable = countScalars(model.nonTrainableWeights);
  lines.push(` Total params: ${countWithSize(trainable + nonTrainable)}`);
  lines.push(` Trainable params: ${countWithSize(trainable)}`);
  lines.push(` Non-trainable params: ${countWithSize(nonTrainable)}`);
  return lines;
}

function layerRows(model: Summarised, graph: LayerGraph | null, withConnections: boolean, expand: boolean, depth: number): string[][] {
  const rows: string[][] = [];
  const indent = depth === 0 ? '' : `${'   '.repeat(depth)}└ `;
  for (const operation of rowOperations(model, graph)) {
    const nodes = graph ? graph.nodes.filter((n) => n.operation === operation) : operation.inboundNodes.slice(0, 1);
    const shape = nodes[0] ? nodes[0].outputs.map((t) => formatShape(t.shape)).join(', ') : '?';
    const cells = [`${indent}${operation.name} (${classNameOf(operation)})`, shape, paramCount(operation)];
    if (withConnections) cells.push(connections(nodes, graph!));
    rows.push(cells);
    if (expand && isNestedModel(operation)) {
      // Inner rows show the inner model's own layers; their connections are inside it, so left blank.
      const inner = layerRows(operation, operation.graph, false, expand, depth + 1);
      rows.push(...inner.map((r) => (withConnections ? [...r, ''] : r)));
    }
  }
  return rows;
}

/**
 * The rows' operations, as Keras's summary lists them: a Functional model's `_operations` (its
 * layers and ops, in graph order), otherwise `layers` (a Sequential's input layer is no row).
 */
function rowOperations(model: Summarised, graph: LayerGraph | null): Operation[] {
  if (graph === null) return model.layers;
  return graph.operations.filter((op) => !(op instanceof Layer) || model.layers.includes(op));
}

/** `1,234`, `0 (unbuilt)`, or 0 for an op (which has no weights). */
function paramCount(operation: Operation): string {
  if (!(operation instanceof Layer)) return '0';
  return operation.built ? operation.countParams().toLocaleString('en-US') : '0 (unbuilt)';
}

/** A nested model: a layer with layers of its own (structural, to avoid importing Model here). */
function isNestedModel(layer: Operation): layer is Layer & Summarised & { graph: LayerGraph | null } {
  const layers = (layer as Partial<Summarised>).layers;
  return Array.isArray(layers) && layers.length > 0;
}

/** `dense[0][0], dense_1[0][0]`: the producing layer, its node within this graph, and the output index. */
function connections(nodes: Node[], graph: LayerGraph): string {
  const links = nodes.flatMap((node) =>
    node.inputs.map((t) => {
      const source = t.node!;
      const index = graph.nodes.filter((n) => n.operation === source.operation).indexOf(source);
      return `${source.operation.name}[${index}][${t.outputIndex}]`;
    }),
  );
  return links.length === 0 ? '-' : links.join(', ');
}

/** A graph is a chain when each node has one input that is the previous node's single output. */
function isChain(graph: LayerGraph): boolean {
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) return false;
  const computing = graph.nodes.filter((n) => n.inputs.length > 0);
  return computing.every((n, i) => n.inputs.length === 1 && n.outputs.length === 1 && n.inputs[0] === (i === 0 ? graph.inputs[0] : computing[i - 1]!.outputs[0]));
}

function countScalars(weights: Variable[]): number {
  return weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
}

function border(widths: number[], left: string, fill: string, joint: string, right: string): string {
  return left + widths.map((w) => fill.repeat(w + 2)).join(joint) + right;
}

/** A row whose long cells wrap after their commas onto further lines, as Keras's table does. */
function wrappedRow(widths: number[], cells: string[]): string[] {
  const wrapped = cells.map((c, i) => wrapAtCommas(c, widths[i]!));
  const height = Math.max(...wrapped.map((w) => w.length));
  return Array.from({ length: height }, (_, line) => row(widths, wrapped.map((w) => w[line] ?? ''), '│'));
}

function wrapAtCommas(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const part of text.split(/(?<=,) /)) {
    if (current && current.length + 1 + part.length > width) {
      lines.push(current);
      current = part;
    } else {
      current = current ? `${current} ${part}` : part;
    }
  }
  return [...lines, current];
}

/** One table row; the parameter column is right-aligned, as in Keras. */
function row(widths: number[], cells: string[], edge: string): string {
  const padded = cells.map((c, i) => {
    const w = widths[i]!;
    const text = c.length > w ? `${c.slice(0, w - 1)}…` : c;
    return i === 2 ? text.padStart(w) : text.padEnd(w);
  });
  return `${edge} ${padded.join(` ${edge} `)} ${edge}`;
}

/** `55,050 (215.04 KB)`: float32 bytes in Keras's readable units. */
function countWithSize(count: number): string {
  let size = count * 4;
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${count.toLocaleString('en-US')} (${size.toFixed(2)} ${units[unit]})`;
}
