/**
 * `imageDatasetFromDirectory`, as `keras.utils.image_dataset_from_directory`: the PNG and JPEG
 * files of class folders as a `Dataset` of float32 image batches (pixel values 0-255, resized to
 * `imageSize`) and their labels. Files are decoded batch by batch as the dataset is read.
 */
import { standardizeDataFormat, type DataFormat } from '../../arguments/data_format.js';
import { onlyDefault, signature } from '../../arguments/signature.js';
import { RESIZE_INTERPOLATIONS, type ResizeInterpolation } from '../../ops/image.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr } from '../../utils/python_repr.js';
import type { DirectoryDataset } from './directory_dataset.js';
import { checkLabelArgs, type FileKind, loadDirectory } from './directory_loader.js';
import type { LabelsArg } from './index_directory.js';
import type { LabelMode } from './labels.js';
import { type ImageSettings, loadImages } from './load_images.js';
import type { DirectorySource } from './open_tree.js';
import type { Subset } from './split.js';

/** The file endings Keras takes (GIF and BMP files are found, then refused when read). */
const ALLOWLIST_FORMATS = ['.bmp', '.gif', '.jpeg', '.jpg', '.png'] as const;
/** Keras's interpolations; 'area', 'gaussian' and 'mitchellcubic' are TensorFlow's only. */
const KERAS_INTERPOLATIONS = ['bilinear', 'nearest', 'bicubic', 'area', 'lanczos3', 'lanczos5', 'gaussian', 'mitchellcubic'] as const;
const CHANNELS = { grayscale: 1, rgb: 3, rgba: 4 } as const;
const IMAGE_NOUNS = { fileNoun: 'image files', sampleNoun: 'images', missingNoun: 'images' };

/** Keras's keywords of `image_dataset_from_directory`. */
export interface ImageDatasetOptions {
  /**
   * `'inferred'` (default: from the class folders), null (no labels), or one integer label per
   * image file, in the order of the files' sorted paths.
   */
  labels?: LabelsArg;
  /** `'int'` (default), `'categorical'`, `'binary'` (exactly 2 classes) or null (no labels). */
  labelMode?: LabelMode | null;
  /** With inferred labels: the class folders to use, in this order (default: all, sorted). */
  classNames?: string[] | null;
  /** `'grayscale'`, `'rgb'` (default) or `'rgba'`: 1, 3 or 4 channels. */
  colorMode?: keyof typeof CHANNELS;
  /** Default 32; null yields single images. */
  batchSize?: number | null;
  /** `[height, width]` (or one number for both) every image is resized to. Default [256, 256]. */
  imageSize?: readonly [number, number] | number;
  /** Shuffle the files (default true); otherwise they come in sorted order. */
  shuffle?: boolean;
  /** Seed of the shuffling, needed with `validationSplit`. Default null. */
  seed?: number | null;
  /** Fraction of the files kept for validation (the last ones after shuffling). Default null. */
  validationSplit?: number | null;
  /** `'training'`, `'validation'` or `'both'` (then two datasets). Only with `validationSplit`. */
  subset?: Subset | null;
  /** 'bilinear' (default), 'nearest', 'bicubic', 'lanczos3' or 'lanczos5' (TensorFlow's others are refused). */
  interpolation?: (typeof KERAS_INTERPOLATIONS)[number];
  /** Enter symlinked folders inside the class folders. Default false. */
  followLinks?: boolean;
  /** Resize without distortion by cutting the largest centred window of the target's aspect ratio. Default false. */
  cropToAspectRatio?: boolean;
  /** Resize without distortion to fit inside the target, centred on zeros. Default false. */
  padToAspectRatio?: boolean;
  /** 'channels_last' or 'channels_first'. Default null: 'channels_last'. */
  dataFormat?: DataFormat | null;
  /** Keras's choice of `tf.data` or Grain; kerasm returns its own `Dataset` and takes only 'tf'. */
  format?: 'tf';
  /** Print how many files and classes were found. Default true. */
  verbose?: boolean;
}

const imageSignature = signature<ImageDatasetOptions>()({
  labels: 'inferred', labelMode: 'int', classNames: null, colorMode: 'rgb', batchSize: 32, imageSize: [256, 256],
  shuffle: true, seed: null, validationSplit: null, subset: null, interpolation: 'bilinear', followLinks: false,
  cropToAspectRatio: false, padToAspectRatio: false, dataFormat: null, format: onlyDefault('tf'), verbose: true,
});

const owner = { name: 'image_dataset_from_directory' };

/** A dataset of images, with the files it reads in order (Keras's `file_paths`). */
export type ImageDirectoryDataset = DirectoryDataset & { readonly filePaths: string[] };

/**
 * A `Dataset` of `[images, labels]` batches from a folder whose sub-folders are the classes:
 * `images` float32 `[batchSize, height, width, channels]` (0-255), `labels` as `labelMode` says.
 * The folder is a path (Node), the `File`s of a picked folder, or a `FileSystemDirectoryHandle`.
 *
 * @example
 * const [train, val] = await utils.imageDatasetFromDirectory('flowers', { imageSize: [180, 180], validationSplit: 0.2, subset: 'both', seed: 1337 });
 * await model.fit(train, { validationData: val, epochs: 10 });
 */
export async function imageDatasetFromDirectory(directory: DirectorySource, options: ImageDatasetOptions & { subset: 'both' }): Promise<[ImageDirectoryDataset, ImageDirectoryDataset]>;
export async function imageDatasetFromDirectory(directory: DirectorySource, options?: ImageDatasetOptions): Promise<ImageDirectoryDataset>;
export async function imageDatasetFromDirectory(directory: DirectorySource, options: ImageDatasetOptions = {}): Promise<ImageDirectoryDataset | [ImageDirectoryDataset, ImageDirectoryDataset]> {
  const { colorMode, imageSize, interpolation, cropToAspectRatio, padToAspectRatio, dataFormat, ...common } = imageSignature.resolve([options], owner);
  checkLabelArgs(common, IMAGE_NOUNS);
  const settings: ImageSettings = {
    channels: channelsOf(colorMode),
    imageSize: sizeOf(imageSize),
    interpolation: interpolationOf(interpolation),
    cropToAspectRatio,
    padToAspectRatio,
    dataFormat: standardizeDataFormat(dataFormat),
  };
  if (cropToAspectRatio && padToAspectRatio) {
    throw new ValueError('Only one of `pad_to_aspect_ratio`, `crop_to_aspect_ratio` can be set to `True`.');
  }
  const kind: FileKind = {
    ...IMAGE_NOUNS,
    formats: ALLOWLIST_FORMATS,
    allowed: `Allowed formats: ${pythonRepr([...ALLOWLIST_FORMATS], 'tuple')}`,
    load: (tree, files, batched) => loadImages(tree, files, settings, batched),
  };
  const { datasets, files, tree } = await loadDirectory(directory, common, kind);
  const withPaths = datasets.map((dataset, i) => Object.assign(dataset, { filePaths: files[i]!.map((file) => tree.pathOf(file)) }));
  return common.subset === 'both' ? [withPaths[0]!, withPaths[1]!] : withPaths[0]!;
}

function channelsOf(colorMode: unknown): number {
  if (typeof colorMode === 'string' && Object.prototype.hasOwnProperty.call(CHANNELS, colorMode)) return CHANNELS[colorMode as keyof typeof CHANNELS];
  throw new ValueError(`\`color_mode\` must be one of {"rgb", "rgba", "grayscale"}. Received: color_mode=${String(colorMode)}`);
}

function sizeOf(imageSize: unknown): [number, number] {
  if (typeof imageSize === 'number') return [imageSize, imageSize];
  if (Array.isArray(imageSize) && imageSize.length === 2) return [imageSize[0], imageSize[1]];
  throw new ValueError(`Invalid \`image_size\` value. Expected a tuple of 2 integers. Received: image_size=${pythonRepr(imageSize)}`);
}

function interpolationOf(value: unknown): ResizeInterpolation {
  const name = String(value).toLowerCase();
  if (!(KERAS_INTERPOLATIONS as readonly string[]).includes(name)) {
    throw new ValueError(`Argument \`interpolation\` should be one of ${pythonRepr([...KERAS_INTERPOLATIONS], 'tuple')}. Received: interpolation=${String(value)}`);
  }
  if (!(RESIZE_INTERPOLATIONS as readonly string[]).includes(name)) {
    throw new ValueError(`kerasm cannot resize with interpolation='${name}' (a TensorFlow-only method); use one of ${pythonRepr([...RESIZE_INTERPOLATIONS], 'tuple')}.`);
  }
  return name as ResizeInterpolation;
}
