/**
 * The `utils` namespace, as `keras.utils`. Its functions live with what they work on (the folders
 * below); this file only gathers them under Keras's public name, as Keras's `keras/api` does.
 */
export { setRandomSeed } from '../utils/random.js';
export { toCategorical } from '../ops/to_categorical.js';
export { modelToDot, plotModel } from '../plot/index.js';
export { PyDataset } from '../data/py_dataset.js';
export type { PyDatasetArgs } from '../data/py_dataset.js';
export { Dataset, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY } from '../data/dataset.js';
export type { BatchOptions, ElementKind, ShuffleOptions } from '../data/dataset.js';
export { splitDataset } from '../data/split_dataset.js';
export type { SplitDatasetOptions } from '../data/split_dataset.js';
export { timeseriesDatasetFromArray } from '../data/timeseries.js';
export type { TimeseriesOptions } from '../data/timeseries.js';
export { padSequences } from '../data/pad_sequences.js';
export type { PadSequencesOptions } from '../data/pad_sequences.js';
export { normalize } from '../data/normalize.js';
export { imageDatasetFromDirectory } from '../data/directory/image_dataset_from_directory.js';
export type { ImageDatasetOptions, ImageDirectoryDataset } from '../data/directory/image_dataset_from_directory.js';
export { textDatasetFromDirectory } from '../data/directory/text_dataset_from_directory.js';
export type { TextDatasetOptions } from '../data/directory/text_dataset_from_directory.js';
export type { DirectoryDataset, DirectoryElement } from '../data/directory/directory_dataset.js';
export type { DirectorySource } from '../data/directory/open_tree.js';
export type { DirectoryHandleLike, FileHandleLike, FileLike } from '../data/directory/browser_tree.js';
