/**
 * CenterCrop: cuts the centred `height` × `width` window out of each image. An image smaller than
 * that on either side is instead cropped to the target's aspect ratio and resized (bilinear), as
 * Keras's `smart_resize`. In training and inference alike; differentiable.
 */
import type { DataFormat } from '../../../arguments/data_format.js';
import { type KerasArgs, REQUIRED } from '../../../arguments/signature.js';
import { type LayerConfig, type ShapeOrShapes, layerSignature } from '../../../engine/layer.js';
import { registerBuiltIn } from '../../../engine/registry.js';
import type { SymbolicShape } from '../../../engine/shape.js';
import { spatialAxes } from '../../../ops/image.js';
import * as ops from '../../../ops/index.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { type ImageLayerArgs, ImagePreprocessingLayer } from './image_layer.js';

export interface CenterCropArgs extends ImageLayerArgs {
  /** The output's height. */
  height?: number;
  /** The output's width. */
  width?: number;
}

export class CenterCrop extends ImagePreprocessingLayer {
  static override className = 'CenterCrop';
  static override readonly signature = layerSignature<CenterCropArgs>()({ height: REQUIRED, width: REQUIRED, dataFormat: null });
  readonly height: number;
  readonly width: number;

  /** `new CenterCrop(224, 224)`. */
  constructor(...args: KerasArgs<[height: number, width: number], CenterCropArgs>) {
    const a = CenterCrop.signature.resolve(args, new.target);
    super(a);
    this.height = a.height;
    this.width = a.width;
  }

  call(inputs: Tensor): Tensor {
    this.checkRank(inputs.shape);
    const images = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const [height, width] = this.heightWidth(images.shape);
    const [top, left] = [Math.floor((height - this.height) / 2), Math.floor((width - this.width) / 2)];
    try {
      return cropWindow(images, this.dataFormat, [top, left], [this.height, this.width]);
    } finally {
      if (images !== inputs) images.dispose();
    }
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return this.withSize(inputShape as SymbolicShape, this.height, this.width);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), height: this.height, width: this.width };
  }
}

/**
 * The `height` × `width` window of `images` from (top, left); when the images are smaller than
 * the window, Keras's `smart_resize` instead: the largest centred window of the target's aspect
 * ratio, resized (bilinear).
 */
export function cropWindow(images: Tensor, dataFormat: DataFormat, [top, left]: [number, number], [height, width]: [number, number]): Tensor {
  if (top < 0 || left < 0) return ops.image.resize(images, [height, width], { cropToAspectRatio: true, dataFormat });
  const [h, w] = spatialAxes(images.shape.length, dataFormat);
  const start = images.shape.map(() => 0);
  const size = [...images.shape];
  [start[h], start[w], size[h], size[w]] = [top, left, height, width];
  return ops.slice(images, start, size);
}

registerBuiltIn(CenterCrop);
