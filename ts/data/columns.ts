/**
 * The columns of `Dataset.fromArrays` (tf's `from_tensor_slices`): each array of the user's
 * structure read row by row. A Tensor is downloaded once; its rows are numbers (rank 1), typed
 * subarrays (rank 2, no copy) or nested arrays (higher ranks, built when the row is read).
 */
import { Tensor, type NestedArray, type TypedArray } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';

/** One array of a dataset: a Tensor, nested arrays of numbers, or a typed array. */
export type SliceableArray = Tensor | TypedArray | NestedArray[];

/** Arrays as `fromArrays` takes them: one, a list (tuple), or a dict by name. */
export type ArrayStructure = SliceableArray | SliceableArray[] | { [name: string]: SliceableArray };

/** Row access into one array. */
interface Column {
  readonly rows: number;
  row(i: number): unknown;
}

/** The rows of `data`, as elements of the same structure (`kind`: one value, a list, or a dict). */
export function sliceRows(data: ArrayStructure): { rows: number; kind: 'leaf' | 'list' | 'dict'; element(i: number): unknown } {
  const shaped = structureOf(data);
  const columns = shaped.kind === 'single' ? [column(shaped.array)] : shaped.arrays.map(column);
  const rows = columns[0]!.rows;
  const counts = columns.map((c) => c.rows);
  if (counts.some((n) => n !== rows)) throw new ValueError(`All arrays must have the same number of samples (first dimension). Received: ${counts.join(', ')}`);
  if (shaped.kind === 'single') return { rows, kind: 'leaf', element: (i) => columns[0]!.row(i) };
  if (shaped.kind === 'list') return { rows, kind: 'list', element: (i) => columns.map((c) => c.row(i)) };
  return { rows, kind: 'dict', element: (i) => Object.fromEntries(shaped.names.map((name, k) => [name, columns[k]!.row(i)])) };
}

type Shaped = { kind: 'single'; array: SliceableArray } | { kind: 'list'; arrays: SliceableArray[] } | { kind: 'dict'; names: string[]; arrays: SliceableArray[] };

/**
 * A dict is a dict of arrays; an array is a list of arrays when each of its items is a Tensor, a
 * typed array or a dict, or when the items cannot be one rectangular array (`[xRows, yRows]`
 * with different shapes); otherwise (nested numbers) it is one array.
 */
function structureOf(data: ArrayStructure): Shaped {
  if (Object.getPrototypeOf(data) === Object.prototype) {
    const dict = data as Record<string, SliceableArray>;
    return { kind: 'dict', names: Object.keys(dict), arrays: Object.values(dict) };
  }
  if (Array.isArray(data) && data.length > 0) {
    const items = data as unknown[];
    if (items.every((d) => d instanceof Tensor || ArrayBuffer.isView(d)) || !isRectangular(items)) return { kind: 'list', arrays: items as SliceableArray[] };
  }
  return { kind: 'single', array: data as SliceableArray };
}

/** Whether nested arrays have the same length at each depth (one array rather than a list of arrays). */
function isRectangular(items: unknown[]): boolean {
  const shape = (v: unknown): string => (Array.isArray(v) ? `${v.length},${v.length > 0 ? shape(v[0]) : ''}` : typeof v);
  const first = shape(items[0]);
  return items.every((item) => shape(item) === first && (!Array.isArray(item) || isRectangular(item)));
}

function column(array: SliceableArray): Column {
  if (array instanceof Tensor) return tensorColumn(array);
  if (ArrayBuffer.isView(array)) return { rows: array.length, row: (i) => array[i] };
  if (!Array.isArray(array)) throw new ValueError(`Dataset.fromArrays takes Tensors, nested arrays or typed arrays. Received: ${String(array)}`);
  return { rows: array.length, row: (i) => array[i] };
}

function tensorColumn(t: Tensor): Column {
  if (t.rank === 0) throw new ValueError(`Dataset.fromArrays: a scalar has no rows to slice. Received: ${t.toString()}`);
  const values = t.dataSync() as TypedArray;
  const rowShape = t.shape.slice(1);
  const width = rowShape.reduce((a, b) => a * b, 1);
  if (rowShape.length === 0) return { rows: t.shape[0]!, row: (i) => values[i] };
  if (rowShape.length === 1) return { rows: t.shape[0]!, row: (i) => values.subarray(i * width, (i + 1) * width) };
  return { rows: t.shape[0]!, row: (i) => nest(values.subarray(i * width, (i + 1) * width), rowShape) };
}

function nest(values: TypedArray, shape: number[]): NestedArray[] {
  const [first, ...rest] = shape;
  if (rest.length === 0) return Array.from(values);
  const stride = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: first! }, (_, i) => nest(values.subarray(i * stride, (i + 1) * stride), rest));
}
