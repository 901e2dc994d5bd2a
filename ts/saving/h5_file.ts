/**
 * HDF5 through h5wasm (the HDF5 C library compiled to WebAssembly), loaded on first use. Files
 * live in h5wasm's in-memory file system only while a callback runs: bytes in, a read-only file
 * open for the callback, then closed and removed; or a new file built by the callback, then its
 * bytes out. Every dataset read is bounded by the file's size before any memory is allocated.
 */
import type * as H5 from 'h5wasm';
import { ValueError } from '../utils/errors.js';

export type H5Group = H5.Group;
export type H5Dataset = H5.Dataset;
export type H5File = H5.File;

interface H5Lib {
  h5: typeof H5.default;
  fs: { writeFile(path: string, data: Uint8Array): void; readFile(path: string): Uint8Array; unlink(path: string): void };
}

let library: Promise<H5Lib> | null = null;
let fileCounter = 0;

/** h5wasm, imported and initialised once, with errors thrown rather than printed. */
function lib(): Promise<H5Lib> {
  library ??= import('h5wasm').then(async ({ default: h5 }) => {
    const module = await h5.ready;
    module.activate_throwing_error_handler();
    return { h5, fs: module.FS as unknown as H5Lib['fs'] };
  });
  return library;
}

/** A numeric dataset's values as read: its shape and a typed array of its elements. */
export interface DatasetValue {
  shape: number[];
  data: Float32Array | Float64Array | Int32Array | BigInt64Array | Int8Array | Int16Array | Uint8Array | Uint16Array | Uint32Array | BigUint64Array;
}

/** Runs `read` on the HDF5 file held in `bytes`; h5wasm's errors become ValueErrors naming `what`. */
export async function readH5<T>(bytes: Uint8Array, what: string, read: (file: H5File, fileSize: number) => T): Promise<T> {
  const { h5, fs } = await lib();
  const path = `/kerasm_read_${fileCounter++}.h5`;
  fs.writeFile(path, bytes);
  let file: H5File | null = null;
  try {
    try {
      file = new h5.File(path, 'r');
    } catch (e) {
      throw new ValueError(`${what}: not a readable HDF5 file (${firstLine(e)}).`);
    }
    return read(file, bytes.length);
  } catch (e) {
    if (e instanceof ValueError) throw e;
    throw new ValueError(`${what}: the HDF5 file is corrupt or unsupported (${firstLine(e)}).`);
  } finally {
    closeQuietly(file);
    fs.unlink(path);
  }
}

/** The bytes of a new HDF5 file built by `write` (superblock 0, as h5py's `libver=('earliest', 'v110')`). */
export async function writeH5(write: (file: H5File) => void): Promise<Uint8Array> {
  const { h5, fs } = await lib();
  const path = `/kerasm_write_${fileCounter++}.h5`;
  let file: H5File | null = null;
  try {
    file = new h5.File(path, 'w', { libver: ['earliest', 'v110'] });
    write(file);
    file.close();
    file = null;
    return fs.readFile(path);
  } catch (e) {
    if (e instanceof ValueError) throw e;
    throw new ValueError(`Could not write the HDF5 file: ${firstLine(e)}`);
  } finally {
    closeQuietly(file);
    try {
      fs.unlink(path);
    } catch {
      // The file was never created.
    }
  }
}

/** The group at `path` under `root` (created with its parents when missing). */
export function ensureGroup(root: H5Group, path: string): H5Group {
  let group: H5Group = root;
  for (const part of path.split('/').filter((p) => p.length > 0)) {
    group = groupAt(group, part) ?? group.create_group(part);
  }
  return group;
}

/** The group at `path`, or null when there is none (or it is not a group). */
export function groupAt(group: H5Group, path: string): H5Group | null {
  const entity = path === '' || path === '/' ? group : group.get(path);
  return entity !== null && (entity as { type?: string }).type === 'Group' ? (entity as H5Group) : null;
}

/** The dataset at `path`, or null. */
export function datasetAt(group: H5Group, path: string): H5Dataset | null {
  const entity = group.get(path);
  return entity !== null && (entity as { type?: string }).type === 'Dataset' ? (entity as H5Dataset) : null;
}

const INTEGER_CLASS = 0;
const FLOAT_CLASS = 1;

/**
 * A numeric dataset's values. Its element count times element size must fit in the file (a
 * contiguous dataset's bytes are in it), so a corrupt header cannot make us allocate gigabytes.
 */
export function readDataset(dataset: H5Dataset, fileSize: number, what: string): DatasetValue {
  const meta = dataset.metadata;
  const shape = dataset.shape ?? [];
  if (meta.type !== INTEGER_CLASS && meta.type !== FLOAT_CLASS) throw new ValueError(`${what}: dataset '${dataset.path}' is not numeric.`);
  if (![1, 2, 4, 8].includes(meta.size)) throw new ValueError(`${what}: dataset '${dataset.path}' has an unsupported element size of ${meta.size} bytes.`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0) || count * meta.size > fileSize) {
    throw new ValueError(`${what}: dataset '${dataset.path}' claims shape [${shape.join(', ')}] of ${meta.size}-byte values, more than the file's ${fileSize} bytes hold.`);
  }
  if (meta.type === FLOAT_CLASS && meta.size === 2) throw new ValueError(`${what}: dataset '${dataset.path}' holds float16 values, which kerasm does not read yet.`);
  const data = dataset.value;
  if (!ArrayBuffer.isView(data) && typeof data !== 'number' && typeof data !== 'bigint') throw new ValueError(`${what}: dataset '${dataset.path}' could not be read as numbers.`);
  const array = ArrayBuffer.isView(data) ? data : typeof data === 'bigint' ? BigInt64Array.of(data) : Float64Array.of(data);
  return { shape, data: array as DatasetValue['data'] };
}

/** A string attribute (fixed or variable length), or null when absent. */
export function stringAttribute(group: H5Group, name: string): string | null {
  const attribute = group.attrs[name];
  if (!attribute) return null;
  const value = attribute.value;
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  throw new ValueError(`Attribute '${name}' of '${group.path}' is not a string.`);
}

/** A list-of-strings attribute (e.g. `layer_names`), or null when absent. */
export function stringListAttribute(group: H5Group, name: string): string[] | null {
  const attribute = group.attrs[name];
  if (!attribute) return null;
  const value = attribute.value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  if (typeof value === 'string') return [value];
  if (value === null || (ArrayBuffer.isView(value) && value.byteLength === 0)) return [];
  throw new ValueError(`Attribute '${name}' of '${group.path}' is not a list of strings.`);
}

/** Writes a list of strings as h5py writes numpy byte strings: fixed-length, one element each. */
export function writeStringList(group: H5Group, name: string, values: string[]): void {
  const width = Math.max(1, ...values.map((v) => new TextEncoder().encode(v).length));
  if (values.length === 0) group.create_attribute(name, new Uint8Array(0), [0], '<B');
  else group.create_attribute(name, values, [values.length], `S${width}`);
}

function closeQuietly(file: H5File | null): void {
  if (file === null) return;
  try {
    file.close();
  } catch {
    // Closing a file that failed to open fully: nothing more to release.
  }
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('HDF5-DIAG'));
  return (lines[0] ?? text).slice(0, 300);
}
