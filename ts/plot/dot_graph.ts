/**
 * A Graphviz DOT graph as pydot builds it for Keras: graph attributes, node defaults, nodes with
 * HTML-like labels, deduplicated edges, and clusters (`subgraph cluster_…`) nested inside.
 */

export type DotValue = string | number | boolean;

/** An attribute value: an HTML-like label (`<…>`) is written as is, anything else quoted. */
export type DotAttributes = Record<string, DotValue | { html: string }>;

export class DotGraph {
  private readonly attributes: [string, DotValue][] = [];
  private nodeDefaults: DotAttributes | null = null;
  private readonly statements: (string | DotGraph)[] = [];
  private readonly edgeKeys = new Set<string>();

  /** `kind` 'digraph' for the whole plot, 'subgraph' for a cluster named `cluster_<name>`. */
  constructor(
    private readonly kind: 'digraph' | 'subgraph',
    private readonly id: string,
  ) {}

  set(name: string, value: DotValue): void {
    this.attributes.push([name, value]);
  }

  setNodeDefaults(attributes: DotAttributes): void {
    this.nodeDefaults = attributes;
  }

  addNode(id: string, attributes: DotAttributes): void {
    this.statements.push(`${quote(id)} [${attributeList(attributes)}];`);
  }

  /** Adds `source -> target` unless this graph already has that edge (as Keras's `add_edge`). */
  addEdge(source: string, target: string, attributes: DotAttributes): void {
    const key = JSON.stringify([source, target]);
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.statements.push(`${quote(source)} -> ${quote(target)} [${attributeList(attributes)}];`);
  }

  addSubgraph(graph: DotGraph): void {
    this.statements.push(graph);
  }

  toString(indent = ''): string {
    const inner = `${indent}  `;
    const lines = [`${indent}${this.kind} ${quote(this.id)} {`];
    for (const [name, value] of this.attributes) lines.push(`${inner}${name}=${formatValue(value)};`);
    if (this.nodeDefaults) lines.push(`${inner}node [${attributeList(this.nodeDefaults)}];`);
    for (const s of this.statements) lines.push(typeof s === 'string' ? `${inner}${s}` : s.toString(inner));
    lines.push(`${indent}}`);
    return lines.join('\n');
  }
}

function attributeList(attributes: DotAttributes): string {
  return Object.entries(attributes)
    .map(([name, value]) => `${name}=${typeof value === 'object' ? `<${value.html}>` : formatValue(value)}`)
    .join(', ');
}

function formatValue(value: DotValue): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

/** A DOT identifier in double quotes, so any layer name is valid. */
export function quote(id: string): string {
  return `"${id.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
