/**
 * Multiplicative 1-centred Gaussian noise during training, of standard deviation
 * `sqrt(rate / (1 - rate))`. At inference (`training` not true) it returns its input as is.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { SeedGenerator } from '../../ops/seed_generator.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { validateRate } from './dropout.js';

export interface GaussianDropoutArgs extends LayerArgs {
  /** Drop probability, in [0, 1], as for `Dropout`; the noise's stddev is `sqrt(rate / (1 - rate))`. */
  rate?: number;
  /** Seed of the noise sequence: layers with the same seed draw the same noise. Default: random. */
  seed?: number | null;
}

export class GaussianDropout extends Layer {
  static override className = 'GaussianDropout';
  static override readonly signature = layerSignature<GaussianDropoutArgs>()({ rate: REQUIRED, seed: null });
  readonly rate: number;
  readonly seed: number | null;
  private readonly seedGenerator: SeedGenerator | null;

  /** `new GaussianDropout(0.2)`, or `new GaussianDropout({ rate: 0.2, seed: 7 })`. */
  constructor(...args: KerasArgs<[rate: number, seed: number | null], GaussianDropoutArgs>) {
    const a = GaussianDropout.signature.resolve(args, new.target);
    super(a);
    this.rate = validateRate(a.rate);
    this.seed = a.seed;
    this.seedGenerator = this.rate > 0 ? new SeedGenerator(this.seed) : null;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    if (args.training !== true || this.rate === 0) return inputs;
    const stddev = Math.sqrt(this.rate / (1 - this.rate));
    return ops.multiply(inputs, ops.randomNormal(inputs.shape, { mean: 1, stddev, seed: this.seedGenerator }));
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

registerBuiltIn(GaussianDropout);
