/**
 * RandomZoom: in training, zooms each image about its centre by its own factor: `1 + z` with `z`
 * drawn uniformly from `heightFactor` (a number `f` for [-f, f], or `[lower, upper]`; negative
 * zooms in, positive zooms out, as Keras), and from `widthFactor` when given (else the width
 * zooms as the height). Positions from outside the image are filled by `fillMode`. In inference
 * the images pass through.
 */
import { type KerasArgs, REQUIRED } from '../../../arguments/signature.js';
import { type LayerConfig, layerSignature } from '../../../engine/layer.js';
import { registerBuiltIn } from '../../../engine/registry.js';
import type { AffineInterpolation } from '../../../ops/image.js';
import { type AffineLayerArgs, AffineImageLayer } from './affine_layer.js';
import { type Factor, boundedRange, factorConfig } from './image_layer.js';

export interface RandomZoomArgs extends AffineLayerArgs {
  /** The height's zoom range, each bound in (-1, 1]: `0.2` for [-20%, 20%], or `[lower, upper]`. */
  heightFactor?: Factor;
  /** The width's zoom range, as `heightFactor`; null (default) zooms the width as the height. */
  widthFactor?: Factor | null;
}

type FillModeArg = AffineLayerArgs['fillMode'];

const FACTOR_ERROR = 'The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the range (-1.0, 1.0]. ';
const inZoomRange = (f: number): boolean => f > -1 && f <= 1;

export class RandomZoom extends AffineImageLayer {
  static override className = 'RandomZoom';
  static override readonly signature = layerSignature<RandomZoomArgs>()({
    heightFactor: REQUIRED, widthFactor: null, fillMode: 'reflect', interpolation: 'bilinear', seed: null, fillValue: 0.0, dataFormat: null,
  });
  readonly heightFactor: Factor;
  readonly widthFactor: Factor | null;
  private readonly heightRange: [number, number];
  private readonly widthRange: [number, number] | null;

  /** `new RandomZoom(0.2)`, `new RandomZoom(-0.3, [-0.2, 0.1])`, or `new RandomZoom({ heightFactor: 0.2, fillMode: 'constant' })`. */
  constructor(...args: KerasArgs<[heightFactor: Factor, widthFactor: Factor | null, fillMode: FillModeArg, interpolation: AffineInterpolation, seed: number | null, fillValue: number], RandomZoomArgs>) {
    const a = RandomZoom.signature.resolve(args, new.target);
    super(a);
    this.heightRange = boundedRange(a.heightFactor, 'height_factor', FACTOR_ERROR, inZoomRange);
    this.widthRange = a.widthFactor === null ? null : boundedRange(a.widthFactor, 'width_factor', FACTOR_ERROR, inZoomRange);
    this.heightFactor = factorConfig(a.heightFactor);
    this.widthFactor = a.widthFactor === null ? null : factorConfig(a.widthFactor);
  }

  /** Keras's zoom matrix: each axis scaled by its zoom about the image's centre. */
  protected drawTransforms(count: number, height: number, width: number): number[][] {
    const zy = this.uniform(count, 1 + this.heightRange[0], 1 + this.heightRange[1]);
    const zx = this.widthRange === null ? zy : this.uniform(count, 1 + this.widthRange[0], 1 + this.widthRange[1]);
    return zy.map((y, i) => {
      const x = zx[i]!;
      return [x, 0, ((width - 1) / 2) * (1 - x), 0, y, ((height - 1) / 2) * (1 - y), 0, 0];
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), height_factor: this.heightFactor, width_factor: this.widthFactor };
  }
}

registerBuiltIn(RandomZoom);
