/**
 * Where each layer's variables live in a Keras 3 weights file, as Keras's `_walk_saveable` decides:
 * the model at `''`, then for Sequential and Functional models the `layers` list, whose items are
 * named by their snake_cased class name made unique in order (`dense`, `dense_1`, ...), whatever
 * their `name`; other layers' sublayers under the attribute that holds them, sorted, private
 * (`_x`) last. An object reached twice is stored once, where it was first reached.
 */
import { Layer, classNameOf } from '../engine/layer.js';
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

/** The model's layers in the order and at the paths Keras uses for `model.weights.h5`. */
export function saveableNodes(model: Model): SaveableNode[] {
  const nodes: SaveableNode[] = [];
  visit(model, '', new Set(), nodes);
  return nodes;
}

function visit(layer: Layer, path: string, visited: Set<Layer>, nodes: SaveableNode[]): void {
  if (visited.has(layer)) return;
  visited.add(layer);
  const children = childAttributes(layer);
  nodes.push({ path, name: layer.name, layer, variables: ownVariables(layer) });
  for (const [attribute, value] of children) {
    const childPath = join(path, attribute);
    if (Array.isArray(value)) visitContainer(value, childPath, visited, nodes);
    else visit(value, childPath, visited, nodes);
  }
}

function visitContainer(layers: Layer[], path: string, visited: Set<Layer>, nodes: SaveableNode[]): void {
  const used = new Map<string, number>();
  for (const layer of layers) {
    // The name is taken even when the layer was already stored elsewhere, as in Keras.
    const name = uniqueName(toSnakeCase(classNameOf(layer)), used);
    visit(layer, join(path, name), visited, nodes);
  }
}

/**
 * The attributes Keras visits: `layers` alone for Sequential and Functional models; otherwise
 * every property holding a layer or a list of layers (a subclassed model's `layers` included),
 * named in snake_case so that a port of a Python class finds the same paths.
 */
function childAttributes(layer: Layer): [string, Layer | Layer[]][] {
  if (layer instanceof Sequential || (layer instanceof Model && classNameOf(layer) === 'Functional')) return [['layers', layer.layers]];
  const found: [string, Layer | Layer[]][] = layer instanceof Model ? [['layers', layer.layers]] : [];
  for (const [key, value] of Object.entries(layer)) {
    if (value instanceof Layer && value !== layer) found.push([toSnakeCase(key), value]);
    else if (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof Layer)) found.push([toSnakeCase(key), value as Layer[]]);
  }
  return found.sort(([a], [b]) => compareKeys(nameKey(a), nameKey(b)));
}

/**
 * The layer's own variables (not its sublayers', but a sublayer's it tracks itself, as a wrapper
 * its layer's kernel): trainable first, then non-trainable, each in creation order.
 */
function ownVariables(layer: Layer): Variable[] {
  const own = layer.ownVariables;
  return [...own.filter((w) => w.trainable), ...own.filter((w) => !w.trainable)];
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
