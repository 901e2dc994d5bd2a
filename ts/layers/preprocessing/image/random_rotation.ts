/**
 * RandomRotation: in training, rotates each image by its own angle drawn uniformly from
 * `factor` × 360 degrees (a number `f` for [-f, f], or `[lower, upper]`), about the image's
 * centre, as Keras computes the rotation matrix; positions from outside the image are filled by
 * `fillMode`. In inference the images pass through.
 */
import { type KerasArgs, REQUIRED } from '../../../arguments/signature.js';
import { type LayerConfig, layerSignature } from '../../../engine/layer.js';
import { registerBuiltIn } from '../../../engine/registry.js';
import type { AffineInterpolation } from '../../../ops/image.js';
import { type AffineLayerArgs, AffineImageLayer } from './affine_layer.js';
import { type Factor, factorRange } from './image_layer.js';

export interface RandomRotationArgs extends AffineLayerArgs {
  /** The angle's range as a fraction of a full turn: `0.2` for [-72°, 72°], or `[lower, upper]`. */
  factor?: Factor;
}

type FillModeArg = AffineLayerArgs['fillMode'];

export class RandomRotation extends AffineImageLayer {
  static override className = 'RandomRotation';
  static override readonly signature = layerSignature<RandomRotationArgs>()({
    factor: REQUIRED, fillMode: 'reflect', interpolation: 'bilinear', seed: null, fillValue: 0.0, dataFormat: null,
  });
  /** The angle's range as fractions of a full turn, `[lower, upper]`. */
  readonly factor: [number, number];

  /** `new RandomRotation(0.2)`, or `new RandomRotation({ factor: [-0.1, 0.3], fillMode: 'constant' })`. */
  constructor(...args: KerasArgs<[factor: Factor, fillMode: FillModeArg, interpolation: AffineInterpolation, seed: number | null, fillValue: number], RandomRotationArgs>) {
    const a = RandomRotation.signature.resolve(args, new.target);
    super(a);
    this.factor = factorRange(a.factor, [-1, 1]);
  }

  /** Keras's `_compute_affine_matrix` for a rotation about the centre, one angle per image. */
  protected drawTransforms(count: number, height: number, width: number): number[][] {
    const [cx, cy] = [0.5 * (width - 1), 0.5 * (height - 1)];
    return this.uniform(count, this.factor[0] * 360, this.factor[1] * 360).map((degrees) => {
      const angle = (degrees * Math.PI) / 180;
      const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
      return [cos, -sin, cx - cx * cos + cy * sin, sin, cos, cy - cx * sin - cy * cos, 0, 0];
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), factor: [...this.factor] };
  }
}

registerBuiltIn(RandomRotation);
