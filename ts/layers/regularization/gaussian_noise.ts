/**
 * Adds zero-centred Gaussian noise of standard deviation `stddev` during training (a
 * regularizer, e.g. against overfitting, and a form of data augmentation). At inference
 * (`training` not true) it returns its input as is.
 */
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
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
  readonly stddev: number;
  readonly seed: number | null;
  private readonly seedGenerator: SeedGenerator | null;

  /** `new GaussianNoise(0.1)`, or `new GaussianNoise({ stddev: 0.1, seed: 7 })`. */
  constructor(stddev: number, args?: GaussianNoiseArgs);
  constructor(args: GaussianNoiseArgs);
  constructor(first: number | GaussianNoiseArgs, maybeArgs: GaussianNoiseArgs = {}) {
    const args = typeof first === 'number' ? { ...maybeArgs, stddev: first } : first;
    super(args);
    this.stddev = validateRate(args.stddev, 'stddev');
    this.seed = args.seed ?? null;
    this.seedGenerator = this.stddev > 0 ? new SeedGenerator(this.seed) : null;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    if (args.training !== true || this.stddev === 0) return inputs;
    return ops.add(inputs, ops.randomNormal(inputs.shape, { mean: 0, stddev: this.stddev, seed: this.seedGenerator }));
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed };
  }
}

registerBuiltIn(GaussianNoise);
