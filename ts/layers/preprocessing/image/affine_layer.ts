/**
 * The random layers that move pixels (RandomRotation, RandomZoom, RandomTranslation): each draws
 * one affine transform per image in training and samples the images through it with
 * `ops.image.affineTransform`, filling what comes from outside the image by `fillMode`.
 */
import type { Tensor } from '../../../tensor/tensor.js';
import { type LayerConfig } from '../../../engine/layer.js';
import type { AffineInterpolation, FillMode } from '../../../ops/image.js';
import * as ops from '../../../ops/index.js';
import { tensor } from '../../../tensor/create.js';
import { ValueError } from '../../../utils/errors.js';
import { type ImageLayerArgs, RandomImageLayer } from './image_layer.js';

const FILL_MODES = ['reflect', 'wrap', 'constant', 'nearest'] as const;
const INTERPOLATIONS = ['nearest', 'bilinear'] as const;
const tuple = (names: readonly string[]): string => `(${names.map((n) => `'${n}'`).join(', ')})`;

export interface AffineLayerArgs extends ImageLayerArgs {
  /** How pixels from outside the image are filled: 'reflect' (default), 'wrap', 'constant' or 'nearest'. */
  fillMode?: Exclude<FillMode, 'mirror'>;
  /** 'bilinear' (default) or 'nearest'. */
  interpolation?: AffineInterpolation;
  /** Seed of the transforms' sequence. Default: random. */
  seed?: number | null;
  /** The value of 'constant' filling. Default 0. */
  fillValue?: number;
}

export abstract class AffineImageLayer extends RandomImageLayer {
  readonly fillMode: Exclude<FillMode, 'mirror'>;
  readonly interpolation: AffineInterpolation;
  readonly fillValue: number;

  constructor(args: AffineLayerArgs) {
    super(args);
    const { fillMode, interpolation } = args;
    if (!FILL_MODES.includes(fillMode!)) throw new ValueError(`Unknown \`fill_mode\` ${String(fillMode)}. Expected of one ${tuple(FILL_MODES)}.`);
    if (!INTERPOLATIONS.includes(interpolation!)) throw new ValueError(`Unknown \`interpolation\` ${String(interpolation)}. Expected of one ${tuple(INTERPOLATIONS)}.`);
    this.fillMode = fillMode!;
    this.interpolation = interpolation!;
    this.fillValue = args.fillValue!;
  }

  /** The 8 numbers of each image's transform (see `ops.image.affineTransform`), drawn anew. */
  protected abstract drawTransforms(count: number, height: number, width: number): number[][];

  call(inputs: Tensor, args: { training?: boolean }): Tensor {
    this.checkRank(inputs.shape);
    const images = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    if (args.training !== true) return images;
    const [height, width] = this.heightWidth(images.shape);
    const transforms = tensor(this.drawTransforms(this.batchSize(images), height, width));
    try {
      return ops.image.affineTransform(images, transforms, {
        interpolation: this.interpolation, fillMode: this.fillMode, fillValue: this.fillValue, dataFormat: this.dataFormat,
      });
    } finally {
      transforms.dispose();
      if (images !== inputs) images.dispose();
    }
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), fill_mode: this.fillMode, interpolation: this.interpolation, fill_value: this.fillValue };
  }
}
