/**
 * The shared half of the global pooling layers (Keras's `BaseGlobalPooling`): the signature,
 * the input spec, the reduced spatial axes, output shapes (with `keepdims`) and the config.
 */
import { type DataFormat, spatialAxes, standardizeDataFormat } from '../../arguments/data_format.js';
import type { Resolved } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';

export interface GlobalPoolingArgs extends LayerArgs {
  /** `'channels_last'` (default: `(batch, *spatial, channels)`) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
  /** Keep the spatial dimensions with size 1 (`(batch, 1, 1, channels)` in 2-D) instead of dropping them. Default false. */
  keepdims?: boolean;
}

/** The leading positional parameters of every global pooling layer's constructor. */
export type GlobalPoolingPositional = [dataFormat: DataFormat | null, keepdims: boolean];

const globalPoolingSignature = layerSignature<GlobalPoolingArgs>()({ dataFormat: null, keepdims: false });

/** The arguments of a global pooling layer once its signature resolved them. */
export type ResolvedGlobalPoolingArgs = Resolved<GlobalPoolingArgs, typeof globalPoolingSignature['params']>;

export abstract class BaseGlobalPooling extends Layer {
  /** Keras's `GlobalMaxPoolingND` / `GlobalAveragePoolingND` signature, the same for every one of them. */
  static override readonly signature = globalPoolingSignature;
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;

  /** `args`: the leaf class's resolved arguments. */
  constructor(readonly poolDimensions: number, args: ResolvedGlobalPoolingArgs) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.keepdims = args.keepdims;
    this.inputSpec = new InputSpec({ ndim: poolDimensions + 2 });
    this.built = true;
  }

  /** The spatial axes that the layer reduces. */
  protected spatialAxes(): number[] {
    return spatialAxes(this.poolDimensions + 2, this.dataFormat);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const spatial = inputShape.length - 2;
    const ones = Array<number>(spatial).fill(1);
    if (this.dataFormat === 'channels_last') {
      const channels = inputShape[inputShape.length - 1] ?? null;
      return this.keepdims ? [inputShape[0] ?? null, ...ones, channels] : [inputShape[0] ?? null, channels];
    }
    return this.keepdims ? [inputShape[0] ?? null, inputShape[1] ?? null, ...ones] : [inputShape[0] ?? null, inputShape[1] ?? null];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), data_format: this.dataFormat, keepdims: this.keepdims };
  }
}
