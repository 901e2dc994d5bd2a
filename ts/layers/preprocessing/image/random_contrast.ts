/**
 * RandomContrast: in training, scales each image's deviation from its per-channel mean by its own
 * factor drawn uniformly from [1 - lower, 1 + upper] (`factor` a number `f` for [0, f], or
 * `[lower, upper]`, within [0, 1], as Keras 3 reads it), then clips to `valueRange`. In inference
 * the images pass through.
 */
import { type KerasArgs, REQUIRED } from '../../../arguments/signature.js';
import { type CallArgs, type LayerConfig, layerSignature } from '../../../engine/layer.js';
import { registerBuiltIn } from '../../../engine/registry.js';
import { spatialAxes } from '../../../ops/image.js';
import * as ops from '../../../ops/index.js';
import { tidy } from '../../../tensor/scope.js';
import { tensor } from '../../../tensor/create.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { ValueError } from '../../../utils/errors.js';
import { formatShape } from '../../../utils/python_repr.js';
import { type Factor, type ImageLayerArgs, RandomImageLayer, factorRange } from './image_layer.js';

export interface RandomContrastArgs extends ImageLayerArgs {
  /** The contrast factor's range: `0.2` for factors in [1, 1.2] (Keras 3's reading), or `[lower, upper]` for [1 - lower, 1 + upper]. */
  factor?: Factor;
  /** The images' value range, what the output is clipped to. Default [0, 255]. */
  valueRange?: [number, number];
  /** Seed of the factors' sequence. Default: random. */
  seed?: number | null;
}

export class RandomContrast extends RandomImageLayer {
  static override className = 'RandomContrast';
  static override readonly signature = layerSignature<RandomContrastArgs>()({ factor: REQUIRED, valueRange: [0, 255], seed: null }, { dataFormat: null });
  readonly factor: [number, number];
  readonly valueRange: [number, number];

  /** `new RandomContrast(0.2)`, or `new RandomContrast({ factor: [0.1, 0.3], valueRange: [0, 1] })`. */
  constructor(...args: KerasArgs<[factor: Factor, valueRange: [number, number], seed: number | null], RandomContrastArgs>) {
    const a = RandomContrast.signature.resolve(args, new.target);
    super(a);
    this.factor = factorRange(a.factor, [0, 1]);
    this.valueRange = [...a.valueRange];
  }

  /** This layer's own wording of the rank check, as Keras's. */
  protected override checkRank(shape: readonly (number | null)[]): void {
    if (shape.length !== 3 && shape.length !== 4) throw new ValueError(`Layer "${this.name}": Expected the input image to be rank 3 or 4. Received inputs.shape=${formatShape(shape)}`);
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    this.checkRank(inputs.shape);
    const images = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    if (args.training !== true) return images;
    const rank = images.shape.length;
    const count = this.batchSize(images);
    const factors = this.uniform(count, 1 - this.factor[0], 1 + this.factor[1]);
    return tidy(() => {
      const [h, w] = spatialAxes(rank, this.dataFormat);
      const mean = ops.mean(images, [h, w], true);
      const factor = tensor(factors, rank === 4 ? [count, 1, 1, 1] : [1, 1, 1]);
      const out = ops.clip(ops.add(ops.multiply(ops.subtract(images, mean), factor), mean), this.valueRange[0], this.valueRange[1]);
      if (images !== inputs) images.dispose();
      return out;
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), factor: [...this.factor], value_range: [...this.valueRange] };
  }
}

registerBuiltIn(RandomContrast);
