/**
 * A zip archive's central directory, read without trusting it: the entry count and the
 * directory's place are checked against the file, every name is listed once, and the entries'
 * data lie one after another without overlapping each other or the directory. So an archive whose
 * directory lists one local header thousands of times, under one name or many, is refused before
 * any entry is read, and reading an entry never depends on how many others the archive lists.
 */
import { ValueError } from '../utils/errors.js';
import type { RangeReader } from './source.js';

/** One entry as the central directory describes it. */
export interface DirectoryEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where its local header starts. */
  localOffset: number;
  /** Where the next entry's local header (or the central directory) starts: its data must end by then. */
  limit: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_HEADER = 0x02014b50;
/** A local header's fixed part; the name and an extra field follow it. */
export const LOCAL_HEADER_BYTES = 30;
/** More entries than any .keras archive has (three files plus a few assets): a corrupt count is refused early. */
const MAX_ENTRIES = 4096;
/** The central directory of an archive over this size lies too far from the end to be a `.keras` file's. */
const MAX_DIRECTORY_READ = 64 * 1024 * 1024;

/** The entries of the zip archive `file`, by name in the directory's order; a corrupt or hostile directory is a ValueError naming `what`. */
export async function readDirectory(file: RangeReader, what: string): Promise<Map<string, DirectoryEntry>> {
  const tailStart = Math.max(0, file.size - 22 - 0xffff);
  const tail = viewOf(await file.read(tailStart, file.size - tailStart));
  const end = findEndOfDirectory(tail, what);
  const count = tail.getUint16(end + 10, true);
  const size = tail.getUint32(end + 12, true);
  const offset = tail.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new ValueError(`${what}: ZIP64 archives (over 4 GiB or 65,535 entries) are not supported.`);
  const endAt = tailStart + end;
  if (count > MAX_ENTRIES || offset + size > endAt || endAt - offset > MAX_DIRECTORY_READ) throw corruptDirectory(what);
  // The directory usually lies within the tail already read; else it is read from its start.
  const [bytes, base] = offset >= tailStart ? [tail, tailStart] : [viewOf(await file.read(offset, endAt - offset)), offset];
  const listed = parseEntries(bytes, offset - base, endAt - base, count, what);
  checkNamesOnce(listed, what);
  return new Map(withLimits(listed, offset, what).map((entry) => [entry.name, entry]));
}

/** A directory record as read: an entry without its limit yet, and its name's length in bytes. */
type Listed = Omit<DirectoryEntry, 'limit'> & { nameLength: number };

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function corruptDirectory(what: string): ValueError {
  return new ValueError(`${what}: the zip archive's central directory is corrupt.`);
}

/** The end-of-central-directory record: within the last 22 + 65,535 (comment) bytes. */
function findEndOfDirectory(view: DataView, what: string): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw new ValueError(`${what}: not a complete zip archive (no end-of-central-directory record; the file may be truncated).`);
}

/** The `count` directory records of `view` from `at`, which must end by `end`. */
function parseEntries(view: DataView, at: number, end: number, count: number, what: string): Listed[] {
  const names = new TextDecoder();
  const entries: Listed[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_HEADER) throw corruptDirectory(what);
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > end) throw corruptDirectory(what);
    entries.push({
      name: names.decode(new Uint8Array(view.buffer, view.byteOffset + at + 46, nameLength)),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      nameLength,
    });
    at = next;
  }
  return entries;
}

/**
 * The entries (in the same order) with the end of the room each has, checked in file order: each one's local header,
 * name and data (at least that much; its extra field is known only from its local header) end
 * before the next one starts, and the last one's before the central directory at `directoryAt`.
 */
function withLimits(entries: Listed[], directoryAt: number, what: string): DirectoryEntry[] {
  const inFileOrder = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  const limits = new Map<Listed, number>();
  inFileOrder.forEach((entry, i) => {
    const next = inFileOrder[i + 1];
    const limit = next?.localOffset ?? directoryAt;
    if (entry.localOffset + LOCAL_HEADER_BYTES + entry.nameLength + entry.compressedSize > limit) {
      const other = next ? `zip entry '${next.name}'` : 'the central directory';
      throw new ValueError(`${what}: zip entry '${entry.name}' overlaps ${other}; the archive is corrupt.`);
    }
    limits.set(entry, limit);
  });
  return entries.map(({ nameLength, ...entry }, i) => ({ ...entry, limit: limits.get(entries[i]!)! }));
}

/** One entry per name: a second entry of the same name would be a second, different, content for it. */
function checkNamesOnce(entries: Listed[], what: string): void {
  const seen = new Set<string>();
  for (const { name } of entries) {
    if (seen.has(name)) throw new ValueError(`${what}: the zip archive lists entry '${name}' more than once; the archive is corrupt.`);
    seen.add(name);
  }
}
