/**
 * The files a directory loader reads, their labels and class names, and the validation split,
 * against Keras 3.15.1's `index_directory` and `get_training_or_validation_split` on the fixture
 * tree (tests/fixtures/loaders/, made by scripts/keras/loader_fixtures.py), from each kind of
 * source: a folder on disk, `File`s of a picked folder, a directory handle.
 */
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ValueError } from '../../../ts/index.js';
import { indexDirectory, type IndexOptions } from '../../../ts/data/directory/index_directory.js';
import { openTree, type DirectorySource } from '../../../ts/data/directory/open_tree.js';
import { checkValidationSplitArg, trainingOrValidationSplit } from '../../../ts/data/directory/split.js';
import type { DirectoryHandleLike, FileHandleLike } from '../../../ts/data/directory/browser_tree.js';

const FIXTURES = join(__dirname, '../../fixtures/loaders');
const TREE = join(FIXTURES, 'tree');
const keras = JSON.parse(readFileSync(join(FIXTURES, 'keras.json'), 'utf8'));
const IMAGE_FORMATS = ['.bmp', '.gif', '.jpeg', '.jpg', '.png'];

function options(overrides: Partial<IndexOptions>): IndexOptions {
  return { labels: 'inferred', formats: ['.txt'], classNames: null, shuffle: false, seed: 0, followLinks: false, verbose: false, ...overrides };
}

/** Every file under `folder`, as `File`s of a folder picked in a browser. */
function pickedFiles(folder: string): File[] {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
  return walk(folder).map((path) => {
    const file = new File([readFileSync(path)], path.split('/').pop()!);
    Object.defineProperty(file, 'webkitRelativePath', { value: `text/${relative(folder, path)}` });
    return file;
  });
}

/** `folder` as a `FileSystemDirectoryHandle` would show it (entries in the order readdir gives). */
function directoryHandle(folder: string, name = 'text'): DirectoryHandleLike {
  return {
    kind: 'directory',
    name,
    async *values(): AsyncGenerator<DirectoryHandleLike | FileHandleLike> {
      for (const entry of readdirSync(folder).reverse()) {
        const path = join(folder, entry);
        if (statSync(path).isDirectory()) yield directoryHandle(path, entry);
        else yield { kind: 'file', name: entry, getFile: async () => new Blob([readFileSync(path)]) };
      }
    },
  };
}

const SOURCES: [string, () => DirectorySource][] = [
  ['a folder on disk', () => join(TREE, 'text')],
  ['the Files of a picked folder', () => pickedFiles(join(TREE, 'text'))],
  ['a directory handle', () => directoryHandle(join(TREE, 'text'))],
];

describe.each(SOURCES)('indexDirectory from %s, as Keras', (_, source) => {
  const index = async (overrides: Partial<IndexOptions>) => indexDirectory(await openTree(source()), options(overrides));

  it('orders files by class folder, then folder path, then name; skips hidden folders and other endings', async () => {
    const expected = keras.text.index_sorted;
    expect(await index({})).toEqual({ files: expected.files, labels: expected.labels, classNames: expected.class_names });
  });

  it('shuffles files and labels with NumPy\'s RandomState(seed)', async () => {
    const expected = keras.text.index_seed_1337;
    expect(await index({ shuffle: true, seed: 1337 })).toEqual({ files: expected.files, labels: expected.labels, classNames: expected.class_names });
  });

  it('takes the classes and their order from classNames', async () => {
    const expected = keras.text.index_class_names;
    expect(await index({ classNames: ['zeta', 'neg'] })).toEqual({ files: expected.files, labels: expected.labels, classNames: expected.class_names });
  });

  it('indexes every file from the top without labels, or with labels given in file order', async () => {
    const none = keras.text.index_no_labels;
    expect(await index({ labels: null, shuffle: true, seed: 7 })).toEqual({ files: none.files, labels: null, classNames: null });
    const manual = keras.text.index_manual_labels;
    expect(await index({ labels: manual.given })).toEqual({ files: manual.files, labels: manual.labels, classNames: manual.class_names });
  });

  it('cuts the validation split from the end, as Keras', async () => {
    const expected = keras.text.split_seed_42;
    const all = await index({ shuffle: true, seed: 42 });
    vi.spyOn(console, 'log').mockImplementation(() => {});
    for (const subset of ['training', 'validation'] as const) {
      expect(trainingOrValidationSplit(all.files, all.labels, 0.3, subset)).toEqual(expected[subset]);
    }
    vi.restoreAllMocks();
  });
});

describe('indexDirectory', () => {
  it('finds the image files Keras finds, in its seeded order', async () => {
    const expected = keras.images.index_seed_3;
    const index = await indexDirectory(await openTree(join(TREE, 'images')), options({ formats: IMAGE_FORMATS, shuffle: true, seed: 3 }));
    expect(index).toEqual({ files: expected.files, labels: expected.labels, classNames: expected.class_names });
  });

  it("prints Keras's count of files and classes", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await indexDirectory(await openTree(join(TREE, 'text')), options({ verbose: true }));
    await indexDirectory(await openTree(join(TREE, 'text')), options({ verbose: true, labels: null }));
    expect(log.mock.calls).toEqual([['Found 11 files belonging to 3 classes.'], ['Found 12 files.']]);
    vi.restoreAllMocks();
  });

  it("refuses class names that are not folders, and labels of the wrong length, with Keras's messages", async () => {
    const tree = await openTree(join(TREE, 'text'));
    await expect(indexDirectory(tree, options({ classNames: ['pos', 'nope'] }))).rejects.toThrow(new ValueError(
      "The `class_names` passed did not match the names of the subdirectories of the target directory. Expected: ['neg', 'pos', 'zeta'] (or a subset of it), but received: class_names=['pos', 'nope']",
    ));
    await expect(indexDirectory(tree, options({ labels: [0, 1] }))).rejects.toThrow(
      `Expected the lengths of \`labels\` to match the number of files in the target directory. len(labels) is 2 while we found 12 files in directory ${join(TREE, 'text')}.`,
    );
    await expect(indexDirectory(tree, options({ labels: null, classNames: ['pos'] }))).rejects.toThrow('When `labels=None` (no labels), argument `class_names` cannot be specified.');
  });

  describe('symlinked folders, as os.walk', () => {
    const root = mkdtempSync(join(tmpdir(), 'kerasm-links-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'data/a'), { recursive: true });
    mkdirSync(join(root, 'elsewhere/inner'), { recursive: true });
    writeFileSync(join(root, 'data/a/1.txt'), 'one');
    writeFileSync(join(root, 'elsewhere/2.txt'), 'two');
    writeFileSync(join(root, 'elsewhere/inner/3.txt'), 'three');
    symlinkSync(join(root, 'elsewhere'), join(root, 'data/a/linked'));
    symlinkSync(join(root, 'elsewhere'), join(root, 'data/b'));

    it('a linked class folder is a class; a linked folder inside one is entered only with followLinks', async () => {
      const tree = await openTree(join(root, 'data'));
      expect((await indexDirectory(tree, options({}))).files).toEqual(['a/1.txt', 'b/2.txt', 'b/inner/3.txt']);
      expect((await indexDirectory(tree, options({ followLinks: true }))).files).toEqual(['a/1.txt', 'a/linked/2.txt', 'a/linked/inner/3.txt', 'b/2.txt', 'b/inner/3.txt']);
    });
  });
});

describe("Keras's validation-split checks", () => {
  it('refuse what Keras refuses', () => {
    expect(() => checkValidationSplitArg(1.5, 'training', false, null)).toThrow('`validation_split` must be between 0 and 1, received: 1.5');
    expect(() => checkValidationSplitArg(0.2, null, false, null)).toThrow('If `subset` is set, `validation_split` must be set, and inversely.');
    expect(() => checkValidationSplitArg(null, 'training', false, null)).toThrow('If `subset` is set, `validation_split` must be set, and inversely.');
    expect(() => checkValidationSplitArg(0.2, 'train' as never, false, null)).toThrow('`subset` must be either "training", "validation" or "both", received: train');
    expect(() => checkValidationSplitArg(0.2, 'both', true, null)).toThrow('If using `validation_split` and shuffling the data, you must provide a `seed` argument');
    expect(() => checkValidationSplitArg(0.2, 'both', true, 1)).not.toThrow();
  });
});
