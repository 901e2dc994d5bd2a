/**
 * An HDF5 file read into plain objects: groups with their attributes and children, datasets with
 * their attributes and shape. Readers of weights work on this tree, so the HDF5 library can run in
 * a worker thread (see `h5_reader.ts`) and a malformed file cannot block the caller. A dataset's
 * values come with the tree only when small; larger ones are read when asked for, one at a time,
 * so a load never holds more than one weight outside kerasm's memory.
 */
import { ValueError } from '../utils/errors.js';

/** A numeric array as read: Float32Array, BigInt64Array, ... */
export type NumericArray = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

/** The name of a {@link NumericArray} class. */
export type NumericArrayName = NumericArray[typeof Symbol.toStringTag];

/** An attribute's value: a string, a list of strings, a number, or a numeric array. */
export type AttributeValue = string | string[] | number | bigint | NumericArray | null;

export interface H5GroupNode {
  type: 'Group';
  path: string;
  attrs: Record<string, AttributeValue>;
  children: Record<string, H5GroupNode | H5DatasetNode>;
}

export interface H5DatasetNode {
  type: 'Dataset';
  path: string;
  attrs: Record<string, AttributeValue>;
  shape: number[];
  /** The typed array its values are read into: 'Float32Array', 'BigInt64Array', ... */
  elements: NumericArrayName;
  /** The values when small enough to come with the tree, else null (then `load` reads them). */
  data: NumericArray | null;
  /**
   * Reads the values from the open file; set on large datasets by the reader. The array it gives
   * is reused by the next read: copy it out (upload it) before reading another.
   */
  load?: () => NumericArray;
}

/** A numeric dataset: its shape, and its elements, read when `values()` is called (valid until the next read). */
export interface DatasetValue {
  shape: number[];
  values(): NumericArray;
}

/** The node at `path` (`a/b/c`, relative to `group`), or null. */
function nodeAt(group: H5GroupNode, path: string): H5GroupNode | H5DatasetNode | null {
  let node: H5GroupNode | H5DatasetNode = group;
  for (const part of path.split('/').filter((p) => p.length > 0)) {
    if (node.type !== 'Group' || !Object.hasOwn(node.children, part)) return null;
    node = node.children[part]!;
  }
  return node;
}

/** The group at `path`, or null when there is none (or it is a dataset). */
export function groupAt(group: H5GroupNode, path: string): H5GroupNode | null {
  const node = nodeAt(group, path);
  return node?.type === 'Group' ? node : null;
}

/** The dataset at `path`, or null. */
export function datasetAt(group: H5GroupNode, path: string): H5DatasetNode | null {
  const node = nodeAt(group, path);
  return node?.type === 'Dataset' ? node : null;
}

/** The names of a group's members (groups and datasets), in HDF5's order. */
export function memberNames(group: H5GroupNode): string[] {
  return Object.keys(group.children);
}

/** A dataset's values, checked when read: the element count must match the shape. */
export function readDataset(dataset: H5DatasetNode, what: string): DatasetValue {
  const count = dataset.shape.reduce((a, b) => a * b, 1);
  const values = (): NumericArray => {
    const data = dataset.data ?? dataset.load?.();
    if (!data) throw new ValueError(`${what}: dataset '${dataset.path}' was not read (the file is closed).`);
    if (data.length !== count) throw new ValueError(`${what}: dataset '${dataset.path}' holds ${data.length} values for shape [${dataset.shape.join(', ')}].`);
    return data;
  };
  return { shape: dataset.shape, values };
}

/** A string attribute, or null when absent. */
export function stringAttribute(group: H5GroupNode, name: string): string | null {
  if (!Object.hasOwn(group.attrs, name)) return null;
  const value = group.attrs[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 1) return value[0]!;
  throw new ValueError(`Attribute '${name}' of '${group.path}' is not a string.`);
}

/** A list-of-strings attribute (e.g. `layer_names`), or null when absent. */
export function stringListAttribute(group: H5GroupNode, name: string): string[] | null {
  if (!Object.hasOwn(group.attrs, name)) return null;
  const value = group.attrs[name];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [value];
  // h5py writes an empty list as an empty float64 array.
  if (value === null || (ArrayBuffer.isView(value) && value.length === 0)) return [];
  throw new ValueError(`Attribute '${name}' of '${group.path}' is not a list of strings.`);
}
