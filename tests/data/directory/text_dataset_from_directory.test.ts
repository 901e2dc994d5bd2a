/**
 * `utils.textDatasetFromDirectory` against Keras 3.15.1's `text_dataset_from_directory` on the
 * fixture tree (tests/fixtures/loaders/, scripts/keras/loader_fixtures.py): texts, labels and
 * batches, the validation split, Keras's messages; from a folder on disk and from `File`s.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValueError, dispose, memory, utils, type Tensor } from '../../../ts/index.js';

const FIXTURES = join(__dirname, '../../fixtures/loaders');
const FOLDER = join(FIXTURES, 'tree/text');
const keras = JSON.parse(readFileSync(join(FIXTURES, 'keras.json'), 'utf8')).text;

/** Every element of `dataset`, as plain values (its tensors freed). */
async function collect(dataset: AsyncIterable<unknown>): Promise<{ texts: string[]; labels: unknown[]; sizes: number[] }> {
  const out = { texts: [] as string[], labels: [] as unknown[], sizes: [] as number[] };
  for await (const element of dataset) {
    const [x, y] = Array.isArray(element) ? (element as [Tensor, Tensor]) : [element as Tensor, null];
    const texts = x.dataSync<'string'>();
    out.texts.push(...texts);
    out.sizes.push(texts.length);
    if (y) out.labels.push(...(y.arraySync() as unknown[]));
    dispose(y ? [x, y] : [x]);
  }
  return out;
}

function textOf(file: string): string {
  return readFileSync(join(FOLDER, file), 'utf8');
}

afterEach(() => vi.restoreAllMocks());

describe('textDatasetFromDirectory, as Keras', () => {
  it.each(['int', 'categorical'] as const)('yields the texts, batches and %s labels Keras yields (sorted, maxLength in bytes)', async (labelMode) => {
    const expected = keras[`batches_${labelMode}_max_length_6`];
    const dataset = await utils.textDatasetFromDirectory(FOLDER, { labelMode, shuffle: false, maxLength: 6, batchSize: 4, verbose: false });
    expect(dataset.classNames).toEqual(['neg', 'pos', 'zeta']);
    const before = memory().numTensors;
    expect(await collect(dataset)).toEqual({ texts: expected.texts, labels: expected.labels, sizes: expected.batch_sizes });
    expect(memory().numTensors).toBe(before);
  });

  it("splits as Keras: the validation files in order, the training files shuffled anew each epoch", async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const expected = keras.split_seed_42;
    const [train, val] = await utils.textDatasetFromDirectory(FOLDER, { validationSplit: 0.3, subset: 'both', seed: 42, batchSize: 2 });
    const validation = await collect(val);
    expect(validation.texts).toEqual(expected.validation.files.map(textOf));
    expect(validation.labels).toEqual(expected.validation.labels);
    const epochs = [await collect(train), await collect(train)];
    for (const epoch of epochs) {
      const pairs = epoch.texts.map((text, i) => [text, epoch.labels[i]]);
      const expectedPairs = expected.training.files.map((file: string, i: number) => [textOf(file), expected.training.labels[i]]);
      expect(pairs.sort()).toEqual(expectedPairs.sort());
    }
    expect(epochs[0]!.texts).not.toEqual(epochs[1]!.texts);
  });

  it('prints what Keras prints', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await utils.textDatasetFromDirectory(FOLDER, { validationSplit: 0.3, subset: 'training', seed: 42 });
    expect(log.mock.calls).toEqual([['Found 11 files belonging to 3 classes.'], ['Using 8 files for training.']]);
  });

  it('yields texts alone without labels, and single samples without batchSize', async () => {
    const unlabeled = await collect(await utils.textDatasetFromDirectory(FOLDER, { labelMode: null, shuffle: false, verbose: false }));
    expect(unlabeled.texts.sort()).toEqual(keras.index_no_labels.files.map(textOf).sort());
    expect(unlabeled.labels).toEqual([]);
    const dataset = await utils.textDatasetFromDirectory(FOLDER, { batchSize: null, shuffle: false, labelMode: 'binary', classNames: ['neg', 'pos'], verbose: false });
    const first = (await dataset[Symbol.asyncIterator]().next()).value as [Tensor, Tensor];
    expect([first[0].shape, first[0].dataSync<'string'>(), first[1].shape, first[1].dtype]).toEqual([[], [textOf('neg/C.TXT')], [1], 'float32']);
    dispose(first);
  });

  it('reads the Files of a folder picked in a browser', async () => {
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
    const files = walk(FOLDER).map((path) => {
      const file = new File([readFileSync(path)], path.split('/').pop()!);
      Object.defineProperty(file, 'webkitRelativePath', { value: `text/${relative(FOLDER, path)}` });
      return file;
    });
    const fromFiles = await collect(await utils.textDatasetFromDirectory(files, { labelMode: 'int', shuffle: false, maxLength: 6, verbose: false }));
    expect(fromFiles.texts).toEqual(keras.batches_int_max_length_6.texts);
    expect(fromFiles.labels).toEqual(keras.batches_int_max_length_6.labels);
  });

  it('reads a batch\'s files only when the batch is reached (one batch ahead), from a directory handle', async () => {
    const reads: string[] = [];
    class Folder {
      readonly kind = 'directory';
      constructor(readonly name: string, private readonly path: string) {}
      async *values() {
        for (const entry of readdirSync(this.path)) {
          const path = join(this.path, entry);
          if (statSync(path).isDirectory()) yield new Folder(entry, path);
          else yield { kind: 'file' as const, name: entry, getFile: async () => { reads.push(relative(FOLDER, path)); return new Blob([readFileSync(path)]); } };
        }
      }
    }
    const dataset = await utils.textDatasetFromDirectory(new Folder('text', FOLDER), { batchSize: 2, shuffle: false, verbose: false });
    expect(reads).toEqual([]);
    const iterator = dataset[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as [Tensor, Tensor];
    expect(first[0].dataSync<'string'>()).toEqual([textOf('neg/C.TXT'), textOf('neg/a.txt')]);
    dispose(first);
    expect(reads.length).toBeLessThanOrEqual(4);
    await iterator.return?.();
  });

  it("refuses Keras's wrong arguments with Keras's messages", async () => {
    const load = (options: object) => utils.textDatasetFromDirectory(FOLDER, { verbose: false, ...options });
    await expect(load({ labels: 'folders' })).rejects.toThrow(new ValueError(
      '`labels` argument should be a list/tuple of integer labels, of the same size as the number of text files in the target directory. '
      + 'If you wish to infer the labels from the subdirectory names in the target directory, pass `labels="inferred"`. '
      + "If you wish to get a dataset that only contains text samples (no labels), pass `labels=None`. Received: labels='folders'",
    ));
    await expect(load({ labels: [0, 1], classNames: ['a'] })).rejects.toThrow("You can only pass `class_names` if `labels=\"inferred\"`. Received: labels=[0, 1], and class_names=['a']");
    await expect(load({ labelMode: 'sparse' })).rejects.toThrow('`label_mode` argument must be one of "int", "categorical", "binary", or None. Received: label_mode=\'sparse\'');
    await expect(load({ labelMode: 'binary' })).rejects.toThrow("When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. Received: class_names=['neg', 'pos', 'zeta']");
    await expect(load({ validationSplit: 0.5, subset: 'both' })).rejects.toThrow('you must provide a `seed` argument');
    await expect(load({ format: 'grain' })).rejects.toThrow("text_dataset_from_directory: kerasm does not support the argument `format` (format) other than at its default 'tf'. Received: format='grain'");
    await expect(load({ batchSize: 0 })).rejects.toThrow('Batch size must be greater than zero. Received: batch_size=0');
    await expect(load({ maxLen: 3 })).rejects.toThrow("Unrecognized keyword arguments passed to text_dataset_from_directory: {'maxLen': 3}");
    const noText = join(FIXTURES, 'tree/images/cat');
    await expect(utils.textDatasetFromDirectory(noText, { labels: null, verbose: false })).rejects.toThrow(`No text files found in directory ${noText}. Allowed format: .txt`);
  });
});
