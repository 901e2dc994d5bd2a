/**
 * RandomCrop: in training, cuts a `height` × `width` window at a random position (one position
 * for the whole batch, as Keras) out of images larger than that on both sides; other images are
 * cropped to the target's aspect ratio about their centre and resized (bilinear). In inference
 * Keras 3.15 returns the images unchanged (although its output shape says `height` × `width`),
 * and so does kerasm.
 */
import { type KerasArgs, REQUIRED } from '../../../arguments/signature.js';
import { type CallArgs, type LayerConfig, type ShapeOrShapes, layerSignature } from '../../../engine/layer.js';
import { registerBuiltIn } from '../../../engine/registry.js';
import type { SymbolicShape } from '../../../engine/shape.js';
import * as ops from '../../../ops/index.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { makeDefaultSeed } from '../../../utils/random.js';
import { cropWindow } from './center_crop.js';
import { type ImageLayerArgs, RandomImageLayer } from './image_layer.js';

export interface RandomCropArgs extends ImageLayerArgs {
  /** The output's height. */
  height?: number;
  /** The output's width. */
  width?: number;
  /** Seed of the positions' sequence. Default: one drawn at construction (kept in the config, as Keras). */
  seed?: number | null;
}

export class RandomCrop extends RandomImageLayer {
  static override className = 'RandomCrop';
  static override readonly signature = layerSignature<RandomCropArgs>()({ height: REQUIRED, width: REQUIRED, seed: null, dataFormat: null, name: null });
  readonly height: number;
  readonly width: number;

  /** `new RandomCrop(224, 224)`, or `new RandomCrop({ height: 32, width: 32, seed: 7 })`. */
  constructor(...args: KerasArgs<[height: number, width: number, seed: number | null], RandomCropArgs>) {
    const a = RandomCrop.signature.resolve(args, new.target);
    super({ ...a, seed: a.seed ?? makeDefaultSeed() });
    this.height = a.height;
    this.width = a.width;
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    this.checkRank(inputs.shape);
    const images = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    if (args.training !== true) return images;
    try {
      return cropWindow(images, this.dataFormat, this.drawCorner(...this.heightWidth(images.shape)), [this.height, this.width]);
    } finally {
      if (images !== inputs) images.dispose();
    }
  }

  /** The window's top-left corner: uniform over the positions that fit, or -1 (smart resize) when the image is not larger on both sides. */
  private drawCorner(height: number, width: number): [number, number] {
    if (height <= this.height || width <= this.width) {
      // Keras then takes the centred window of the target's aspect ratio, resized: equal sizes keep the image.
      return height === this.height && width === this.width ? [0, 0] : [-1, -1];
    }
    const top = Math.floor(this.uniform(1, 0, height - this.height + 1)[0]!);
    const left = Math.floor(this.uniform(1, 0, width - this.width + 1)[0]!);
    return [top, left];
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return this.withSize(inputShape as SymbolicShape, this.height, this.width);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), height: this.height, width: this.width };
  }
}

registerBuiltIn(RandomCrop);
