/**
 * The steps Keras's image and text directory loaders share: their checks of `labels`,
 * `label_mode` and the validation split, the default seed, indexing the directory, the binary
 * check, the split (one subset or both) and the datasets, shuffled from a buffer of 8 batches.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { globalRandom } from '../../utils/random.js';
import { pythonRepr } from '../../utils/python_repr.js';
import { directoryDataset, type DirectoryDataset } from './directory_dataset.js';
import type { FileTree } from './file_tree.js';
import { indexDirectory, type LabelsArg } from './index_directory.js';
import type { LabelMode } from './labels.js';
import { type DirectorySource, openTree } from './open_tree.js';
import { checkValidationSplitArg, type Subset, trainingOrValidationSplit } from './split.js';

/** The options both loaders take, resolved. */
export interface CommonOptions {
  labels: LabelsArg;
  labelMode: LabelMode | null;
  classNames: string[] | null;
  batchSize: number | null;
  shuffle: boolean;
  seed: number | null;
  validationSplit: number | null;
  subset: Subset | null;
  followLinks: boolean;
  verbose: boolean;
}

/** What differs between the loaders: the files they take and how a batch of them is read. */
export interface FileKind {
  formats: readonly string[];
  /** How Keras's messages name the files ('image files'), the samples ('images') and the files not found ('images'). */
  fileNoun: string;
  sampleNoun: string;
  missingNoun: string;
  /** The end of Keras's "No ... found" message, e.g. "Allowed format: .txt". */
  allowed: string;
  /** Reads the samples of `files` in `tree` (a batch, or one sample when not `batched`). */
  load: (tree: FileTree, files: readonly string[], batched: boolean) => Promise<Tensor>;
}

/** Keras's checks of `labels` and `label_mode`, made before any other. */
export function checkLabelArgs(options: CommonOptions, kind: Pick<FileKind, 'fileNoun' | 'sampleNoun'>): void {
  const { labels, classNames } = options;
  if (labels !== 'inferred' && labels !== null) {
    if (!Array.isArray(labels)) {
      throw new ValueError(
        `\`labels\` argument should be a list/tuple of integer labels, of the same size as the number of ${kind.fileNoun} in the target directory. `
        + 'If you wish to infer the labels from the subdirectory names in the target directory, pass `labels="inferred"`. '
        + `If you wish to get a dataset that only contains ${kind.sampleNoun} (no labels), pass \`labels=None\`. Received: labels=${pythonRepr(labels)}`,
      );
    }
    if (classNames && classNames.length > 0) {
      throw new ValueError(`You can only pass \`class_names\` if \`labels="inferred"\`. Received: labels=${pythonRepr(labels)}, and class_names=${pythonRepr(classNames)}`);
    }
  }
  if (!['int', 'categorical', 'binary', null].includes(options.labelMode)) {
    throw new ValueError(`\`label_mode\` argument must be one of "int", "categorical", "binary", or None. Received: label_mode=${pythonRepr(options.labelMode)}`);
  }
}

/** The loader's dataset, or `[training, validation]` for `subset: 'both'`. */
export async function loadDirectory(
  directory: DirectorySource, options: CommonOptions, kind: FileKind,
): Promise<{ datasets: DirectoryDataset[]; files: string[][]; tree: FileTree }> {
  const withLabels = options.labels !== null && options.labelMode !== null;
  if (options.batchSize !== null && !(Number.isInteger(options.batchSize) && options.batchSize > 0)) {
    // tf.data's refusal, which Keras's loaders meet when they batch.
    throw new ValueError(`Batch size must be greater than zero. Received: batch_size=${pythonRepr(options.batchSize)}`);
  }
  checkValidationSplitArg(options.validationSplit, options.subset, options.shuffle, options.seed);
  // Keras draws the seed both splits share: `np.random.randint(1e6)`.
  const seed = options.seed ?? Math.floor(globalRandom() * 1e6);
  const tree = await openTree(directory);
  const index = await indexDirectory(tree, {
    labels: withLabels ? options.labels : null, formats: kind.formats, classNames: options.classNames,
    shuffle: options.shuffle, seed, followLinks: options.followLinks, verbose: options.verbose,
  });
  const classNames = index.classNames;
  if (options.labelMode === 'binary' && withLabels && classNames!.length !== 2) {
    throw new ValueError(`When passing \`label_mode="binary"\`, there must be exactly 2 class_names. Received: class_names=${pythonRepr(classNames)}`);
  }
  const subsets: ('training' | 'validation' | null)[] = options.subset === 'both' ? ['training', 'validation'] : [options.subset];
  const splits = subsets.map((subset) => trainingOrValidationSplit(index.files, index.labels, options.validationSplit, subset));
  splits.forEach((split, i) => {
    if (split.files.length > 0) return;
    const which = options.subset === 'both' ? `${subsets[i]} ` : '';
    throw new ValueError(`No ${which}${kind.missingNoun} found in directory ${tree.root}. ${kind.allowed}`);
  });
  const bufferSize = options.batchSize !== null ? options.batchSize * 8 : 1024;
  const datasets = splits.map((split, i) => directoryDataset({
    files: split.files,
    labels: split.labels,
    labelMode: withLabels ? options.labelMode : null,
    numClasses: classNames ? classNames.length : 0,
    batchSize: options.batchSize,
    // Keras shuffles the training split only; the validation split of 'both' keeps its order.
    shuffle: options.shuffle && !(options.subset === 'both' && i === 1) ? { bufferSize, seed } : null,
    load: (files, batched) => kind.load(tree, files, batched),
  }, classNames));
  return { datasets, files: splits.map((split) => split.files), tree };
}
