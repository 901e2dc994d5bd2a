/** The directory a loader is given, whichever its kind, as a {@link FileTree}. */
import { ValueError } from '../../utils/errors.js';
import type { FileTree } from './file_tree.js';
import { directoryHandleTree, fileListTree, type DirectoryHandleLike, type FileLike } from './browser_tree.js';
import { nodeFileTree } from './node_tree.js';

/**
 * A folder's path on disk (Node); the `File`s of a folder picked with
 * `<input type="file" webkitdirectory>`; or a `FileSystemDirectoryHandle` from `showDirectoryPicker()`.
 */
export type DirectorySource = string | readonly FileLike[] | DirectoryHandleLike;

export async function openTree(directory: DirectorySource): Promise<FileTree> {
  if (typeof directory === 'string') return nodeFileTree(directory);
  if (Array.isArray(directory)) return fileListTree(directory);
  if (isDirectoryHandle(directory)) return directoryHandleTree(directory);
  throw new ValueError(
    'Expected `directory` to be a path, an array of `File`s from a picked folder, or a FileSystemDirectoryHandle. '
    + `Received: directory=${String(directory)}`,
  );
}

function isDirectoryHandle(value: unknown): value is DirectoryHandleLike {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'directory'
    && typeof (value as { values?: unknown }).values === 'function';
}
