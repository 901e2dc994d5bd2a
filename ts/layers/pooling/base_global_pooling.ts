/**
 * The shared half of the global pooling layers (Keras's `BaseGlobalPooling`): the input spec,
 * the reduced spatial axes, output shapes (with `keepdims`) and the config.
 */
import { InputSpec } from '../../engine/input_spec.js';
import { Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { type DataFormat, standardizeDataFormat } from '../../arguments/data_format.js';

export interface GlobalPoolingArgs extends LayerArgs {
  /** `'channels_last'` (default: `(batch, *spatial, channels)`) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
  /** Keep the spatial dimensions with size 1 (`(batch, 1, 1, channels)` in 2-D) instead of dropping them. Default false. */
  keepdims?: boolean;
}

export abstract class BaseGlobalPooling extends Layer {
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;

  constructor(args: GlobalPoolingArgs, readonly poolDimensions: number) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.keepdims = args.keepdims ?? false;
    this.inputSpec = new InputSpec({ ndim: poolDimensions + 2 });
    this.built = true;
  }

  /** The spatial axes that the layer reduces. */
  protected spatialAxes(): number[] {
    const first = this.dataFormat === 'channels_last' ? 1 : 2;
    return Array.from({ length: this.poolDimensions }, (_, i) => first + i);
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
