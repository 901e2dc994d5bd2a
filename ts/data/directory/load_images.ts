/**
 * Image files to one float32 tensor, as Keras's `_load_image_tf`: each file decoded with the
 * loader's channels, resized to `imageSize` (after cropping to the target's aspect ratio, as
 * Keras's `smart_resize`, or by TensorFlow's `resize_with_pad`: resized within the target, then
 * centred on zeros), transposed for 'channels_first', and stacked.
 */
import * as ops from '../../ops/index.js';
import { resize, type ResizeInterpolation } from '../../ops/image.js';
import { tensor } from '../../tensor/create.js';
import { tidy } from '../../tensor/scope.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { DataFormat } from '../../arguments/data_format.js';
import type { Pixels } from './channels.js';
import { decodeImage } from './decode_image.js';
import type { FileTree } from './file_tree.js';

export interface ImageSettings {
  channels: number;
  imageSize: [number, number];
  interpolation: ResizeInterpolation;
  cropToAspectRatio: boolean;
  padToAspectRatio: boolean;
  dataFormat: DataFormat;
}

/** The images of `files` (paths in `tree`) as one tensor: a batch, or one image when `batched` is false. */
export async function loadImages(tree: FileTree, files: readonly string[], settings: ImageSettings, batched: boolean): Promise<Tensor> {
  // Read concurrently, decode in file order, so a bad file is reported as Keras would: the first one.
  const contents = await Promise.all(files.map((file) => tree.read(file)));
  const decoded: Pixels[] = [];
  for (const [i, bytes] of contents.entries()) decoded.push(await decodeImage(bytes, settings.channels, tree.pathOf(files[i]!)));
  return tidy(() => {
    const images = decoded.map((pixels) => sizedImage(pixels, settings));
    return batched ? ops.stack(images, 0) : images[0]!;
  });
}

function sizedImage(pixels: Pixels, settings: ImageSettings): Tensor {
  const image = tensor(Float32Array.from(pixels.data), [pixels.height, pixels.width, pixels.channels], 'float32');
  const { imageSize, interpolation } = settings;
  const sized = settings.padToAspectRatio
    ? resizeWithPad(image, imageSize, interpolation)
    : resize(image, imageSize, { interpolation, cropToAspectRatio: settings.cropToAspectRatio });
  return settings.dataFormat === 'channels_first' ? ops.transpose(sized, [2, 0, 1]) : sized;
}

/** TensorFlow's `resize_with_pad`: the largest resize that fits the target, centred on zeros. */
function resizeWithPad(image: Tensor, [targetHeight, targetWidth]: [number, number], interpolation: ResizeInterpolation): Tensor {
  const [height, width] = image.shape as [number, number, number];
  const ratio = Math.max(width / targetWidth, height / targetHeight);
  const [resizedHeight, resizedWidth] = [height / ratio, width / ratio];
  const top = Math.max(0, Math.floor((targetHeight - resizedHeight) / 2));
  const left = Math.max(0, Math.floor((targetWidth - resizedWidth) / 2));
  const [h, w] = [Math.floor(resizedHeight), Math.floor(resizedWidth)];
  const resized = resize(image, [h, w], { interpolation });
  return ops.pad(resized, [[top, targetHeight - h - top], [left, targetWidth - w - left], [0, 0]]);
}
