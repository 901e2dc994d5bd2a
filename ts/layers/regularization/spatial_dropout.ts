/**
 * Spatial dropout (`SpatialDropout1D/2D/3D`): as Dropout, but during training each sample drops
 * whole feature maps (every entry of a channel) with probability `rate`, and scales the kept
 * ones by `1 / (1 - rate)`. At inference (`training` not true) the input is returned as is.
 * The three differ only in the input rank (3, 4, 5) and, for 2-D and 3-D, the data format.
 * As in Keras, they take only these arguments (no other layer keywords).
 */
import { type DataFormat, channelAxis, standardizeDataFormat } from '../../arguments/data_format.js';
import { type KerasArgs, REQUIRED, signature } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import type { LayerConfig } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { DType } from '../../tensor/tensor.js';
import { Dropout } from './dropout.js';

export interface SpatialDropoutArgs {
  /** Fraction of the channels to drop, in [0, 1]. */
  rate?: number;
  /** Seed of the mask sequence: layers with the same seed draw the same masks. Default: random. */
  seed?: number | null;
  /** The layer's name; default `spatial_dropout1d`, … made unique. */
  name?: string | null;
  /** The layer's dtype (a name or a Keras dtype policy). Default 'float32'. */
  dtype?: DType | Record<string, unknown> | null;
}

export interface SpatialDropout2DArgs extends SpatialDropoutArgs {
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

const spatialDropout1DSignature = signature<SpatialDropoutArgs>()({ rate: REQUIRED, seed: null, name: null, dtype: null });
const spatialDropoutSignature = signature<SpatialDropout2DArgs>()({ rate: REQUIRED, dataFormat: null, seed: null, name: null, dtype: null });

/** What SpatialDropout1D/2D/3D share (Keras's `BaseSpatialDropout`, a Dropout): a mask of one draw per sample and channel. */
abstract class BaseSpatialDropout extends Dropout {
  readonly dataFormat: DataFormat;
  /** The rank of the inputs: 3, 4 or 5. */
  private readonly ndim: number;

  /** `args`: the leaf class's resolved arguments. */
  constructor(args: SpatialDropout2DArgs, ndim: number) {
    super({ rate: args.rate, seed: args.seed, name: args.name, dtype: args.dtype });
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.ndim = ndim;
    this.inputSpec = new InputSpec({ ndim });
  }

  /** One draw per (sample, channel), broadcast over the spatial axes. */
  protected override maskShape(inputShape: number[]): number[] {
    const channels = channelAxis(inputShape.length, this.dataFormat);
    return inputShape.map((d, i) => (i === 0 || i === channels ? d : 1));
  }

  /** Keras's get_config: rate, seed, name and dtype (its name) only, and the 2-D and 3-D ones' data_format. */
  override getConfig(): LayerConfig {
    const config = { rate: this.rate, seed: this.seed, name: this.name, dtype: this.dtype };
    return this.ndim === 3 ? config : { ...config, data_format: this.dataFormat };
  }
}

/** Drops whole channels of `(batch, steps, channels)` inputs. */
export class SpatialDropout1D extends BaseSpatialDropout {
  static override className = 'SpatialDropout1D';
  static override readonly signature = spatialDropout1DSignature;

  /** `new SpatialDropout1D(0.5)`, or `new SpatialDropout1D({ rate: 0.5, seed: 1337 })`. */
  constructor(...args: KerasArgs<[rate: number, seed: number | null], SpatialDropoutArgs>) {
    super(SpatialDropout1D.signature.resolve(args, new.target), 3);
  }
}

/** Drops whole feature maps of `(batch, rows, cols, channels)` inputs (channels first with `dataFormat`). */
export class SpatialDropout2D extends BaseSpatialDropout {
  static override className = 'SpatialDropout2D';
  static override readonly signature = spatialDropoutSignature;

  /** `new SpatialDropout2D(0.5)`, or `new SpatialDropout2D({ rate: 0.5, dataFormat: 'channels_first' })`. */
  constructor(...args: KerasArgs<[rate: number, dataFormat: DataFormat | null, seed: number | null], SpatialDropout2DArgs>) {
    super(SpatialDropout2D.signature.resolve(args, new.target), 4);
  }
}

/** Drops whole feature volumes of `(batch, dim1, dim2, dim3, channels)` inputs (channels first with `dataFormat`). */
export class SpatialDropout3D extends BaseSpatialDropout {
  static override className = 'SpatialDropout3D';
  static override readonly signature = spatialDropoutSignature;

  /** `new SpatialDropout3D(0.5)`, or `new SpatialDropout3D({ rate: 0.5, dataFormat: 'channels_first' })`. */
  constructor(...args: KerasArgs<[rate: number, dataFormat: DataFormat | null, seed: number | null], SpatialDropout2DArgs>) {
    super(SpatialDropout3D.signature.resolve(args, new.target), 5);
  }
}

registerBuiltIn(SpatialDropout1D);
registerBuiltIn(SpatialDropout2D);
registerBuiltIn(SpatialDropout3D);
