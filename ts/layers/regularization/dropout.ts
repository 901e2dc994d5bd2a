/**
 * Dropout: during training, sets each input unit to 0 with probability `rate` and scales the
 * kept ones by `1 / (1 - rate)`, so the expected sum is unchanged. At inference (`training`
 * not true) it returns its input as is. The other dropout and noise layers share its checks of
 * `rate` and `noiseShape`.
 */
import { type KerasArgs, REQUIRED, type Signature } from '../../arguments/signature.js';
import { ofType } from '../../arguments/received.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { SeedGenerator } from '../../ops/seed_generator.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonStr, pythonTypeName } from '../../utils/python_repr.js';

export interface DropoutArgs extends LayerArgs {
  /** Fraction of the input units to drop, in [0, 1]. */
  rate?: number;
  /**
   * Shape of the binary dropout mask, broadcast over the input: e.g. `[null, 1, null]` (null: the
   * input's size) drops the same features at every timestep of inputs `(batch, timesteps, features)`.
   * Default: the input's shape.
   */
  noiseShape?: (number | null)[] | null;
  /** Seed of the mask sequence: layers with the same seed draw the same masks. Default: random. */
  seed?: number | null;
}

const dropoutSignature = layerSignature<DropoutArgs>()({ rate: REQUIRED, noiseShape: null, seed: null });

export class Dropout extends Layer {
  static override className = 'Dropout';
  /** Declared as any signature, since the spatial dropouts (Keras's subclasses of Dropout) take other parameters. */
  static override readonly signature: Signature<object> = dropoutSignature;
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;
  private readonly seedGenerator: SeedGenerator | null;

  /** `new Dropout(0.5)`, or `new Dropout({ rate: 0.5, seed: 1337 })`. */
  constructor(...args: KerasArgs<[rate: number, noiseShape: (number | null)[] | null, seed: number | null], DropoutArgs>) {
    const a = dropoutSignature.resolve(args, new.target);
    super(a);
    this.rate = validateRate(a.rate);
    this.seed = a.seed;
    this.noiseShape = validateNoiseShape(a.noiseShape);
    this.seedGenerator = this.rate > 0 ? new SeedGenerator(this.seed) : null;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    if (args.training !== true || this.rate === 0) return inputs;
    // Keras's backends return zeros for rate 1 (and dividing by a keep probability of 0 would give NaN gradients).
    if (this.rate === 1) return ops.multiply(inputs, 0);
    const keep = 1 - this.rate;
    const noise = ops.randomUniform(this.maskShape(inputs.shape), { seed: this.seedGenerator });
    return ops.where(ops.less(noise, keep), ops.divide(inputs, keep), 0);
  }

  /** The shape of the keep mask for inputs of `inputShape` (the spatial dropouts keep whole channels). */
  protected maskShape(inputShape: number[]): number[] {
    return concreteNoiseShape(this.noiseShape, inputShape, this.name);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed, noise_shape: this.noiseShape };
  }
}

/** Keras's check of a dropout rate (and of GaussianNoise's `stddev`): a number in [0, 1]. */
export function validateRate(rate: unknown, name = 'rate'): number {
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    throw new ValueError(`Invalid value received for argument \`${name}\`. Expected a float value between 0 and 1. Received: ${name}=${pythonStr(rate)}${ofType(rate)}`);
  }
  return rate;
}

function validateNoiseShape(noiseShape: unknown): (number | null)[] | null {
  if (noiseShape === null) return null;
  if (typeof noiseShape === 'string') {
    throw new ValueError(`Invalid value received for argument \`noise_shape\`. Expected a tuple or list of integers. Received: noise_shape=${noiseShape}`);
  }
  if (!Array.isArray(noiseShape)) {
    throw new ValueError(`Invalid value received for argument \`noise_shape\`. Expected an iterable of integers (e.g., a tuple or list). Received: noise_shape=${pythonStr(noiseShape)}`);
  }
  noiseShape.forEach((dim: unknown, i) => {
    if (dim === null) return;
    if (typeof dim !== 'number' || !Number.isInteger(dim)) {
      throw new ValueError(`Invalid value received for argument \`noise_shape\`. Expected all elements to be integers or None. Received element at index ${i}: ${pythonStr(dim)} (type: ${pythonTypeName(dim)})`);
    }
    if (dim <= 0) {
      throw new ValueError(`Invalid value received for argument \`noise_shape\`. Expected all dimensions to be positive integers or None. Received negative or zero value at index ${i}: ${dim}`);
    }
  });
  return [...(noiseShape as (number | null)[])];
}

/** The noise shape for `inputShape`: null entries take the input's size; the rest must broadcast. */
export function concreteNoiseShape(noiseShape: (number | null)[] | null, inputShape: number[], layerName: string): number[] {
  if (noiseShape === null) return inputShape;
  const fits = noiseShape.length === inputShape.length && noiseShape.every((d, i) => d === null || d === 1 || d === inputShape[i]);
  if (!fits) {
    throw new ValueError(`Layer "${layerName}": noise_shape=${formatShape(noiseShape)} cannot be broadcast to the input shape ${formatShape(inputShape)}`);
  }
  return noiseShape.map((d, i) => d ?? inputShape[i]!);
}

registerBuiltIn(Dropout);
