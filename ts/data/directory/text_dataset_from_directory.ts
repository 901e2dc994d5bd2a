/**
 * `textDatasetFromDirectory`, as `keras.utils.text_dataset_from_directory`: the `.txt` files of
 * class folders as a `Dataset` of string tensors (each file's whole text) and their labels.
 */
import { onlyDefault, signature } from '../../arguments/signature.js';
import { stringTensor } from '../../tensor/strings.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import type { DirectoryDataset } from './directory_dataset.js';
import { checkLabelArgs, type FileKind, loadDirectory } from './directory_loader.js';
import type { FileTree } from './file_tree.js';
import type { LabelsArg } from './index_directory.js';
import type { LabelMode } from './labels.js';
import type { DirectorySource } from './open_tree.js';
import type { Subset } from './split.js';

/** Keras's keywords of `text_dataset_from_directory`. */
export interface TextDatasetOptions {
  /**
   * `'inferred'` (default: from the class folders), null (no labels), or one integer label per
   * text file, in the order of the files' sorted paths.
   */
  labels?: LabelsArg;
  /** `'int'` (default), `'categorical'`, `'binary'` (exactly 2 classes) or null (no labels). */
  labelMode?: LabelMode | null;
  /** With inferred labels: the class folders to use, in this order (default: all, sorted). */
  classNames?: string[] | null;
  /** Default 32; null yields single samples. */
  batchSize?: number | null;
  /** Keep at most this many bytes of each text (UTF-8, as TensorFlow's `substr`). Default null. */
  maxLength?: number | null;
  /** Shuffle the files (default true); otherwise they come in sorted order. */
  shuffle?: boolean;
  /** Seed of the shuffling, needed with `validationSplit`. Default null. */
  seed?: number | null;
  /** Fraction of the files kept for validation (the last ones after shuffling). Default null. */
  validationSplit?: number | null;
  /** `'training'`, `'validation'` or `'both'` (then two datasets). Only with `validationSplit`. */
  subset?: Subset | null;
  /** Enter symlinked folders inside the class folders. Default false. */
  followLinks?: boolean;
  /** Keras's choice of `tf.data` or Grain; kerasm returns its own `Dataset` and takes only 'tf'. */
  format?: 'tf';
  /** Print how many files and classes were found. Default true. */
  verbose?: boolean;
}

const textSignature = signature<TextDatasetOptions>()({
  labels: 'inferred', labelMode: 'int', classNames: null, batchSize: 32, maxLength: null, shuffle: true, seed: null,
  validationSplit: null, subset: null, followLinks: false, format: onlyDefault('tf'), verbose: true,
});

const owner = { name: 'text_dataset_from_directory' };

/**
 * A `Dataset` of `[texts, labels]` batches from a folder whose sub-folders are the classes:
 * `texts` a string tensor of shape `[batchSize]`, `labels` as `labelMode` says. The folder is a
 * path (Node), the `File`s of a picked folder, or a `FileSystemDirectoryHandle` (browsers).
 *
 * @example
 * const [train, val] = await utils.textDatasetFromDirectory('aclImdb/train', { validationSplit: 0.2, subset: 'both', seed: 1337 });
 * await model.fit(train, { validationData: val, epochs: 3 });
 */
export async function textDatasetFromDirectory(directory: DirectorySource, options: TextDatasetOptions & { subset: 'both' }): Promise<[DirectoryDataset, DirectoryDataset]>;
export async function textDatasetFromDirectory(directory: DirectorySource, options?: TextDatasetOptions): Promise<DirectoryDataset>;
export async function textDatasetFromDirectory(directory: DirectorySource, options: TextDatasetOptions = {}): Promise<DirectoryDataset | [DirectoryDataset, DirectoryDataset]> {
  const resolved = textSignature.resolve([options], owner);
  const { maxLength, ...common } = resolved;
  const kind = textFiles(maxLength);
  checkLabelArgs(common, kind);
  const { datasets } = await loadDirectory(directory, common, kind);
  return resolved.subset === 'both' ? [datasets[0]!, datasets[1]!] : datasets[0]!;
}

function textFiles(maxLength: number | null): FileKind {
  if (maxLength !== null && !(Number.isInteger(maxLength) && maxLength >= 0)) {
    throw new ValueError(`\`max_length\` must be a non-negative integer or None. Received: max_length=${maxLength}`);
  }
  return {
    formats: ['.txt'],
    fileNoun: 'text files',
    sampleNoun: 'text samples',
    missingNoun: 'text files',
    allowed: 'Allowed format: .txt',
    load: (tree, files, batched) => readTexts(tree, files, maxLength, batched),
  };
}

const utf8 = new TextDecoder('utf-8');

async function readTexts(tree: FileTree, files: readonly string[], maxLength: number | null, batched: boolean): Promise<Tensor> {
  // Bytes are cut before decoding, as TensorFlow's `substr`; a character cut in two reads as U+FFFD.
  const texts = await Promise.all(files.map(async (file) => {
    const bytes = await tree.read(file);
    return utf8.decode(maxLength === null ? bytes : bytes.subarray(0, maxLength));
  }));
  return stringTensor(batched ? texts : texts[0]!, batched ? [texts.length] : []);
}
