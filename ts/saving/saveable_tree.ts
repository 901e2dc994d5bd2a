/**
 * Where each layer's variables live in a Keras 3 weights file, as Keras's `_walk_saveable` decides:
 * the model at `''`, then for Sequential and Functional models the `layers` list first; then every
 * tracked property (engine/tracking.ts) holding a layer, or an array or plain object of them,
 * under its snake_cased name, sorted, private (`_x`) ones last (a subclassed model's `layers`
 * among them). The items of an array or plain object are named by their snake_cased class name
 * made unique in order (`dense`, `dense_1`, ...), whatever their `name`, and nested arrays and
 * objects `container`, `container_1`, ... An object reached twice is stored once, where it was
 * first reached; each stores its own variables (`Layer.ownWeights`).
 */
import { Layer, classNameOf } from '../engine/layer.js';
import { containerItems, isContainer, trackedAttributes } from '../engine/tracking.js';
import type { Variable } from '../engine/variable.js';
import { Model } from '../models/model.js';
import { Sequential } from '../models/sequential.js';
import { toSnakeCase } from '../utils/naming.js';

/** One object of the tree: its path (`layers/dense_1`), its `name`, and its own variables in Keras's order. */
export interface SaveableNode {
  path: string;
  name: string;
  layer: Layer;
  variables: Variable[];
}

type Container = unknown[] | Record<string, unknown>;

/** The model's layers in the order and at the paths Keras uses for `model.weights.h5`. */
export function saveableNodes(model: Model): SaveableNode[] {
  const nodes: SaveableNode[] = [];
  visit(model, '', new Set(), nodes);
  return nodes;
}

function visit(layer: Layer, path: string, visited: Set<Layer>, nodes: SaveableNode[]): void {
  if (visited.has(layer)) return;
  visited.add(layer);
  nodes.push({ path, name: layer.name, layer, variables: layer.ownWeights });
  for (const [attribute, value] of childAttributes(layer)) {
    if (value instanceof Layer) visit(value, join(path, attribute), visited, nodes);
    else if (isContainer(value)) visitContainer(value, join(path, attribute), visited, new Set(), nodes);
  }
}

function visitContainer(container: Container, path: string, visited: Set<Layer>, walked: Set<Container>, nodes: SaveableNode[]): void {
  if (walked.has(container)) return;
  walked.add(container);
  const used = new Map<string, number>();
  for (const item of containerItems(container)) {
    // A name is taken even when its layer was already stored elsewhere, as in Keras.
    if (item instanceof Layer) visit(item, join(path, uniqueName(toSnakeCase(classNameOf(item)), used)), visited, nodes);
    else if (isContainer(item)) visitContainer(item, join(path, uniqueName('container', used)), visited, walked, nodes);
  }
}

/**
 * The attributes Keras visits, in its order: `layers` first for Sequential and Functional
 * models, then the tracked properties sorted by name (a subclassed model's `layers` included),
 * named in snake_case so that a port of a Python class finds the same paths.
 */
function childAttributes(layer: Layer): [string, unknown][] {
  const graphModel = layer instanceof Sequential || (layer instanceof Model && classNameOf(layer) === 'Functional');
  const attributes = trackedAttributes(layer).map(([key, value]): [string, unknown] => [toSnakeCase(key), value]);
  if (layer instanceof Model && !graphModel) attributes.push(['layers', layer.layers]);
  const sorted = attributes.sort(([a], [b]) => compareKeys(nameKey(a), nameKey(b)));
  return graphModel ? [['layers', (layer as Model).layers], ...sorted] : sorted;
}

function uniqueName(base: string, used: Map<string, number>): string {
  const n = used.get(base) ?? 0;
  used.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/** Private attributes sort last (`_name_key`). */
function nameKey(name: string): string {
  return name.startsWith('_') ? `~${name}` : name;
}

/** Python's string order (by code point), not the locale's. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Joins HDF5 path parts, the model's own path being ''. */
export function join(path: string, name: string): string {
  return path === '' ? name : `${path}/${name}`;
}
