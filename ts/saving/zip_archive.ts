/**
 * The zip container of a `.keras` file. Reading walks the central directory itself, so every size
 * is checked against the file before anything is allocated: stored entries (Keras writes them
 * uncompressed) come back as views of the input without a copy, deflated ones (from tools that
 * re-zip) are inflated by fflate into a buffer of the declared, bounded size. A file at a path is
 * read by ranges through the same checks, and a large stored entry can be left in the file to be
 * read in place (its CRC checked a chunk at a time). Writing stores the
 * entries uncompressed through fflate, as Python's `zipfile` does for Keras.
 */
import { isNode } from '../runtime/host.js';
import { ValueError } from '../utils/errors.js';
import type { RangeReader } from './source.js';

/** Entry name → contents. */
export type ZipEntries = Map<string, Uint8Array>;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** More entries than any .keras archive has (three files plus a few assets): a corrupt count is refused early. */
const MAX_ENTRIES = 4096;
/** Deflate cannot compress better than about 1032:1; a larger declared ratio is a zip bomb. */
const MAX_DEFLATE_RATIO = 1032;

interface DirectoryEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The entries of the zip archive `bytes` whose names `wanted` accepts, checked for size and CRC. */
export async function readZip(bytes: Uint8Array, what: string, wanted: (name: string) => boolean = () => true): Promise<ZipEntries> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: ZipEntries = new Map();
  for (const entry of directory(view, 0, what)!) {
    if (!wanted(entry.name)) continue;
    const { start, stop } = entrySpan(headerAt(bytes, entry.localOffset), entry, bytes.length, what);
    entries.set(entry.name, await checked(await entryData(bytes.subarray(start, stop), entry, what), entry, what));
  }
  return entries;
}

/** A stored entry left in the file, to be read in place: its data's offset and size, and its CRC for {@link checkZipRange}. */
export interface ZipRange {
  offset: number;
  size: number;
  crc: number;
}

/** What {@link readZipRanges} gives: the entries read into memory and those left in place. */
export interface ZipFileEntries {
  entries: ZipEntries;
  ranges: Map<string, ZipRange>;
}

/** The central directory of an archive over this size lies too far from the end to be a `.keras` file's. */
const MAX_DIRECTORY_READ = 64 * 1024 * 1024;
/** The in-place CRC check reads the entry in chunks of this size. */
const CRC_CHUNK = 4 * 1024 * 1024;

/**
 * The entries `wanted` accepts of the zip archive `file` read by ranges: only the end records,
 * the central directory and the entries kept in memory are read. A stored entry that `inPlace`
 * accepts is not read: its range is returned, for the caller to check with {@link checkZipRange}.
 */
export async function readZipRanges(file: RangeReader, what: string, wanted: (name: string) => boolean, inPlace: (name: string) => boolean): Promise<ZipFileEntries> {
  const tailStart = Math.max(0, file.size - 22 - 0xffff);
  const tail = viewOf(await file.read(tailStart, file.size - tailStart));
  let list = directory(tail, tailStart, what);
  if (!list) {
    const from = directoryOffset(tail);
    if (file.size - from > MAX_DIRECTORY_READ) throw new ValueError(`${what}: the zip archive's central directory is corrupt.`);
    list = directory(viewOf(await file.read(from, file.size - from)), from, what)!;
  }
  const result: ZipFileEntries = { entries: new Map(), ranges: new Map() };
  for (const entry of list) {
    if (!wanted(entry.name)) continue;
    const { start, stop } = entrySpan(viewOf(await file.read(entry.localOffset, 30)), entry, file.size, what);
    if (entry.method === STORED && inPlace(entry.name)) {
      if (entry.size !== entry.compressedSize) throw new ValueError(`${what}: zip entry '${entry.name}' is stored but its sizes differ.`);
      result.ranges.set(entry.name, { offset: start, size: entry.size, crc: entry.crc });
    } else {
      result.entries.set(entry.name, await checked(await entryData(await file.read(start, stop - start), entry, what), entry, what));
    }
  }
  return result;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The local header at `at` of `bytes` (up to its first 30 bytes; fewer at the end). */
function headerAt(bytes: Uint8Array, at: number): DataView {
  return viewOf(bytes.subarray(Math.min(at, bytes.length), Math.min(at + 30, bytes.length)));
}

async function checked(data: Uint8Array, entry: DirectoryEntry, what: string): Promise<Uint8Array> {
  if ((await crc32(data)) !== entry.crc) throw new ValueError(`${what}: zip entry '${entry.name}' is corrupt (CRC mismatch).`);
  return data;
}

/** Checks the CRC of the entry `name` left in `file` at `range`, reading it a chunk at a time so memory stays bounded. */
export async function checkZipRange(file: RangeReader, name: string, range: ZipRange, what: string): Promise<void> {
  const stop = range.offset + range.size;
  let crc = 0;
  for (let at = range.offset; at < stop; at += CRC_CHUNK) crc = await crc32(await file.read(at, Math.min(CRC_CHUNK, stop - at)), crc);
  if (crc !== range.crc) throw new ValueError(`${what}: zip entry '${name}' is corrupt (CRC mismatch).`);
}

/** A zip archive of `entries`, in order, stored uncompressed, dated `date`. */
export async function writeZip(entries: [string, Uint8Array][], date: Date): Promise<Uint8Array> {
  const { zipSync } = await import('fflate');
  const files = Object.fromEntries(entries.map(([name, data]): [string, [Uint8Array, { level: 0; mtime: Date }]] => [name, [data, { level: 0, mtime: date }]]));
  return zipSync(files);
}

/**
 * The central directory's entries, from `view`, the bytes of the archive from offset `base` to its
 * end; null when the directory starts before `base` (the caller reads from there and asks again).
 */
function directory(view: DataView, base: number, what: string): DirectoryEntry[] | null {
  const end = findEndOfDirectory(view, what);
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new ValueError(`${what}: ZIP64 archives (over 4 GiB or 65,535 entries) are not supported.`);
  if (count > MAX_ENTRIES || offset + size > base + end) throw new ValueError(`${what}: the zip archive's central directory is corrupt.`);
  if (offset < base) return null;
  const entries: DirectoryEntry[] = [];
  let at = offset - base;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_HEADER) throw new ValueError(`${what}: the zip archive's central directory is corrupt.`);
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > end) throw new ValueError(`${what}: the zip archive's central directory is corrupt.`);
    entries.push({
      name: new TextDecoder().decode(new Uint8Array(view.buffer, view.byteOffset + at + 46, nameLength)),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at = next;
  }
  return entries;
}

/** Where the central directory starts, by the end record in `view` (already checked by {@link directory}). */
function directoryOffset(view: DataView): number {
  return view.getUint32(findEndOfDirectory(view, '') + 16, true);
}

/** The end-of-central-directory record: within the last 22 + 65,535 (comment) bytes. */
function findEndOfDirectory(view: DataView, what: string): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw new ValueError(`${what}: not a complete zip archive (no end-of-central-directory record; the file may be truncated).`);
}

/** Where `entry`'s data lies in the archive of `archiveSize` bytes, by its local header `header` (fewer than 30 bytes when the archive ends first). */
function entrySpan(header: DataView, entry: DirectoryEntry, archiveSize: number, what: string): { start: number; stop: number } {
  if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL_HEADER) throw new ValueError(`${what}: zip entry '${entry.name}' has a corrupt local header.`);
  const start = entry.localOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  const stop = start + entry.compressedSize;
  if (stop > archiveSize) throw new ValueError(`${what}: zip entry '${entry.name}' claims ${entry.compressedSize} bytes, past the end of the archive (truncated file?).`);
  return { start, stop };
}

/** The contents of `entry` from its `raw` bytes: themselves when stored, inflated when deflated. */
async function entryData(raw: Uint8Array, entry: DirectoryEntry, what: string): Promise<Uint8Array> {
  if (entry.method === STORED) {
    if (entry.size !== entry.compressedSize) throw new ValueError(`${what}: zip entry '${entry.name}' is stored but its sizes differ.`);
    return raw;
  }
  if (entry.method !== DEFLATED) throw new ValueError(`${what}: zip entry '${entry.name}' uses compression method ${entry.method}; only stored and deflated entries are supported.`);
  if (entry.size > (entry.compressedSize + 1) * MAX_DEFLATE_RATIO) {
    throw new ValueError(`${what}: zip entry '${entry.name}' declares ${entry.size} bytes from ${entry.compressedSize} compressed, more than deflate can produce (zip bomb?).`);
  }
  const { inflateSync } = await import('fflate');
  try {
    const out = inflateSync(raw, { out: new Uint8Array(entry.size) });
    if (out.length !== entry.size) throw new Error(`inflated to ${out.length} bytes instead of ${entry.size}`);
    return out;
  } catch (e) {
    throw new ValueError(`${what}: zip entry '${entry.name}' is corrupt (${(e as Error).message}).`);
  }
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
