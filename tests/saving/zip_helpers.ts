/**
 * Zip archives for tests: every entry of one read back, and hostile ones built byte by byte (the
 * attacks of issue 16), so no large file has to be committed.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { rangesOf } from '../../ts/saving/source.js';
import { openZip } from '../../ts/saving/zip_archive.js';

/** Every entry of the archive `bytes`, in its directory's order (each up to 1 GiB: these are the tests' own files). */
export async function zipEntries(bytes: Uint8Array): Promise<[string, Uint8Array][]> {
  const archive = await openZip(rangesOf(bytes), 'test');
  return Promise.all(archive.names.map(async (name): Promise<[string, Uint8Array]> => [name, (await archive.read(name, 2 ** 30))!]));
}

/** One entry as it lies in an archive: its data as stored (deflated when `method` is 8), and what its headers declare. */
export interface RawEntry {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size the headers declare. */
  size: number;
  crc: number;
}

/** `data` as a stored entry, its size and CRC true. */
export function stored(name: string, data: Uint8Array): RawEntry {
  return { name, data, method: 0, size: data.length, crc: crc32(data) };
}

/** `data` as a deflated entry, its size and CRC true. */
export function deflated(name: string, data: Uint8Array): RawEntry {
  return { name, data: deflateRawSync(data), method: 8, size: data.length, crc: crc32(data) };
}

/**
 * A zip archive holding `entries` one after another, whose central directory lists the entries at
 * the indices `listing` (each once by default; an index listed many times makes many directory
 * records pointing at one local header).
 */
export function rawZip(entries: RawEntry[], listing: number[] = entries.map((_, i) => i)): Uint8Array {
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const header = new DataView(new ArrayBuffer(30));
    header.setUint32(0, 0x04034b50, true);
    header.setUint16(4, 20, true);
    header.setUint16(8, entry.method, true);
    header.setUint32(14, entry.crc, true);
    header.setUint32(18, entry.data.length, true);
    header.setUint32(22, entry.size, true);
    header.setUint16(26, name.length, true);
    offsets.push(at);
    parts.push(new Uint8Array(header.buffer), name, entry.data);
    at += 30 + name.length + entry.data.length;
  }
  const directoryAt = at;
  for (const index of listing) {
    const entry = entries[index]!;
    const name = new TextEncoder().encode(entry.name);
    const record = new DataView(new ArrayBuffer(46));
    record.setUint32(0, 0x02014b50, true);
    record.setUint16(4, 20, true);
    record.setUint16(6, 20, true);
    record.setUint16(10, entry.method, true);
    record.setUint32(16, entry.crc, true);
    record.setUint32(20, entry.data.length, true);
    record.setUint32(24, entry.size, true);
    record.setUint16(28, name.length, true);
    record.setUint32(42, offsets[index]!, true);
    parts.push(new Uint8Array(record.buffer), name);
    at += 46 + name.length;
  }
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, listing.length, true);
  end.setUint16(10, listing.length, true);
  end.setUint32(12, at - directoryAt, true);
  end.setUint32(16, directoryAt, true);
  parts.push(new Uint8Array(end.buffer));
  return Buffer.concat(parts);
}

/**
 * A raw deflate stream of `bytes` zero bytes (a multiple of `piece`), made without compressing
 * them all: one piece compressed and flushed to a byte boundary decodes the same wherever it
 * stands (it refers only to its own zeros), so the stream is that piece repeated, then an empty
 * final block. Smaller pieces give a lower ratio.
 */
export function deflatedZeros(bytes: number, piece = 1 << 20): Uint8Array {
  const segment = deflateRawSync(new Uint8Array(piece), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const count = bytes / piece;
  if (!Number.isInteger(count)) throw new Error(`${bytes} is not a multiple of ${piece}`);
  const stream = new Uint8Array(count * segment.length + 2);
  for (let i = 0; i < count; i++) stream.set(segment, i * segment.length);
  stream.set([0x03, 0x00], count * segment.length);
  return stream;
}

/**
 * The 342 KB attack of issue 16: `config.json` listed 4,000 times, every record pointing at one
 * local header of 64 MiB of zeros, its CRC true, so a reader that inflates every record checks
 * each one successfully (about 250 GiB of inflation).
 */
export function duplicateEntryBomb(): Uint8Array {
  const size = 64 * 1024 * 1024;
  const piece = new Uint8Array(1024 * 1024);
  let crc = 0;
  for (let i = 0; i < size / piece.length; i++) crc = crc32(piece, crc);
  const config: RawEntry = { name: 'config.json', data: deflatedZeros(size), method: 8, size, crc };
  return rawZip([config], new Array<number>(4000).fill(0));
}

/**
 * A `.keras` whose entry `name` is a deflate bomb: `inflated` zero bytes (the attack is
 * 3 GiB in 14 MB), declared as `declared` bytes (a header may lie), beside the true `entries`.
 */
export function deflateBomb(entries: RawEntry[], name: string, inflated: number, declared = inflated): Uint8Array {
  // Pieces of 64 KiB keep the ratio (about 500:1) under deflate's limit, as a real bomb's is.
  const bomb: RawEntry = { name, data: deflatedZeros(inflated, 64 * 1024), method: 8, size: declared, crc: 0 };
  return rawZip([...entries.filter((e) => e.name !== name), bomb]);
}
