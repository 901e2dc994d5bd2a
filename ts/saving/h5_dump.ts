/**
 * Reads an HDF5 file with h5wasm without copying it: the file is a read-only node in h5wasm's
 * file system whose reads copy just the byte ranges libhdf5 asks for out of the caller's bytes or
 * the file on disk (Keras's datasets are contiguous, so reading one weight reads its own bytes and
 * little else).
 * The walk gives the plain tree of `h5_tree.ts` with every group, attribute and dataset shape,
 * but only small datasets' values: the others are read one at a time, on demand, by
 * `readDatasetInto` while the file stays open. What a corrupt file can make it allocate is bounded:
 * every dataset and attribute must fit in the file's bytes, an attribute also within a limit (a
 * legacy file's config is one), and the number of objects and the depth are capped.
 *
 * The functions are self-contained (no imports, no outer names): the worker in `h5_reader.ts`
 * embeds their source text, so the same code runs on the main thread and in the worker.
 */
import type { H5GroupNode } from './h5_tree.js';

/** Limits of one read. */
export interface DumpLimits {
  maxObjects: number;
  maxDepth: number;
  /** Datasets of at most this many bytes come with their values in the tree; larger ones are read on demand. */
  eagerBytes: number;
  /** An attribute of fixed-size values declaring more bytes than this is refused before it is read. */
  maxAttributeBytes: number;
}

/** A file read, or the message of why it could not be. */
export type DumpResult = { tree: H5GroupNode } | { error: string };

/** A file's bytes as libhdf5 reads them: its size, and a copy of the bytes at `position` into `into` (gives the count). */
export interface ByteRanges {
  size: number;
  read(into: Uint8Array, position: number): number;
}

/** An open file: the h5wasm File and how to release it. */
export interface OpenedH5 {
  file: any;
  close(): void;
}

// h5wasm's objects are typed `any`: the source must also run as plain JavaScript in the worker.

/** Opens the HDF5 file whose bytes `source` reads as `path`, read in place (no copy), or gives the error. */
export function openH5File(h5: any, fs: any, source: ByteRanges, path: string): OpenedH5 | { error: string } {
  const slash = path.lastIndexOf('/');
  const node = fs.createFile(path.slice(0, slash) || '/', path.slice(slash + 1), {}, true, false);
  Object.defineProperty(node, 'usedBytes', { get: () => source.size });
  node.stream_ops = {
    ...node.stream_ops,
    read(_stream: unknown, heap: Uint8Array, at: number, length: number, position: number): number {
      const count = Math.max(0, Math.min(length, source.size - position));
      return count === 0 ? 0 : source.read(new Uint8Array(heap.buffer, heap.byteOffset + at, count), position);
    },
    write(): number {
      throw new Error('the file is read-only');
    },
    mmap(): never {
      throw new Error('the file cannot be mapped');
    },
  };
  try {
    const file = new h5.File(path, 'r');
    return {
      file,
      close() {
        try {
          file.close();
        } finally {
          fs.unlink(path);
        }
      },
    };
  } catch (e) {
    fs.unlink(path);
    return { error: `not a readable HDF5 file (${String((e as Error)?.message ?? e)})` };
  }
}

/** The tree of the open `file` (of `size` bytes): groups, attributes, dataset shapes, small datasets' values. */
export function dumpH5(file: any, size: number, limits: DumpLimits): DumpResult {
  const INTEGER = 0;
  const FLOAT = 1;
  const STRING = 3;
  let objects = 0;
  const fail = (message: string): never => {
    throw new Error(message);
  };
  const attributes = (obj: any): Record<string, unknown> => {
    const out: Record<string, unknown> = Object.create(null);
    for (const name of Object.keys(obj.attrs)) {
      const attr = obj.attrs[name];
      const meta = attr.metadata;
      if (meta.type !== INTEGER && meta.type !== FLOAT && meta.type !== STRING) continue;
      const bytes = (meta.total_size ?? 1) * meta.size;
      if (bytes > size) fail(`attribute '${name}' of '${obj.path}' is larger than the file`);
      if (bytes > limits.maxAttributeBytes) fail(`attribute '${name}' of '${obj.path}' declares ${bytes} bytes, over the ${limits.maxAttributeBytes}-byte limit`);
      out[name] = attr.value;
    }
    return out;
  };
  const dataset = (obj: any): unknown => {
    const meta = obj.metadata;
    const shape: number[] = obj.shape ?? [];
    if (meta.type !== INTEGER && meta.type !== FLOAT) fail(`dataset '${obj.path}' is not numeric`);
    if (![1, 2, 4, 8].includes(meta.size)) fail(`dataset '${obj.path}' has ${meta.size}-byte elements`);
    if (meta.type === FLOAT && meta.size === 2) fail(`dataset '${obj.path}' holds float16 values, which kerasm does not read yet`);
    const count = shape.reduce((a: number, b: number) => a * b, 1);
    if (!shape.every((d: number) => Number.isSafeInteger(d) && d >= 0) || count * meta.size > size) {
      fail(`dataset '${obj.path}' claims shape [${shape.join(', ')}] of ${meta.size}-byte values, more than the file's ${size} bytes hold`);
    }
    const bits = 8 * meta.size;
    const elements = meta.type === FLOAT ? `Float${bits}Array` : `${bits === 64 ? 'Big' : ''}${meta.signed ? 'Int' : 'Uint'}${bits}Array`;
    const data = count * meta.size <= limits.eagerBytes ? obj.value : null;
    const value = data === null || ArrayBuffer.isView(data) ? data : typeof data === 'bigint' ? BigInt64Array.of(data) : typeof data === 'number' ? Float64Array.of(data) : fail(`dataset '${obj.path}' could not be read as numbers`);
    return { type: 'Dataset', path: obj.path, attrs: attributes(obj), shape, elements, data: value };
  };
  const visit = (obj: any, depth: number): any => {
    if (++objects > limits.maxObjects) fail(`more than ${limits.maxObjects} objects`);
    if (depth > limits.maxDepth) fail(`groups nested deeper than ${limits.maxDepth} levels`);
    if (obj.type === 'Dataset') return dataset(obj);
    // Without a prototype, a member named `__proto__` is a child like any other.
    const children: Record<string, unknown> = Object.create(null);
    for (const name of obj.keys()) {
      const child = obj.get(name);
      if (child && (child.type === 'Group' || child.type === 'Dataset')) children[name] = visit(child, depth + 1);
    }
    return { type: 'Group', path: obj.path, attrs: attributes(obj), children };
  };
  try {
    return { tree: visit(file, 0) };
  } catch (e) {
    return { error: `the HDF5 file is corrupt or unsupported (${String((e as Error)?.message ?? e)})` };
  }
}

/**
 * Reads the dataset at `path` of the open `file` into `into`, as `Dataset.value` would read it but
 * a block of rows at a time through one small buffer in h5wasm's heap (freed at the end), so the
 * heap does not grow to the size of the largest weight; gives the number of bytes written, or the error.
 */
export function readDatasetInto(module: any, file: any, path: string, into: Uint8Array): { bytes: number } | { error: string } {
  const BLOCK_BYTES = 1 << 20;
  let pointer = 0;
  try {
    const meta = file.get(path).metadata;
    const shape: number[] = meta.shape;
    const bytes = meta.size * meta.total_size;
    if (bytes > into.length) throw new Error(`it holds ${bytes} bytes, more than its shape says`);
    if (bytes === 0) return { bytes };
    const rows = shape.length > 0 ? shape[0]! : 1;
    const rowBytes = bytes / rows;
    const blockRows = Math.max(1, Math.floor(BLOCK_BYTES / rowBytes));
    pointer = module._malloc(Math.min(rows, blockRows) * rowBytes);
    if (pointer === 0) throw new Error('its read buffer could not be allocated');
    for (let row = 0; row < rows; row += blockRows) {
      const count = Math.min(blockRows, rows - row);
      // A scalar is read whole; an array, as the rows [row, row + count).
      const slab = shape.length === 0 ? [null, null, null] : [[count, ...shape.slice(1)], [row, ...shape.slice(1).map(() => 0)], shape.map(() => 1)].map((dims) => dims.map(BigInt));
      module.get_dataset_data(file.file_id, path, slab[0], slab[1], slab[2], BigInt(pointer));
      into.set(module.HEAPU8.subarray(pointer, pointer + count * rowBytes), row * rowBytes);
    }
    return { bytes };
  } catch (e) {
    return { error: `the HDF5 file is corrupt: dataset '${path}' could not be read (${String((e as Error)?.message ?? e)})` };
  } finally {
    if (pointer !== 0) module._free(pointer);
  }
}
