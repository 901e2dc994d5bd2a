/**
 * Reads DOT text back through Graphviz itself (its `dot_json` output), so the tests check what
 * Graphviz understood from kerasm's DOT rather than how the text happens to be spelt.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';

export interface ReadNode {
  name: string;
  /** The label of the innermost cluster holding the node; null at the top level. */
  cluster: string | null;
  label: string;
  attributes: Record<string, string>;
}

export interface ReadGraph {
  attributes: Record<string, string>;
  nodes: ReadNode[];
  /** [source name, target name, attributes]. */
  edges: [string, string, Record<string, string>][];
  clusters: { name: string; attributes: Record<string, string> }[];
}

interface JsonObject {
  _gvid: number;
  name: string;
  nodes?: number[];
  subgraphs?: number[];
  [attribute: string]: unknown;
}

interface DotJson {
  _subgraph_cnt: number;
  objects?: JsonObject[];
  edges?: { tail: number; head: number; [attribute: string]: unknown }[];
  [attribute: string]: unknown;
}

const graphviz = await Graphviz.load();

export function readDot(dot: string): ReadGraph {
  const json = JSON.parse(graphviz.dot(dot, 'dot_json')) as DotJson;
  const objects = json.objects ?? [];
  const clusters = objects.slice(0, json._subgraph_cnt);
  const nodes = objects.slice(json._subgraph_cnt);
  const byId = new Map(objects.map((o) => [o._gvid, o]));
  // A node's innermost cluster holds it and has no subcluster that also holds it.
  const innermost = (id: number) =>
    clusters.find((c) => c.nodes?.includes(id) && !(c.subgraphs ?? []).some((s) => byId.get(s)!.nodes?.includes(id)));
  return {
    attributes: strings(json),
    nodes: nodes.map((n) => {
      const { label, ...attributes } = strings(n);
      return { name: n.name, cluster: (innermost(n._gvid)?.label as string | undefined) ?? null, label: label!, attributes };
    }),
    edges: (json.edges ?? []).map((e) => [byId.get(e.tail)!.name, byId.get(e.head)!.name, strings(e)]),
    clusters: clusters.map((c) => ({ name: c.name, attributes: strings(c) })),
  };
}

/** The string-valued attributes of a JSON object (Graphviz's own keys start with `_`). */
function strings(object: object): Record<string, string> {
  const entries = Object.entries(object).filter(([k, v]) => typeof v === 'string' && !k.startsWith('_') && k !== 'name');
  return Object.fromEntries(entries) as Record<string, string>;
}
