/**
 * Where the directory loaders find their files: a folder on disk (Node), the `File`s of a folder
 * picked in a browser, or a directory handle from the browser's directory picker. The loaders
 * index and read through this interface only, so every source lists, orders and labels its files
 * as Keras does on disk.
 */

/** One folder visited by {@link FileTree.walk}, as a step of Python's `os.walk`. */
export interface WalkStep {
  /** The folder, relative to the tree's root, '/'-separated ('' for the root). */
  folder: string;
  /** The names of the files directly in it. */
  files: string[];
}

export interface FileTree {
  /** The name the loaders' file paths start with (Keras's `directory`). */
  readonly root: string;
  /** Names of the folders directly inside `folder` ('' for the root), symlinked ones included. */
  folders(folder: string): Promise<string[]>;
  /**
   * `folder` and every folder under it with its files, as `os.walk(folder, followlinks)`:
   * a symlinked folder below `folder` is entered only when `followLinks`.
   */
  walk(folder: string, followLinks: boolean): Promise<WalkStep[]>;
  /** The bytes of a file, by its path relative to the root. */
  read(path: string): Promise<Uint8Array>;
  /** A file's path as the loaders report it (Keras's `os.path.join(directory, path)`). */
  pathOf(path: string): string;
}

/** `a/b` from a folder and a name, the root being ''. */
export function joinRelative(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}
