/**
 * {@link FileTree}s for browsers: the `File`s of an `<input type="file" webkitdirectory>` (each
 * `webkitRelativePath` starts with the picked folder's name), or a `FileSystemDirectoryHandle`
 * from `showDirectoryPicker()`. Both are listed once into memory (names only); a file's bytes
 * are read when its batch is made. Browsers have no symlinks, so `followLinks` changes nothing.
 */
import { ValueError } from '../../utils/errors.js';
import type { FileTree, WalkStep } from './file_tree.js';
import { joinRelative } from './file_tree.js';

/** What a loader needs of a `File`: its bytes and its path in the picked folder. */
export interface FileLike {
  readonly name: string;
  readonly webkitRelativePath: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What a loader needs of a `FileSystemDirectoryHandle` (and of its entries). */
export interface DirectoryHandleLike {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<DirectoryHandleLike | FileHandleLike>;
}

export interface FileHandleLike {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<{ arrayBuffer(): Promise<ArrayBuffer> }>;
}

type ReadBytes = () => Promise<ArrayBuffer>;

/** A tree listed into memory: every folder (relative path) with its sub-folders and files. */
class ListedTree implements FileTree {
  private readonly subfolders = new Map<string, Set<string>>([['', new Set()]]);
  private readonly files = new Map<string, Map<string, ReadBytes>>([['', new Map()]]);

  constructor(readonly root: string) {}

  addFolder(folder: string): void {
    if (this.subfolders.has(folder)) return;
    const cut = folder.lastIndexOf('/');
    const parent = cut < 0 ? '' : folder.slice(0, cut);
    this.addFolder(parent);
    this.subfolders.get(parent)!.add(folder.slice(cut + 1));
    this.subfolders.set(folder, new Set());
    this.files.set(folder, new Map());
  }

  addFile(folder: string, name: string, read: ReadBytes): void {
    this.addFolder(folder);
    this.files.get(folder)!.set(name, read);
  }

  async folders(folder: string): Promise<string[]> {
    return [...this.subfolders.get(folder) ?? []];
  }

  async walk(folder: string): Promise<WalkStep[]> {
    const steps: WalkStep[] = [];
    const visit = (current: string): void => {
      steps.push({ folder: current, files: [...this.files.get(current)!.keys()] });
      for (const sub of this.subfolders.get(current)!) visit(joinRelative(current, sub));
    };
    if (this.subfolders.has(folder)) visit(folder);
    return steps;
  }

  async read(path: string): Promise<Uint8Array> {
    const cut = path.lastIndexOf('/');
    const read = this.files.get(cut < 0 ? '' : path.slice(0, cut))?.get(path.slice(cut + 1));
    if (!read) throw new ValueError(`No file ${this.pathOf(path)} in the directory.`);
    return new Uint8Array(await read());
  }

  pathOf(path: string): string {
    return `${this.root}/${path}`;
  }
}

/** A tree from the `File`s of a picked folder; their `webkitRelativePath`s name the folders. */
export function fileListTree(files: readonly FileLike[]): FileTree {
  const roots = new Set(files.map((f) => f.webkitRelativePath.split('/')[0]));
  if (files.length === 0 || roots.size !== 1 || files.some((f) => !f.webkitRelativePath.includes('/'))) {
    throw new ValueError(
      'Expected the files of one picked folder (from an <input type="file" webkitdirectory>), each with a '
      + `webkitRelativePath "folder/.../name". Received ${files.length} files from ${roots.size} folders.`,
    );
  }
  const tree = new ListedTree([...roots][0]!);
  for (const file of files) {
    const parts = file.webkitRelativePath.split('/').slice(1);
    const name = parts.pop()!;
    tree.addFile(parts.join('/'), name, () => file.arrayBuffer());
  }
  return tree;
}

/** A tree from a directory handle, listed recursively now. */
export async function directoryHandleTree(handle: DirectoryHandleLike): Promise<FileTree> {
  const tree = new ListedTree(handle.name);
  const list = async (folder: DirectoryHandleLike, relative: string): Promise<void> => {
    for await (const entry of folder.values()) {
      if (entry.kind === 'directory') {
        const child = joinRelative(relative, entry.name);
        tree.addFolder(child);
        await list(entry, child);
      } else {
        tree.addFile(relative, entry.name, async () => (await entry.getFile()).arrayBuffer());
      }
    }
  };
  await list(handle, '');
  return tree;
}
