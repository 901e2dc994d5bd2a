/**
 * Writing a file so that readers only ever see a complete one: the bytes go to a temporary file
 * of a unique name, created exclusively in the target's folder, flushed to disk, then renamed over
 * the target, which an operating system does atomically. Two saves to one path at once each write
 * their own temporary file, and the last rename wins: the target is always one whole file. A save
 * that fails removes its temporary file and leaves the target as it was; a save killed outright
 * leaves its temporary file behind, and a later save to the same path removes it once it is old
 * enough that no live save can still be writing it. `node:fs` is imported only when a file is
 * written, so browsers never load it.
 */
import { isNode } from './host.js';
import { ValueError } from '../utils/errors.js';

/** The end of every temporary file's name, after the target's name and a random part: `model.keras.3f9c…e1.kerasm-tmp`. */
const TEMP_SUFFIX = '.kerasm-tmp';
/** Random bytes in a temporary file's name (written as hex): collisions are never expected, and `wx` refuses one anyway. */
const RANDOM_BYTES = 8;
/**
 * A temporary file untouched for this long was left by a save that was killed: a live save
 * creates its file only once the bytes are ready and writes them out at once, in seconds.
 */
const STALE_AFTER_MS = 60 * 60 * 1000;

type FileHandle = import('node:fs/promises').FileHandle;

/**
 * Writes `bytes` to `path` atomically (see above); a failure is a ValueError naming the path, and
 * leaves an existing file at `path` as it was. Temporary files of earlier saves to `path` that
 * were killed are removed.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  if (!isNode) throw new ValueError(`Writing the file path '${path}' needs Node.js; in a browser call saveModel() for the bytes.`);
  const fs = await import('node:fs/promises');
  const { basename, dirname, join } = await import('node:path');
  const { randomBytes } = await import('node:crypto');
  const folder = dirname(path);
  await removeStaleTemps(folder, basename(path));
  const temp = join(folder, `${basename(path)}.${randomBytes(RANDOM_BYTES).toString('hex')}${TEMP_SUFFIX}`);
  let file: FileHandle | null = null;
  try {
    file = await fs.open(temp, 'wx');
    await file.writeFile(bytes);
    await file.sync();
    await file.close();
    file = null;
    await fs.rename(temp, path);
  } catch (e) {
    // The write's error is the one to report; a temporary file that cannot be removed now is removed as stale later.
    await file?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new ValueError(`Could not write '${path}': ${(e as Error).message}`);
  }
  await syncFolder(folder, path);
}

/**
 * Flushes `folder`'s entries to disk, so the rename survives a power cut. Windows cannot open a
 * folder for this (and makes renames durable itself); some file systems (network, FUSE) refuse
 * it with EINVAL: there the rename is as durable as the file system makes it.
 */
async function syncFolder(folder: string, path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fs = await import('node:fs/promises');
  let handle: FileHandle | null = null;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch (e) {
    if ((e as { code?: string }).code !== 'EINVAL') throw new ValueError(`Could not write '${path}': the file was written, but flushing its folder failed (${(e as Error).message}).`);
  } finally {
    await handle?.close();
  }
}

/**
 * Removes the temporary files named as {@link writeFileAtomic} names them for the target `name`
 * in `folder` that are older than {@link STALE_AFTER_MS}. This is housekeeping: a file that
 * cannot be listed, examined or removed (another save removed it first, permissions) is left,
 * and never fails the save.
 */
async function removeStaleTemps(folder: string, name: string): Promise<void> {
  const fs = await import('node:fs/promises');
  const { join } = await import('node:path');
  const pattern = new RegExp(`^${escapeRegExp(name)}\\.[0-9a-f]{${2 * RANDOM_BYTES}}${escapeRegExp(TEMP_SUFFIX)}$`);
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const now = Date.now();
  for (const candidate of names.filter((n) => pattern.test(n))) {
    const temp = join(folder, candidate);
    const stats = await fs.lstat(temp).catch(() => null);
    if (stats?.isFile() && now - stats.mtimeMs > STALE_AFTER_MS) await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
