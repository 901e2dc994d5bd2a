/**
 * Writing a plot to a file: Node's file system, imported only when a file is asked for, so the
 * plotting code runs unchanged in browsers (where plots come back as strings instead).
 */
import { writeFileAtomic } from '../runtime/atomic_write.js';
import { ValueError } from '../utils/errors.js';

/** Writes `text` to `path` (UTF-8), creating missing parent folders; atomically, as saves are. */
export async function writeTextFile(fn: string, path: string, text: string): Promise<void> {
  if (typeof path !== 'string' || path.length === 0) throw new ValueError(`${fn}: \`toFile\` must be a non-empty path, received ${JSON.stringify(path)}.`);
  if (typeof process === 'undefined' || !process.versions?.node) {
    throw new ValueError(`${fn}: \`toFile\` needs Node's file system; in a browser, use the returned SVG string instead.`);
  }
  const fs = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await fs.mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, new TextEncoder().encode(text));
}

/** The extension of `path` in lower case, without its dot (`''` when there is none). */
export function extensionOf(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}
