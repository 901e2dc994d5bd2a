/**
 * A TensorBoard event file: `events.out.tfevents.<seconds>.<host>.<pid>.<n>.v2` in a log folder,
 * holding TFRecords (a little-endian u64 length, its masked CRC-32C, the bytes, their masked
 * CRC-32C), each an `Event` protocol buffer. Records are appended as they come, so TensorBoard
 * sees a run while it trains.
 */
import { crc32c } from '../../utils/crc32c.js';
import { ValueError } from '../../utils/errors.js';
import { type NodeFs, makeFolder, nodeFs } from './node_files.js';
import { concat, fileVersionEvent } from './summary_proto.js';

type FileHandle = Awaited<ReturnType<NodeFs['open']>>;

/** The writer's name in the file's first record (TensorFlow's says `tensorflow.core.util.events_writer`). */
const WRITER = 'kerasm';

/** Numbers the files this process writes, as TensorFlow's writers do. */
let filesWritten = 0;

/** One event file, open for appending. */
export class EventFileWriter {
  private constructor(
    readonly path: string,
    private readonly file: FileHandle,
    /** Seconds since the epoch, as the events' `wall_time`. */
    readonly now: () => number,
  ) {}

  /** Creates `folder` when missing and a new event file in it, starting with the file-version record. */
  static async create(folder: string, now: () => number = () => Date.now() / 1000): Promise<EventFileWriter> {
    const fs = await nodeFs('TensorBoard');
    const { hostname } = await import('node:os');
    const { join } = await import('node:path');
    await makeFolder(fs, folder, 'TensorBoard');
    const path = join(folder, `events.out.tfevents.${Math.floor(now())}.${hostname()}.${process.pid}.${filesWritten++}.v2`);
    const file = await fs.open(path, 'wx').catch((e: Error) => {
      throw new ValueError(`TensorBoard could not create the event file '${path}': ${e.message}`);
    });
    const writer = new EventFileWriter(path, file, now);
    await writer.write(fileVersionEvent(now(), WRITER));
    return writer;
  }

  /** Appends one encoded `Event` as a TFRecord. */
  async write(event: Uint8Array): Promise<void> {
    await this.file.write(tfRecord(event));
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}

/** `event` framed as a TFRecord. */
export function tfRecord(event: Uint8Array): Uint8Array {
  const header = new Uint8Array(12);
  const view = new DataView(header.buffer);
  view.setBigUint64(0, BigInt(event.length), true);
  view.setUint32(8, maskedCrc(header.subarray(0, 8)), true);
  const footer = new Uint8Array(4);
  new DataView(footer.buffer).setUint32(0, maskedCrc(event), true);
  return concat([header, event, footer]);
}

/** TFRecord's masked CRC: rotated right by 15 bits, plus a constant, so that a CRC of CRCs does not degenerate. */
function maskedCrc(bytes: Uint8Array): number {
  const crc = crc32c(bytes);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}
