/**
 * RandomBrightness: in training, adds to each image its own delta, drawn uniformly from `factor`
 * (a number `f` for [-f, f], or `[lower, upper]`, within [-1, 1]) times the width of
 * `valueRange`, then clips to `valueRange`. In inference the images pass through.
 */
import { type KerasArgs, REQUIRED } from '../../../arguments/signature.js';
import { type CallArgs, type LayerConfig, layerSignature } from '../../../engine/layer.js';
import { registerBuiltIn } from '../../../engine/registry.js';
import * as ops from '../../../ops/index.js';
import { tidy } from '../../../tensor/scope.js';
import { tensor } from '../../../tensor/create.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { ValueError } from '../../../utils/errors.js';
import { formatShape, pythonRepr } from '../../../utils/python_repr.js';
import { type Factor, type ImageLayerArgs, RandomImageLayer, factorRange } from './image_layer.js';

export interface RandomBrightnessArgs extends ImageLayerArgs {
  /** The delta's range as a fraction of `valueRange`: `0.2` for [-20%, 20%], or `[lower, upper]`. */
  factor?: Factor;
  /** The images' value range: the deltas' scale and what the output is clipped to. Default [0, 255]. */
  valueRange?: [number, number];
  /** Seed of the deltas' sequence. Default: random. */
  seed?: number | null;
}

export class RandomBrightness extends RandomImageLayer {
  static override className = 'RandomBrightness';
  static override readonly signature = layerSignature<RandomBrightnessArgs>()({ factor: REQUIRED, valueRange: [0, 255], seed: null }, { dataFormat: null });
  readonly factor: [number, number];
  readonly valueRange: [number, number];

  /** `new RandomBrightness(0.2)`, or `new RandomBrightness({ factor: [-0.1, 0.3], valueRange: [0, 1] })`. */
  constructor(...args: KerasArgs<[factor: Factor, valueRange: [number, number], seed: number | null], RandomBrightnessArgs>) {
    const a = RandomBrightness.signature.resolve(args, new.target);
    super(a);
    this.factor = factorRange(a.factor, [-1, 1]);
    const range = a.valueRange as unknown;
    if (!Array.isArray(range) || range.length !== 2) {
      throw new ValueError(`The \`value_range\` argument should be a list of two numbers. Received: value_range=${pythonRepr(range)}`);
    }
    this.valueRange = [Math.min(range[0], range[1]), Math.max(range[0], range[1])];
  }

  /** This layer's own wording of the rank check, as Keras's. */
  protected override checkRank(shape: readonly (number | null)[]): void {
    if (shape.length !== 3 && shape.length !== 4) throw new ValueError(`Layer "${this.name}": Expected the input image to be rank 3 or 4. Received inputs.shape=${formatShape(shape)}`);
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    this.checkRank(inputs.shape);
    const images = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    if (args.training !== true) return images;
    const count = this.batchSize(images);
    const [low, high] = this.valueRange;
    const deltas = this.uniform(count, this.factor[0], this.factor[1]).map((d) => d * (high - low));
    return tidy(() => {
      const delta = tensor(deltas, images.shape.length === 4 ? [count, 1, 1, 1] : [1, 1, 1]);
      const out = ops.clip(ops.add(images, delta), low, high);
      if (images !== inputs) images.dispose();
      return out;
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), factor: [...this.factor], value_range: [...this.valueRange] };
  }
}

registerBuiltIn(RandomBrightness);
