/**
 * Keras's `index_directory`: the files a directory loader reads, in Keras's order, with their
 * labels and class names. Class folders are the root's sub-folders in sorted order (hidden ones
 * skipped) or `classNames`' order; each is walked as `os.walk` (folders sorted by path, files by
 * name, kept when their lower-cased name ends with one of `formats`); with `shuffle`, files and
 * labels are shuffled by NumPy's `RandomState(seed)`, so a seed splits the files as in Keras.
 */
import { ValueError } from '../../utils/errors.js';
import { numpyShuffle } from '../../utils/numpy_shuffle.js';
import { pythonRepr } from '../../utils/python_repr.js';
import type { FileTree } from './file_tree.js';
import { joinRelative } from './file_tree.js';

/** `'inferred'` (from the class folders), explicit integer labels in file order, or null. */
export type LabelsArg = 'inferred' | readonly number[] | null;

export interface IndexOptions {
  labels: LabelsArg;
  /** Lower-case file name endings to keep, e.g. `['.png', '.jpg']`. */
  formats: readonly string[];
  classNames: readonly string[] | null;
  shuffle: boolean;
  seed: number;
  followLinks: boolean;
  verbose: boolean;
}

export interface DirectoryIndex {
  /** Paths relative to the tree's root, in the loader's order. */
  files: string[];
  /** One label per file, or null when the loader yields no labels. */
  labels: number[] | null;
  classNames: string[] | null;
}

export async function indexDirectory(tree: FileTree, options: IndexOptions): Promise<DirectoryIndex> {
  const classFolders = options.labels === 'inferred' ? await classFoldersOf(tree, options.classNames) : [''];
  if (options.labels !== 'inferred') checkNoClassNames(options.labels, options.classNames);
  const files: string[] = [];
  const inferred: number[] = [];
  for (const [index, folder] of classFolders.entries()) {
    const found = await validFiles(tree, folder, options.followLinks, options.formats);
    files.push(...found);
    inferred.push(...found.map(() => index));
  }
  const { labels, classNames } = labelsOf(options.labels, inferred, classFolders, files.length, tree.root);
  if (options.verbose) {
    console.log(labels === null ? `Found ${files.length} files.` : `Found ${files.length} files belonging to ${classNames!.length} classes.`);
  }
  if (options.shuffle) {
    // Keras shuffles both lists from the same seed, hence with the same permutation.
    numpyShuffle(files, options.seed);
    if (labels) numpyShuffle(labels, options.seed);
  }
  return { files, labels, classNames };
}

async function classFoldersOf(tree: FileTree, classNames: readonly string[] | null): Promise<string[]> {
  const folders = (await tree.folders('')).filter((name) => !name.startsWith('.')).sort(comparePython);
  if (classNames === null) return folders;
  if (!classNames.every((name) => folders.includes(name))) {
    throw new ValueError(
      'The `class_names` passed did not match the names of the subdirectories of the target directory. '
      + `Expected: ${pythonRepr(folders)} (or a subset of it), but received: class_names=${pythonRepr(classNames)}`,
    );
  }
  return [...classNames];
}

function checkNoClassNames(labels: LabelsArg, classNames: readonly string[] | null): void {
  if (classNames === null) return;
  if (labels === null) throw new ValueError('When `labels=None` (no labels), argument `class_names` cannot be specified.');
  throw new ValueError(
    'When argument `labels` is specified, argument `class_names` cannot be specified '
    + '(the `class_names` will be the sorted list of labels).',
  );
}

/** The kept files under `folder`, relative to the root, in `iter_valid_files`' order. */
async function validFiles(tree: FileTree, folder: string, followLinks: boolean, formats: readonly string[]): Promise<string[]> {
  const steps = (await tree.walk(folder, followLinks)).sort((a, b) => comparePython(a.folder, b.folder));
  return steps.flatMap((step) => step.files
    .filter((name) => formats.some((ending) => name.toLowerCase().endsWith(ending)))
    .sort(comparePython)
    .map((name) => joinRelative(step.folder, name)));
}

function labelsOf(
  labels: LabelsArg, inferred: number[], classFolders: string[], fileCount: number, directory: string,
): { labels: number[] | null; classNames: string[] | null } {
  if (labels === 'inferred') return { labels: inferred, classNames: classFolders };
  if (labels === null) return { labels: null, classNames: null };
  if (labels.length !== fileCount) {
    throw new ValueError(
      'Expected the lengths of `labels` to match the number of files in the target directory. '
      + `len(labels) is ${labels.length} while we found ${fileCount} files in directory ${directory}.`,
    );
  }
  const classNames = [...new Set(labels)].sort((a, b) => a - b).map(String);
  return { labels: [...labels], classNames };
}

/** Python's string order (by code point), which `sorted` uses. */
export function comparePython(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = ca[i]!.codePointAt(0)! - cb[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}
