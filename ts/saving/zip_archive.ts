/**
 * The zip container of a `.keras` file. Reading walks the central directory itself, so every size
 * is checked against the file before anything is allocated: stored entries (Keras writes them
 * uncompressed) come back as views of the input without a copy, deflated ones (from tools that
 * re-zip) are inflated by fflate into a buffer of the declared, bounded size. Writing stores the
 * entries uncompressed through fflate, as Python's `zipfile` does for Keras.
 */
import { isNode } from '../runtime/host.js';
import { ValueError } from '../utils/errors.js';

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
  for (const entry of directory(view, what)) {
    if (!wanted(entry.name)) continue;
    const data = await entryData(view, bytes, entry, what);
    if ((await crc32(data)) !== entry.crc) throw new ValueError(`${what}: zip entry '${entry.name}' is corrupt (CRC mismatch).`);
    entries.set(entry.name, data);
  }
  return entries;
}

/** A zip archive of `entries`, in order, stored uncompressed, dated `date`. */
export async function writeZip(entries: [string, Uint8Array][], date: Date): Promise<Uint8Array> {
  const { zipSync } = await import('fflate');
  const files = Object.fromEntries(entries.map(([name, data]): [string, [Uint8Array, { level: 0; mtime: Date }]] => [name, [data, { level: 0, mtime: date }]]));
  return zipSync(files);
}

function directory(view: DataView, what: string): DirectoryEntry[] {
  const end = findEndOfDirectory(view, what);
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new ValueError(`${what}: ZIP64 archives (over 4 GiB or 65,535 entries) are not supported.`);
  if (count > MAX_ENTRIES || offset + size > end) throw new ValueError(`${what}: the zip archive's central directory is corrupt.`);
  const entries: DirectoryEntry[] = [];
  let at = offset;
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

/** The end-of-central-directory record: within the last 22 + 65,535 (comment) bytes. */
function findEndOfDirectory(view: DataView, what: string): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw new ValueError(`${what}: not a complete zip archive (no end-of-central-directory record; the file may be truncated).`);
}

async function entryData(view: DataView, bytes: Uint8Array, entry: DirectoryEntry, what: string): Promise<Uint8Array> {
  const at = entry.localOffset;
  if (at + 30 > view.byteLength || view.getUint32(at, true) !== LOCAL_HEADER) throw new ValueError(`${what}: zip entry '${entry.name}' has a corrupt local header.`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const stop = start + entry.compressedSize;
  if (stop > view.byteLength) throw new ValueError(`${what}: zip entry '${entry.name}' claims ${entry.compressedSize} bytes, past the end of the archive (truncated file?).`);
  const raw = bytes.subarray(start, stop);
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
let nativeCrc32: ((data: Uint8Array) => number) | null | undefined;

/** CRC-32 (IEEE), as zip records it: zlib's in Node (20.15+), a table otherwise. */
async function crc32(data: Uint8Array): Promise<number> {
  if (nativeCrc32 === undefined) nativeCrc32 = isNode ? ((await import('node:zlib')) as { crc32?: (data: Uint8Array) => number }).crc32 ?? null : null;
  return nativeCrc32 ? nativeCrc32(data) >>> 0 : tableCrc32(data);
}

function tableCrc32(data: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const table = crcTable;
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
