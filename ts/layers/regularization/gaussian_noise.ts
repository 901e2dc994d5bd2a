/**
 * Adds zero-centred Gaussian noise of standard deviation `stddev` during training (a
 * regularizer, e.g. against overfitting, and a form of data augmentation). At inference
 * (`training` not true) it returns its input as is.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { SeedGenerator } from '../../ops/seed_generator.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { validateRate } from './dropout.js';

export interface GaussianNoiseArgs extends LayerArgs {
  /** Standard deviation of the noise, in [0, 1]. */
  stddev?: number;
  /** Seed of the noise sequence: layers with the same seed draw the same noise. Default: random. */
  seed?: number | null;
}

export class GaussianNoise extends Layer {
  static override className = 'GaussianNoise';
  static override readonly signature = layerSignature<GaussianNoiseArgs>()({ stddev: REQUIRED, seed: null });
  readonly stddev: number;
  readonly seed: number | null;
  private readonly seedGenerator: SeedGenerator | null;

  /** `new GaussianNoise(0.1)`, or `new GaussianNoise({ stddev: 0.1, seed: 7 })`. */
  constructor(...args: KerasArgs<[stddev: number, seed: number | null], GaussianNoiseArgs>) {
    const a = GaussianNoise.signature.resolve(args, new.target);
    super(a);
    this.stddev = validateRate(a.stddev, 'stddev');
    this.seed = a.seed;
    this.seedGenerator = this.stddev > 0 ? new SeedGenerator(this.seed) : null;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    if (args.training !== true || this.stddev === 0) return inputs;
    return ops.add(inputs, ops.randomNormal(inputs.shape, { mean: 0, stddev: this.stddev, seed: this.seedGenerator }));
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed };
  }
}

registerBuiltIn(GaussianNoise);
