/**
 * The file system of the callbacks that write files (ModelCheckpoint, BackupAndRestore, CSVLogger,
 * TensorBoard): Node's `node:fs/promises`, imported on first use so that browsers never load it.
 */
import { isNode } from '../../runtime/host.js';
import { ValueError } from '../../utils/errors.js';

export type NodeFs = typeof import('node:fs/promises');

/** `node:fs/promises`, or a ValueError saying that `callback` needs Node's file system. */
export async function nodeFs(callback: string): Promise<NodeFs> {
  if (!isNode) throw new ValueError(`${callback} writes files and needs Node.js's file system (node:fs); it cannot run in a browser.`);
  return import('node:fs/promises');
}

/** Creates `folder` and its parents when missing, as Keras's `file_utils.makedirs`; a failure is a ValueError naming it. */
export async function makeFolder(fs: NodeFs, folder: string, callback: string): Promise<void> {
  try {
    await fs.mkdir(folder, { recursive: true });
  } catch (e) {
    throw new ValueError(`${callback} could not create the directory '${folder}': ${(e as Error).message}`);
  }
}

/** Whether `path` exists (a file or a folder). */
export async function pathExists(fs: NodeFs, path: string): Promise<boolean> {
  return fs.stat(path).then(() => true, () => false);
}
