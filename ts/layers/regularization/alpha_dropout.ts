/**
 * Alpha Dropout keeps the mean and variance of its inputs, for self-normalizing networks (SELU):
 * during training, dropped units are set to SELU's negative saturation value and the result is
 * affinely corrected. At inference (`training` not true) it returns its input as is.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { SeedGenerator } from '../../ops/seed_generator.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { concreteNoiseShape, validateRate } from './dropout.js';

// SELU's constants, as Keras writes them.
const ALPHA = 1.6732632423543772848170429916717;
const SCALE = 1.0507009873554804934193349852946;

export interface AlphaDropoutArgs extends LayerArgs {
  /** Drop probability, in [0, 1]. */
  rate?: number;
  /** Shape of the binary keep mask, broadcast over the input (null: the input's size). Default: the input's shape. */
  noiseShape?: (number | null)[] | null;
  /** Seed of the mask sequence: layers with the same seed draw the same masks. Default: random. */
  seed?: number | null;
}

export class AlphaDropout extends Layer {
  static override className = 'AlphaDropout';
  static override readonly signature = layerSignature<AlphaDropoutArgs>()({ rate: REQUIRED, noiseShape: null, seed: null });
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;
  private readonly seedGenerator: SeedGenerator | null;

  /** `new AlphaDropout(0.1)`, or `new AlphaDropout({ rate: 0.1, seed: 7 })`. */
  constructor(...args: KerasArgs<[rate: number, noiseShape: (number | null)[] | null, seed: number | null], AlphaDropoutArgs>) {
    const a = AlphaDropout.signature.resolve(args, new.target);
    super(a);
    this.rate = validateRate(a.rate);
    this.seed = a.seed;
    this.noiseShape = a.noiseShape;
    this.seedGenerator = this.rate > 0 ? new SeedGenerator(this.seed) : null;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    if (args.training !== true || this.rate === 0) return inputs;
    const alphaP = -ALPHA * SCALE;
    const noise = ops.randomUniform(concreteNoiseShape(this.noiseShape, inputs.shape, this.name), { seed: this.seedGenerator });
    const kept = ops.greaterEqual(noise, this.rate);
    const a = ((1 - this.rate) * (1 + this.rate * alphaP ** 2)) ** -0.5;
    const b = -a * alphaP * this.rate;
    // x = inputs * kept + alphaP * (1 - kept); output = a * x + b
    const x = ops.add(ops.multiply(inputs, kept), ops.multiply(ops.subtract(1, kept), alphaP));
    return ops.add(ops.multiply(x, a), b);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed, noise_shape: this.noiseShape };
  }
}

registerBuiltIn(AlphaDropout);
