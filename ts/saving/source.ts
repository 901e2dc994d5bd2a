/**
 * Where saved bytes come from: a Node path, a Uint8Array, an ArrayBuffer or a Blob/File (files are
 * written by `runtime/atomic_write.ts`). `node:fs` is imported only when a path is used, so browsers never
 * load it. A path is read by ranges where the format allows (an HDF5 file, a `.keras` archive's
 * directory and entries: see `h5_reader.ts`, `zip_archive.ts`); otherwise straight into a
 * SharedArrayBuffer, which the HDF5 reader's worker then reads in place: the file is in memory once.
 */
import { isNode } from '../runtime/host.js';
import { ValueError } from '../utils/errors.js';

/** What `loadModel` / `loadWeights` read: a file path (Node), raw bytes, or a Blob/File (browser). */
export type ModelSource = string | Uint8Array | ArrayBuffer | Blob;

/** The file formats kerasm reads, told apart by their first bytes. */
export type SavedFormat = 'keras' | 'h5';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** The bytes of `source`; a missing file or an empty source is a ValueError naming it. */
export async function readSource(source: ModelSource, what: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (typeof source === 'string') bytes = await readFile(source);
  else if (source instanceof Uint8Array) bytes = source;
  else if (source instanceof ArrayBuffer) bytes = new Uint8Array(source);
  else if (typeof Blob !== 'undefined' && source instanceof Blob) bytes = new Uint8Array(await source.arrayBuffer());
  else throw new ValueError(`${what}: expected a file path, a Uint8Array, an ArrayBuffer or a Blob, received ${describe(source)}.`);
  if (bytes.length === 0) throw new ValueError(`${what}: the ${typeof source === 'string' ? `file '${source}'` : 'source'} is empty.`);
  return bytes;
}

/** 'keras' for a zip archive, 'h5' for HDF5, by magic bytes; anything else is a ValueError. */
export function detectFormat(bytes: Uint8Array, what: string): SavedFormat {
  if (startsWith(bytes, ZIP_MAGIC)) return 'keras';
  if (startsWith(bytes, HDF5_MAGIC)) return 'h5';
  const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new ValueError(`${what}: the data is neither a .keras zip archive nor an HDF5 (.h5) file (first bytes: ${head}).`);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

async function readFile(path: string): Promise<Uint8Array> {
  return withFile(path, async (file) => {
    const bytes = new Uint8Array(new SharedArrayBuffer((await file.stat()).size));
    for (let at = 0; at < bytes.length; ) {
      const { bytesRead } = await file.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) throw new ValueError(`Could not read '${path}': the file became shorter while it was read.`);
      at += bytesRead;
    }
    return bytes;
  });
}

/** The size and the first (up to) `count` bytes of the file at `path`, without reading the rest. */
export async function fileHead(path: string, count: number): Promise<{ size: number; head: Uint8Array }> {
  return withFile(path, async (file) => {
    const size = (await file.stat()).size;
    const head = new Uint8Array(Math.min(count, size));
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return { size, head: head.subarray(0, bytesRead) };
  });
}

/** Reads `length` bytes at `at` of a file (fewer at its end), and knows the file's size. */
export interface RangeReader {
  size: number;
  read(at: number, length: number): Promise<Uint8Array>;
}

/** `bytes` read by ranges, as a file is: each range is a view of them, not a copy. */
export function rangesOf(bytes: Uint8Array): RangeReader {
  return { size: bytes.length, read: async (at, length) => bytes.subarray(at, Math.min(at + length, bytes.length)) };
}

/** Runs `read` on the file at `path` read by ranges, open while it runs; errors as {@link fileHead}'s. */
export async function readFileRanges<T>(path: string, read: (file: RangeReader) => Promise<T>): Promise<T> {
  return withFile(path, async (file) => {
    const size = (await file.stat()).size;
    return read({
      size,
      read: async (at, length) => {
        const bytes = new Uint8Array(Math.max(0, Math.min(length, size - at)));
        let done = 0;
        for (let n = -1; done < bytes.length && n !== 0; done += n) n = (await file.read(bytes, done, bytes.length - done, at + done)).bytesRead;
        return bytes.subarray(0, done);
      },
    });
  });
}

/** Runs `use` on the file at `path`, opened for reading and closed after; a failure is a ValueError naming the path. */
async function withFile<T>(path: string, use: (file: import('node:fs/promises').FileHandle) => Promise<T>): Promise<T> {
  if (!isNode) throw new ValueError(`Reading the file path '${path}' needs Node.js; in a browser pass the bytes or a Blob/File.`);
  const fs = await import('node:fs/promises');
  let file: import('node:fs/promises').FileHandle | null = null;
  try {
    file = await fs.open(path, 'r');
    return await use(file);
  } catch (e) {
    if (e instanceof ValueError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new ValueError(`File not found: filepath=${path}. Please ensure the file is an accessible \`.keras\`, \`.h5\` or \`.weights.h5\` file.`);
    throw new ValueError(`Could not read '${path}': ${(e as Error).message}`);
  } finally {
    await file?.close();
  }
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value === 'object' ? (value as object).constructor?.name ?? 'object' : typeof value;
}
