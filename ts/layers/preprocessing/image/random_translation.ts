/**
 * RandomTranslation: in training, shifts each image by its own offsets: a fraction of its height
 * drawn uniformly from `heightFactor` and of its width from `widthFactor` (each a number `f` for
 * [-f, f], or `[lower, upper]`, within [-1, 1]). Positions from outside the image are filled by
 * `fillMode`. In inference the images pass through.
 */
import { type KerasArgs, REQUIRED } from '../../../arguments/signature.js';
import { type LayerConfig, layerSignature } from '../../../engine/layer.js';
import { registerBuiltIn } from '../../../engine/registry.js';
import type { AffineInterpolation } from '../../../ops/image.js';
import { type AffineLayerArgs, AffineImageLayer } from './affine_layer.js';
import { type Factor, boundedRange, factorConfig } from './image_layer.js';

export interface RandomTranslationArgs extends AffineLayerArgs {
  /** The vertical shift's range as a fraction of the height: `0.2` for [-20%, 20%], or `[lower, upper]`. */
  heightFactor?: Factor;
  /** The horizontal shift's range as a fraction of the width, as `heightFactor`. */
  widthFactor?: Factor;
}

type FillModeArg = AffineLayerArgs['fillMode'];

const FACTOR_ERROR = 'The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. ';
const inShiftRange = (f: number): boolean => f >= -1 && f <= 1;

export class RandomTranslation extends AffineImageLayer {
  static override className = 'RandomTranslation';
  static override readonly signature = layerSignature<RandomTranslationArgs>()({
    heightFactor: REQUIRED, widthFactor: REQUIRED, fillMode: 'reflect', interpolation: 'bilinear', seed: null, fillValue: 0.0, dataFormat: null,
  });
  readonly heightFactor: Factor;
  readonly widthFactor: Factor;
  private readonly heightRange: [number, number];
  private readonly widthRange: [number, number];

  /** `new RandomTranslation(0.1, 0.2)`, or `new RandomTranslation({ heightFactor: [-0.2, 0], widthFactor: 0.1 })`. */
  constructor(...args: KerasArgs<[heightFactor: Factor, widthFactor: Factor, fillMode: FillModeArg, interpolation: AffineInterpolation, seed: number | null, fillValue: number], RandomTranslationArgs>) {
    const a = RandomTranslation.signature.resolve(args, new.target);
    super(a);
    this.heightRange = boundedRange(a.heightFactor, 'height_factor', FACTOR_ERROR, inShiftRange);
    this.widthRange = boundedRange(a.widthFactor, 'width_factor', FACTOR_ERROR, inShiftRange);
    this.heightFactor = factorConfig(a.heightFactor);
    this.widthFactor = factorConfig(a.widthFactor);
  }

  /** Keras's translation matrix: output (x, y) reads input (x - dx, y - dy). */
  protected drawTransforms(count: number, height: number, width: number): number[][] {
    const dy = this.uniform(count, this.heightRange[0], this.heightRange[1]).map((f) => f * height);
    const dx = this.uniform(count, this.widthRange[0], this.widthRange[1]).map((f) => f * width);
    return dy.map((y, i) => [1, 0, -dx[i]!, 0, 1, -y, 0, 0]);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), height_factor: this.heightFactor, width_factor: this.widthFactor };
  }
}

registerBuiltIn(RandomTranslation);
