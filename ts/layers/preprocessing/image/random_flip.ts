/**
 * RandomFlip: in training, flips each image with probability 1/2: left-right ('horizontal'),
 * upside down ('vertical'), or both at once ('horizontal_and_vertical', the default: one draw per
 * image decides both, as Keras). In inference the images pass through.
 */
import { type KerasArgs } from '../../../arguments/signature.js';
import { type CallArgs, type LayerConfig, layerSignature } from '../../../engine/layer.js';
import { registerBuiltIn } from '../../../engine/registry.js';
import { spatialAxes } from '../../../ops/image.js';
import * as ops from '../../../ops/index.js';
import { tidy } from '../../../tensor/scope.js';
import { tensor } from '../../../tensor/create.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { ValueError } from '../../../utils/errors.js';
import { type ImageLayerArgs, RandomImageLayer } from './image_layer.js';

export type FlipMode = 'horizontal' | 'vertical' | 'horizontal_and_vertical';
const MODES: readonly FlipMode[] = ['horizontal', 'vertical', 'horizontal_and_vertical'];

export interface RandomFlipArgs extends ImageLayerArgs {
  /** Which flips: 'horizontal', 'vertical' or 'horizontal_and_vertical' (default). */
  mode?: FlipMode;
  /** Seed of the flips' sequence. Default: random. */
  seed?: number | null;
}

export class RandomFlip extends RandomImageLayer {
  static override className = 'RandomFlip';
  static override readonly signature = layerSignature<RandomFlipArgs>()({ mode: 'horizontal_and_vertical', seed: null, dataFormat: null });
  readonly mode: FlipMode;

  /** `new RandomFlip('horizontal')`, or `new RandomFlip({ mode: 'vertical', seed: 7 })`. */
  constructor(...args: KerasArgs<[mode: FlipMode, seed: number | null], RandomFlipArgs>) {
    const a = RandomFlip.signature.resolve(args, new.target);
    super(a);
    if (!MODES.includes(a.mode)) {
      // Keras takes any mode (an unknown one never flips); kerasm names the valid ones instead.
      throw new ValueError(`Invalid value for argument \`mode\`. Expected one of ('horizontal', 'vertical', 'horizontal_and_vertical'). Received: mode=${String(a.mode)}`);
    }
    this.mode = a.mode;
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    this.checkRank(inputs.shape);
    const images = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    if (args.training !== true) return images;
    const rank = images.shape.length;
    const [height, width] = this.heightWidth(images.shape);
    const count = this.batchSize(images);
    // Keras flips where a uniform draw is <= 0.5, one draw per image.
    const flips = this.uniform(count, 0, 1).map((u) => (u <= 0.5 ? 1 : 0));
    return tidy(() => {
      const flipped = this.axesToFlip(rank, height, width).reduce((x, [axis, size]) => ops.take(x, reversed(size), axis), images);
      const where = tensor(flips, rank === 4 ? [count, 1, 1, 1] : [1, 1, 1]);
      const out = ops.where(where, flipped, images);
      if (images !== inputs) images.dispose();
      return out;
    });
  }

  /** The axes the mode flips, each with its size: width for 'horizontal', height for 'vertical'. */
  private axesToFlip(rank: number, height: number, width: number): [axis: number, size: number][] {
    const [h, w] = spatialAxes(rank, this.dataFormat);
    const axes: [number, number][] = [];
    if (this.mode !== 'vertical') axes.push([w, width]);
    if (this.mode !== 'horizontal') axes.push([h, height]);
    return axes;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), mode: this.mode };
  }
}

/** The indices size - 1, ..., 0. */
function reversed(size: number): number[] {
  return Array.from({ length: size }, (_, i) => size - 1 - i);
}

registerBuiltIn(RandomFlip);
