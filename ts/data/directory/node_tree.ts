/**
 * A {@link FileTree} over a folder on disk, for Node. `node:fs` is imported only when a loader is
 * given a path, so browsers never load it.
 */
import type { FileTree, WalkStep } from './file_tree.js';
import { joinRelative } from './file_tree.js';

type Fs = typeof import('node:fs/promises');
type Path = typeof import('node:path');

export async function nodeFileTree(directory: string): Promise<FileTree> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  return new NodeFileTree(directory, fs, path);
}

class NodeFileTree implements FileTree {
  constructor(readonly root: string, private readonly fs: Fs, private readonly path: Path) {}

  async folders(folder: string): Promise<string[]> {
    const entries = await this.fs.readdir(this.absolute(folder), { withFileTypes: true });
    const names: string[] = [];
    // Keras asks `os.path.isdir`, which follows symlinks.
    for (const entry of entries) if (await this.isFolder(joinRelative(folder, entry.name), entry)) names.push(entry.name);
    return names;
  }

  async walk(folder: string, followLinks: boolean): Promise<WalkStep[]> {
    const steps: WalkStep[] = [];
    const pending = [folder];
    while (pending.length > 0) {
      const current = pending.pop()!;
      const files: string[] = [];
      for (const entry of await this.fs.readdir(this.absolute(current), { withFileTypes: true })) {
        const child = joinRelative(current, entry.name);
        // As os.walk: a symlink to a folder is a folder, entered only when following links.
        if (await this.isFolder(child, entry)) {
          if (followLinks || !entry.isSymbolicLink()) pending.push(child);
        } else {
          files.push(entry.name);
        }
      }
      steps.push({ folder: current, files });
    }
    return steps;
  }

  async read(path: string): Promise<Uint8Array> {
    return new Uint8Array(await this.fs.readFile(this.absolute(path)));
  }

  pathOf(path: string): string {
    return this.path.join(this.root, path);
  }

  private absolute(relative: string): string {
    return this.path.join(this.root, relative);
  }

  private async isFolder(relative: string, entry: { isDirectory(): boolean; isSymbolicLink(): boolean }): Promise<boolean> {
    if (entry.isDirectory()) return true;
    if (!entry.isSymbolicLink()) return false;
    // A broken link is a file to os.walk, and not a folder to os.path.isdir.
    return this.fs.stat(this.absolute(relative)).then((s) => s.isDirectory(), () => false);
  }
}
