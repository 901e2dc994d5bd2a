/**
 * Spatial dropout (`SpatialDropout1D/2D/3D`): as Dropout, but during training each sample drops
 * whole feature maps (every entry of a channel) with probability `rate`, and scales the kept
 * ones by `1 / (1 - rate)`. At inference (`training` not true) the input is returned as is.
 * The three differ only in the input rank (3, 4, 5) and, for 2-D and 3-D, the data format.
 */
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';

import { SeedGenerator } from '../../ops/seed_generator.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { validateRate } from './dropout.js';
import { type DataFormat, standardizeDataFormat } from '../../arguments/data_format.js';

export interface SpatialDropoutArgs extends LayerArgs {
  /** Fraction of the channels to drop, in [0, 1]. */
  rate?: number;
  /** Seed of the mask sequence: layers with the same seed draw the same masks. Default: random. */
  seed?: number | null;
}

export interface SpatialDropout2DArgs extends SpatialDropoutArgs {
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

/** What SpatialDropout1D/2D/3D share (Keras's `BaseSpatialDropout`). */
abstract class BaseSpatialDropout extends Layer {
  readonly rate: number;
  readonly seed: number | null;
  readonly dataFormat: DataFormat;
  private readonly seedGenerator: SeedGenerator | null;

  constructor(args: SpatialDropout2DArgs, ndim: number) {
    super(args);
    this.rate = validateRate(args.rate);
    this.seed = args.seed ?? null;
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.seedGenerator = this.rate > 0 ? new SeedGenerator(this.seed) : null;
    this.inputSpec = new InputSpec({ ndim });
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    if (args.training !== true || this.rate === 0) return inputs;
    if (this.rate === 1) return ops.multiply(inputs, 0);
    const keep = 1 - this.rate;
    // One draw per (sample, channel), broadcast over the spatial axes.
    const channelAxis = this.dataFormat === 'channels_first' ? 1 : inputs.shape.length - 1;
    const noiseShape = inputs.shape.map((d, i) => (i === 0 || i === channelAxis ? d : 1));
    const noise = ops.randomUniform(noiseShape, { seed: this.seedGenerator });
    return ops.where(ops.less(noise, keep), ops.divide(inputs, keep), 0);
  }

  override getConfig(): LayerConfig {
    // Keras's BaseSpatialDropout.get_config: rate, seed, name and dtype only.
    const { name, dtype } = super.getConfig();
    return { rate: this.rate, seed: this.seed, name, dtype };
  }
}

/** Drops whole channels of `(batch, steps, channels)` inputs. */
export class SpatialDropout1D extends BaseSpatialDropout {
  static override className = 'SpatialDropout1D';

  /** `new SpatialDropout1D(0.5)`, or `new SpatialDropout1D({ rate: 0.5, seed: 1337 })`. */
  constructor(rate: number, args?: SpatialDropoutArgs);
  constructor(args: SpatialDropoutArgs);
  constructor(first: number | SpatialDropoutArgs, maybeArgs: SpatialDropoutArgs = {}) {
    super(typeof first === 'number' ? { ...maybeArgs, rate: first } : { ...first, dataFormat: null }, 3);
  }
}

/** Drops whole feature maps of `(batch, rows, cols, channels)` inputs (channels first with `dataFormat`). */
export class SpatialDropout2D extends BaseSpatialDropout {
  static override className = 'SpatialDropout2D';

  /** `new SpatialDropout2D(0.5)`, or `new SpatialDropout2D({ rate: 0.5, dataFormat: 'channels_first' })`. */
  constructor(rate: number, args?: SpatialDropout2DArgs);
  constructor(args: SpatialDropout2DArgs);
  constructor(first: number | SpatialDropout2DArgs, maybeArgs: SpatialDropout2DArgs = {}) {
    super(typeof first === 'number' ? { ...maybeArgs, rate: first } : first, 4);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), data_format: this.dataFormat };
  }
}

/** Drops whole feature volumes of `(batch, dim1, dim2, dim3, channels)` inputs (channels first with `dataFormat`). */
export class SpatialDropout3D extends BaseSpatialDropout {
  static override className = 'SpatialDropout3D';

  /** `new SpatialDropout3D(0.5)`, or `new SpatialDropout3D({ rate: 0.5, dataFormat: 'channels_first' })`. */
  constructor(rate: number, args?: SpatialDropout2DArgs);
  constructor(args: SpatialDropout2DArgs);
  constructor(first: number | SpatialDropout2DArgs, maybeArgs: SpatialDropout2DArgs = {}) {
    super(typeof first === 'number' ? { ...maybeArgs, rate: first } : first, 5);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), data_format: this.dataFormat };
  }
}

registerBuiltIn(SpatialDropout1D);
registerBuiltIn(SpatialDropout2D);
registerBuiltIn(SpatialDropout3D);
