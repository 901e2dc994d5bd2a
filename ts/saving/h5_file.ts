/**
 * HDF5 files through h5wasm (the HDF5 C library compiled to WebAssembly), imported on first use.
 * Reading gives the plain tree of `h5_tree.ts`, whose large datasets are read on demand while the
 * file is open (see `h5_reader.ts` for why it runs in a worker); writing builds a new file in
 * h5wasm's in-memory file system and returns its bytes.
 */
import type * as H5 from 'h5wasm';
import { ValueError } from '../utils/errors.js';
import { type H5Source, openH5 } from './h5_reader.js';
import type { H5GroupNode } from './h5_tree.js';

export type H5Group = H5.Group;
export type H5File = H5.File;

interface H5Lib {
  h5: typeof H5.default;
  fs: { readFile(path: string): Uint8Array; unlink(path: string): void };
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

/**
 * Runs `read` on the tree of the HDF5 file in `source` (bytes, or a path in Node), with the file
 * open, so `read` can read the datasets' values (one at a time); a corrupt file is a ValueError
 * naming `what`.
 */
export async function readH5<T>(source: H5Source, what: string, read: (root: H5GroupNode) => T): Promise<T> {
  const reading = await openH5(source, what);
  try {
    return read(reading.tree);
  } finally {
    reading.close();
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
    throw new ValueError(`Could not write the HDF5 file: ${(e instanceof Error ? e.message : String(e)).slice(0, 300)}`);
  } finally {
    try {
      file?.close();
      fs.unlink(path);
    } catch {
      // The file was never created.
    }
  }
}

/** The group at `path` under `root`, created with its parents when missing. */
export function ensureGroup(root: H5Group, path: string): H5Group {
  let group: H5Group = root;
  for (const part of path.split('/').filter((p) => p.length > 0)) {
    const child = group.get(part) as { type?: string } | null;
    group = child?.type === 'Group' ? (child as H5Group) : group.create_group(part);
  }
  return group;
}

/** Writes a list of strings as h5py writes numpy byte strings: fixed-length, one element each. */
export function writeStringList(group: H5Group, name: string, values: string[]): void {
  const width = Math.max(1, ...values.map((v) => new TextEncoder().encode(v).length));
  if (values.length === 0) group.create_attribute(name, new Uint8Array(0), [0], '<B');
  else group.create_attribute(name, values, [values.length], `S${width}`);
}
