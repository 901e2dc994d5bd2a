/**
 * `Dataset.batch`'s stacking: `n` elements of the same structure become one element of that
 * structure whose leaves are Tensors with a new first axis of size `n`.
 */
import * as ops from '../ops/index.js';
import { tensor } from '../tensor/create.js';
import { Tensor, type NestedArray, type TypedArray } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';

/**
 * How an element is built: a list of parts, a dict of parts, or one leaf. Null: read from the
 * element (a list of numbers is then one leaf, a list holding Tensors, typed arrays or dicts a list).
 */
export type ElementKind = 'list' | 'dict' | 'leaf' | null;

/** `elements` stacked leaf by leaf, following their structure (`kind`, or the first element's). */
export function stackElements(elements: unknown[], kind: ElementKind = null): unknown {
  const first = elements[0];
  if (kind === 'leaf') return stackLeaves(elements);
  if (Array.isArray(first) && (kind === 'list' || !isLeafArray(first))) {
    return first.map((_, k) => stackElements(elements.map((e) => itemOf(e, k))));
  }
  if (isDict(first)) {
    return Object.fromEntries(Object.keys(first).map((key) => [key, stackElements(elements.map((e) => fieldOf(e, key)))]));
  }
  return stackLeaves(elements);
}

/** One Tensor from leaves of one kind and shape: Tensors, numbers, typed arrays or nested arrays of numbers. */
function stackLeaves(leaves: unknown[]): Tensor {
  const first = leaves[0];
  if (first instanceof Tensor) {
    if (!leaves.every((l) => l instanceof Tensor)) throw mixed(leaves);
    const stacked = ops.stack(leaves as Tensor[], 0);
    for (const l of leaves as Tensor[]) l.dispose();
    return stacked;
  }
  if (typeof first === 'number') {
    if (!leaves.every((l) => typeof l === 'number')) throw mixed(leaves);
    return tensor(Float32Array.from(leaves as number[]), [leaves.length]);
  }
  if (ArrayBuffer.isView(first)) return stackTyped(leaves, first as TypedArray);
  if (Array.isArray(first)) return tensor(leaves as NestedArray[]);
  throw new ValueError(`Dataset.batch can stack Tensors, numbers, typed arrays and nested arrays of numbers. Received an element of type ${typeof first}: ${String(first).slice(0, 60)}`);
}

/** Rows given as typed arrays of one length: one copy into a `[n, length]` tensor (int32 for Int32Arrays). */
function stackTyped(leaves: unknown[], first: TypedArray): Tensor {
  const width = first.length;
  const out = first instanceof Int32Array ? new Int32Array(leaves.length * width) : new Float32Array(leaves.length * width);
  leaves.forEach((leaf, i) => {
    if (!ArrayBuffer.isView(leaf) || (leaf as TypedArray).length !== width) {
      throw new ValueError(`Dataset.batch: elements must have the same shape to be batched. Element 0 has ${width} values, element ${i} ${ArrayBuffer.isView(leaf) ? (leaf as TypedArray).length : typeof leaf}.`);
    }
    out.set(leaf as TypedArray, i * width);
  });
  return tensor(out, [leaves.length, width], first instanceof Int32Array ? 'int32' : 'float32');
}

/** A list whose items are numbers (or nested numbers) is one leaf; a list of Tensors, typed arrays or dicts is a structure. */
function isLeafArray(list: unknown[]): boolean {
  return list.length > 0 && list.every((item) => typeof item === 'number' || (Array.isArray(item) && isLeafArray(item)));
}

function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function itemOf(element: unknown, k: number): unknown {
  if (!Array.isArray(element)) throw new ValueError(`Dataset.batch: elements must have the same structure. Expected a list, received ${typeof element}.`);
  return element[k];
}

function fieldOf(element: unknown, key: string): unknown {
  if (!isDict(element) || !(key in element)) throw new ValueError(`Dataset.batch: elements must have the same structure. An element has no key '${key}'.`);
  return element[key];
}

function mixed(leaves: unknown[]): ValueError {
  return new ValueError(`Dataset.batch: elements must have the same structure and type. Received: ${[...new Set(leaves.map((l) => (l instanceof Tensor ? 'Tensor' : typeof l)))].join(', ')}`);
}
