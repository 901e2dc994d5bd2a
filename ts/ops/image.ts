/**
 * `resize` and `affineTransform`, as `keras.ops.image.resize` / `affine_transform` on Keras's JAX
 * backend: a single image (rank 3) or a batch (rank 4), `channels_last` (default) or
 * `channels_first`. The kernels run in Rust on batches of `channels_last` images, with their
 * backward (to the images); here the images are moved into that layout and back, and `resize`
 * first crops or pads to the target aspect ratio when asked. On a KerasTensor they record
 * Keras's `Resize` / `AffineTransform` nodes.
 */
import { REQUIRED, signature } from '../arguments/signature.js';
import { type DataFormat, standardizeDataFormat } from '../arguments/data_format.js';
import { call } from '../runtime/binding.js';
import { wrap } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import { type Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';
import { expandDims, squeeze } from './dims.js';
import { pad } from './pad.js';
import { type TensorArg, requireTensor } from './operands.js';
import { slice, transpose } from './shape.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import type { TensorSpec } from './symbolic/spec.js';

/** `resize`'s interpolations, in Keras's (JAX backend's) order. */
export const RESIZE_INTERPOLATIONS = ['bilinear', 'nearest', 'lanczos3', 'lanczos5', 'bicubic'] as const;
export type ResizeInterpolation = (typeof RESIZE_INTERPOLATIONS)[number];
/** `affineTransform`'s interpolations. */
export const AFFINE_INTERPOLATIONS = ['nearest', 'bilinear'] as const;
export type AffineInterpolation = (typeof AFFINE_INTERPOLATIONS)[number];
/** How `affineTransform` fills positions outside the image. */
export const FILL_MODES = ['constant', 'nearest', 'wrap', 'mirror', 'reflect'] as const;
export type FillMode = (typeof FILL_MODES)[number];

const setRepr = (names: readonly string[]): string => `{${names.map((n) => `'${n}'`).join(', ')}}`;

/** Keras's check of an interpolation name (`set` lists the names as a Python set, else a tuple). */
export function checkInterpolation<N extends string>(value: unknown, names: readonly N[], set: boolean): N {
  if (names.includes(value as N)) return value as N;
  const listed = set ? setRepr(names) : `(${names.map((n) => `'${n}'`).join(', ')})`;
  throw new ValueError(`Invalid value for argument \`interpolation\`. Expected of one ${listed}. Received: interpolation=${String(value)}`);
}

/** Keras's check of a fill mode. */
export function checkFillMode(value: unknown): FillMode {
  if (FILL_MODES.includes(value as FillMode)) return value as FillMode;
  throw new ValueError(`Invalid value for argument \`fill_mode\`. Expected of one ${setRepr(FILL_MODES)}. Received: fill_mode=${String(value)}`);
}

/** Keras's check that images are one image (rank 3) or a batch (rank 4). */
export function checkImagesRank(shape: readonly (number | null)[]): void {
  if (shape.length !== 3 && shape.length !== 4) {
    throw new ValueError(`Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received input with shape: images.shape=${formatShape(shape)}`);
  }
}

/** The height and width axes of images of rank 3 or 4 in `dataFormat`. */
export function spatialAxes(rank: number, dataFormat: DataFormat): [number, number] {
  return dataFormat === 'channels_last' ? [rank - 3, rank - 2] : [rank - 2, rank - 1];
}

/** `f` applied to `images` as a `channels_last` batch, its result moved back into the images' layout and rank. */
function asChannelsLastBatch(images: Tensor, dataFormat: DataFormat, f: (batch: Tensor) => Tensor): Tensor {
  checkImagesRank(images.shape);
  return tidy(() => {
    const single = images.shape.length === 3;
    let batch = single ? expandDims(images, 0) : images;
    if (dataFormat === 'channels_first') batch = transpose(batch, [0, 2, 3, 1]);
    let out = f(batch);
    if (dataFormat === 'channels_first') out = transpose(out, [0, 3, 1, 2]);
    return single ? squeeze(out, 0) : out;
  });
}

interface ResizeConfig {
  size: [number, number];
  interpolation: ResizeInterpolation;
  antialias: boolean;
  cropToAspectRatio: boolean;
  padToAspectRatio: boolean;
  fillMode: 'constant';
  fillValue: number;
  dataFormat: DataFormat;
}

function checkResize(config: ResizeConfig): void {
  checkInterpolation(config.interpolation, RESIZE_INTERPOLATIONS, false);
  if (config.fillMode !== 'constant') {
    throw new ValueError(`Invalid value for argument \`fill_mode\`. Only \`'constant'\` is supported. Received: fill_mode=${String(config.fillMode)}`);
  }
  if (config.padToAspectRatio && config.cropToAspectRatio) {
    throw new ValueError('Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.');
  }
  const size = config.size as unknown;
  if (!Array.isArray(size) || size.length !== 2 || !size.every((d) => Number.isInteger(d) && d > 0)) {
    throw new ValueError(`Argument \`size\` must be a tuple of two elements (height, width). Received: size=${pythonRepr(size)}`);
  }
}

/** A channels_last batch cut to the target's aspect ratio about its centre, as Keras computes the window. */
function cropToAspectRatio(batch: Tensor, [targetHeight, targetWidth]: [number, number]): Tensor {
  const [n, height, width, channels] = batch.shape as [number, number, number, number];
  const cropHeight = Math.max(Math.min(height, Math.trunc((width * targetHeight) / targetWidth)), 1);
  const cropWidth = Math.max(Math.min(width, Math.trunc((height * targetWidth) / targetHeight)), 1);
  const top = Math.trunc((height - cropHeight) / 2);
  const left = Math.trunc((width - cropWidth) / 2);
  return slice(batch, [0, top, left, 0], [n, cropHeight, cropWidth, channels]);
}

/** A channels_last batch padded with `fillValue` to the target's aspect ratio, evenly on the short side, as Keras. */
function padToAspectRatio(batch: Tensor, [targetHeight, targetWidth]: [number, number], fillValue: number): Tensor {
  const [, height, width] = batch.shape as [number, number, number, number];
  const padHeight = Math.max(height, Math.trunc((width * targetHeight) / targetWidth));
  const padWidth = Math.max(width, Math.trunc((height * targetWidth) / targetHeight));
  const top = Math.trunc((padHeight - height) / 2);
  const left = Math.trunc((padWidth - width) / 2);
  // Keras pads the same amount on both sides (so an odd difference loses a row), height first.
  if (top > 0) return pad(batch, [[0, 0], [top, top], [0, 0], [0, 0]], { constantValues: fillValue });
  if (left > 0) return pad(batch, [[0, 0], [0, 0], [left, left], [0, 0]], { constantValues: fillValue });
  return batch;
}

const resizeSignature = signature<ResizeConfig>()({
  size: REQUIRED, interpolation: 'bilinear', antialias: false, cropToAspectRatio: false, padToAspectRatio: false,
  fillMode: 'constant', fillValue: 0.0, dataFormat: 'channels_last',
});

const Resize = defineOp<[images: Tensor], Record<string, never>, ResizeConfig>({
  className: 'Resize', module: 'keras.src.ops.image',
  config: resizeSignature,
  compute: ([images], _, config) => {
    checkResize(config);
    const x = requireTensor(images, 'images', 'resize');
    return asChannelsLastBatch(x, standardizeDataFormat(config.dataFormat), (batch) => {
      let framed = batch;
      if (config.cropToAspectRatio) framed = cropToAspectRatio(batch, config.size);
      else if (config.padToAspectRatio) framed = padToAspectRatio(batch, config.size, config.fillValue);
      const [height, width] = config.size;
      return wrap('resize', call('resize', (w) => w.resize(framed.handle, height, width, config.interpolation, config.antialias)));
    });
  },
  outputSpec: ([images], _, config) => {
    checkResize(config);
    checkImagesRank(images.shape);
    const shape = [...images.shape];
    const [h, w] = spatialAxes(shape.length, standardizeDataFormat(config.dataFormat));
    [shape[h], shape[w]] = config.size;
    return { shape, dtype: 'float32' };
  },
});

/** Options of `resize`, as `keras.ops.image.resize`'s keywords. */
export interface ResizeOptions {
  /** One of RESIZE_INTERPOLATIONS. Default 'bilinear'. */
  interpolation?: ResizeInterpolation;
  /** Widen the kernel when downscaling, as `jax.image.resize` (no effect on 'nearest'). Default false. */
  antialias?: boolean;
  /** First cut the largest centred window of the target's aspect ratio. Default false. */
  cropToAspectRatio?: boolean;
  /** First pad the short side evenly to the target's aspect ratio. Default false. */
  padToAspectRatio?: boolean;
  /** How padding is filled: only 'constant'. */
  fillMode?: 'constant';
  /** The padding's value. Default 0. */
  fillValue?: number;
  /** 'channels_last' (default) or 'channels_first'. */
  dataFormat?: DataFormat | null;
}

/**
 * Images resized to `size` = [height, width].
 * @example ops.image.resize(images, [64, 64], { interpolation: 'bicubic', antialias: true })
 */
export function resize<X extends TensorArg>(images: X, size: [number, number], options: ResizeOptions = {}): OpResult<X> {
  const config = resizeSignature.resolve([{ ...options, size: [...size], dataFormat: standardizeDataFormat(options.dataFormat) }], Resize);
  return Resize.invoke(config, [images]);
}

interface AffineConfig {
  interpolation: AffineInterpolation;
  fillMode: FillMode;
  fillValue: number;
  dataFormat: DataFormat;
}

function transformSpec(transform: TensorSpec): void {
  const rank = transform.shape.length;
  if (rank !== 1 && rank !== 2) {
    throw new ValueError(`Invalid transform rank: expected rank 1 (single transform) or rank 2 (batch of transforms). Received input with shape: transform.shape=${formatShape(transform.shape)}`);
  }
}

const affineSignature = signature<AffineConfig>()({ interpolation: 'bilinear', fillMode: 'constant', fillValue: 0, dataFormat: 'channels_last' });

const AffineTransform = defineOp<[images: Tensor, transform: Tensor], Record<string, never>, AffineConfig>({
  className: 'AffineTransform', module: 'keras.src.ops.image',
  config: affineSignature,
  compute: ([images, transform], _, config) => {
    const [interpolation, fillMode] = [checkInterpolation(config.interpolation, AFFINE_INTERPOLATIONS, true), checkFillMode(config.fillMode)];
    const m = requireTensor(transform, 'transform', 'affineTransform');
    transformSpec(m);
    return asChannelsLastBatch(requireTensor(images, 'images', 'affineTransform'), standardizeDataFormat(config.dataFormat), (batch) => {
      const matrices = m.shape.length === 1 ? expandDims(m, 0) : m;
      return wrap('affineTransform', call('affineTransform', (w) => w.affine_transform(batch.handle, matrices.handle, interpolation, fillMode, config.fillValue)));
    });
  },
  outputSpec: ([images, transform], _, config) => {
    checkInterpolation(config.interpolation, AFFINE_INTERPOLATIONS, true);
    checkFillMode(config.fillMode);
    checkImagesRank(images.shape);
    transformSpec(transform);
    return { shape: [...images.shape], dtype: 'float32' };
  },
});

/** Options of `affineTransform`, as `keras.ops.image.affine_transform`'s keywords. */
export interface AffineTransformOptions {
  /** 'nearest' or 'bilinear' (default). */
  interpolation?: AffineInterpolation;
  /** How positions outside the image are filled: one of FILL_MODES. Default 'constant'. */
  fillMode?: FillMode;
  /** The value of 'constant' filling. Default 0. */
  fillValue?: number;
  /** 'channels_last' (default) or 'channels_first'. */
  dataFormat?: DataFormat | null;
}

/**
 * Images sampled through `transform`: 8 numbers `[a0, a1, a2, b0, b1, b2, c0, c1]` per image (or
 * one set for all) mapping output pixel (x, y) to input column `a0·x + a1·y + a2` and row
 * `b0·x + b1·y + b2` (`c0`, `c1` as Keras's JAX backend reads them: 0 for affine maps).
 */
export function affineTransform<X extends TensorArg>(images: X, transform: TensorArg, options: AffineTransformOptions = {}): OpResult<X> {
  const config = affineSignature.resolve([{ ...options, dataFormat: standardizeDataFormat(options.dataFormat) }], AffineTransform);
  return AffineTransform.invoke(config, [images, transform]) as OpResult<X>;
}
