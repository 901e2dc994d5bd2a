/**
 * The zip container of a `.keras` file, read without trusting it. Opening reads only the end
 * records and the central directory (checked by `zip_directory.ts`: one entry per name, no
 * overlaps); then the caller reads the entries it wants, one at a time, each within a size limit
 * of its own (the config's, the weights' that the model implies). Every size is checked against
 * that limit and the file before anything is allocated: stored entries (Keras writes them
 * uncompressed) come back as views of the input without a copy; deflated ones (from tools that
 * re-zip) are inflated a piece at a time into a buffer of the declared, bounded size, stopping as
 * soon as the output runs past it. A large stored entry can be left in the file to be read in
 * place, its CRC checked a chunk at a time. Writing stores the entries uncompressed through
 * fflate, as Python's `zipfile` does for Keras.
 */
import { isNode } from '../runtime/host.js';
import { ValueError } from '../utils/errors.js';
import type { RangeReader } from './source.js';
import { type DirectoryEntry, LOCAL_HEADER_BYTES, readDirectory } from './zip_directory.js';

const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** Deflate cannot compress better than about 1032:1; a larger declared ratio is a zip bomb. */
const MAX_DEFLATE_RATIO = 1032;
/**
 * Inflation takes the compressed bytes this many at a time, so one step can produce at most
 * about 1032 times as much (16.5 MiB) before the running check on the output sees it.
 */
const INFLATE_STEP = 16 * 1024;
/** The in-place CRC check reads the entry in chunks of this size. */
const CRC_CHUNK = 4 * 1024 * 1024;

/** Where a stored entry's data lies in the archive (its CRC already checked). */
export interface ZipRange {
  offset: number;
  size: number;
}

/** An opened archive: its entries' names, and each entry read on demand. */
export interface ZipArchive {
  /** The entries' names, in the central directory's order. */
  names: string[];
  /**
   * Entry `name`'s contents, CRC-checked, or undefined when the archive has none; an entry
   * declaring more than `maxBytes` is refused before any of it is read.
   */
  read(name: string, maxBytes: number): Promise<Uint8Array | undefined>;
  /**
   * Where entry `name` lies in the archive when it is stored uncompressed, its CRC checked a
   * chunk at a time, for reading in place; null when it is absent or compressed (then `read` it).
   */
  storedRange(name: string, maxBytes: number): Promise<ZipRange | null>;
}

/** The zip archive `file`, by its central directory; a corrupt one is a ValueError naming `what`. */
export async function openZip(file: RangeReader, what: string): Promise<ZipArchive> {
  const entries = await readDirectory(file, what);
  return {
    names: [...entries.keys()],
    async read(name, maxBytes) {
      const entry = entries.get(name);
      if (!entry) return undefined;
      checkSizes(entry, maxBytes, what);
      const { start, stop } = await dataSpan(file, entry, what);
      const raw = await file.read(start, stop - start);
      const data = entry.method === STORED ? raw : await inflateWithin(raw, entry, what);
      if ((await crc32(data)) !== entry.crc) throw corruptEntry(entry, what);
      return data;
    },
    async storedRange(name, maxBytes) {
      const entry = entries.get(name);
      if (!entry || entry.method !== STORED) return null;
      checkSizes(entry, maxBytes, what);
      const { start, stop } = await dataSpan(file, entry, what);
      let crc = 0;
      for (let at = start; at < stop; at += CRC_CHUNK) crc = await crc32(await file.read(at, Math.min(CRC_CHUNK, stop - at)), crc);
      if (crc !== entry.crc) throw corruptEntry(entry, what);
      return { offset: start, size: stop - start };
    },
  };
}

/** A zip archive of `entries`, in order, stored uncompressed, dated `date`. */
export async function writeZip(entries: [string, Uint8Array][], date: Date): Promise<Uint8Array> {
  const { zipSync } = await import('fflate');
  const files = Object.fromEntries(entries.map(([name, data]): [string, [Uint8Array, { level: 0; mtime: Date }]] => [name, [data, { level: 0, mtime: date }]]));
  return zipSync(files);
}

function corruptEntry(entry: DirectoryEntry, what: string): ValueError {
  return new ValueError(`${what}: zip entry '${entry.name}' is corrupt (CRC mismatch).`);
}

/** The checks on what an entry declares, before any of it is read: its limit, its method, and what deflate can produce. */
function checkSizes(entry: DirectoryEntry, maxBytes: number, what: string): void {
  const { name, method, size, compressedSize } = entry;
  if (Math.max(size, compressedSize) > maxBytes) throw new ValueError(`${what}: zip entry '${name}' declares ${Math.max(size, compressedSize)} bytes, over its limit of ${maxBytes} bytes.`);
  if (method === STORED && size !== compressedSize) throw new ValueError(`${what}: zip entry '${name}' is stored but its sizes differ.`);
  if (method !== STORED && method !== DEFLATED) throw new ValueError(`${what}: zip entry '${name}' uses compression method ${method}; only stored and deflated entries are supported.`);
  if (method === DEFLATED && size > (compressedSize + 1) * MAX_DEFLATE_RATIO) {
    throw new ValueError(`${what}: zip entry '${name}' declares ${size} bytes from ${compressedSize} compressed, more than deflate can produce (zip bomb?).`);
  }
}

/** Where `entry`'s data lies, by its local header, checked to end before the next entry or the central directory. */
async function dataSpan(file: RangeReader, entry: DirectoryEntry, what: string): Promise<{ start: number; stop: number }> {
  const bytes = await file.read(entry.localOffset, LOCAL_HEADER_BYTES);
  const header = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (header.byteLength < LOCAL_HEADER_BYTES || header.getUint32(0, true) !== LOCAL_HEADER) throw new ValueError(`${what}: zip entry '${entry.name}' has a corrupt local header.`);
  const start = entry.localOffset + LOCAL_HEADER_BYTES + header.getUint16(26, true) + header.getUint16(28, true);
  const stop = start + entry.compressedSize;
  // The limit lies within the archive (at most at the central directory).
  if (stop > entry.limit) throw new ValueError(`${what}: zip entry '${entry.name}' runs into what follows it (the next entry or the central directory); the archive is corrupt.`);
  return { start, stop };
}

/**
 * The deflated `raw` bytes of `entry` inflated into a buffer of its declared (checked) size, a
 * step at a time: output past that size stops the inflation at once, so a header that lies about
 * the size costs at most the size it declares.
 */
async function inflateWithin(raw: Uint8Array, entry: DirectoryEntry, what: string): Promise<Uint8Array> {
  const { Inflate } = await import('fflate');
  const out = new Uint8Array(entry.size);
  let filled = 0;
  const inflater = new Inflate((chunk) => {
    if (filled + chunk.length > out.length) throw new ValueError(`${what}: zip entry '${entry.name}' inflates to more than the ${entry.size} bytes it declares; the archive is corrupt.`);
    out.set(chunk, filled);
    filled += chunk.length;
  });
  try {
    for (let at = 0; at < raw.length || at === 0; at += INFLATE_STEP) inflater.push(raw.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= raw.length);
  } catch (e) {
    if (e instanceof ValueError) throw e;
    throw new ValueError(`${what}: zip entry '${entry.name}' is corrupt (${(e as Error).message}).`);
  }
  if (filled !== entry.size) throw new ValueError(`${what}: zip entry '${entry.name}' is corrupt (inflated to ${filled} bytes instead of ${entry.size}).`);
  return out;
}

let crcTable: Uint32Array | null = null;
let nativeCrc32: ((data: Uint8Array, value?: number) => number) | null | undefined;

/** CRC-32 (IEEE), as zip records it, continuing from `previous` (the CRC of the bytes before): zlib's in Node (20.15+), a table otherwise. */
async function crc32(data: Uint8Array, previous = 0): Promise<number> {
  if (nativeCrc32 === undefined) nativeCrc32 = isNode ? ((await import('node:zlib')) as { crc32?: (data: Uint8Array, value?: number) => number }).crc32 ?? null : null;
  return nativeCrc32 ? nativeCrc32(data, previous) >>> 0 : tableCrc32(data, previous);
}

function tableCrc32(data: Uint8Array, previous: number): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const table = crcTable;
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
