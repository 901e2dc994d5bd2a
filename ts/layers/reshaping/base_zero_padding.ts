/** What ZeroPadding2D and ZeroPadding3D share: zeros added `[before, after]` on each spatial axis of a rank-`2 + n` input. */
import { type DataFormat, spatialAxes, standardizeDataFormat } from '../../arguments/data_format.js';
import { standardizePairs } from '../../arguments/tuples.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { mapSpatial } from './spatial_shape.js';

export interface BaseZeroPaddingArgs extends LayerArgs {
  /** An int (every side), one int per spatial axis (symmetric), or one `[before, after]` pair per axis. */
  padding?: number | readonly number[] | readonly (readonly [number, number])[];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

/** Keras's `ZeroPaddingND` signature, with its default padding (which Keras writes differently per rank). */
export function zeroPaddingSignature(defaultPadding: BaseZeroPaddingArgs['padding']) {
  return layerSignature<BaseZeroPaddingArgs>()({ padding: defaultPadding, dataFormat: null });
}

export abstract class BaseZeroPadding extends Layer {
  /** One `[before, after]` pair per spatial axis. */
  readonly padding: [number, number][];
  readonly dataFormat: DataFormat;
  private readonly rank: number;

  /** `args`: the leaf class's resolved arguments. */
  constructor(spatialRank: 2 | 3, args: BaseZeroPaddingArgs) {
    super(args);
    this.rank = spatialRank + 2;
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.padding = standardizePairs(args.padding, spatialRank, 'padding');
    this.inputSpec = new InputSpec({ ndim: this.rank });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const widths: [number, number][] = inputs.shape.map(() => [0, 0]);
    spatialAxes(this.rank, this.dataFormat).forEach((axis, i) => {
      widths[axis] = this.padding[i]!;
    });
    return ops.pad(inputs, widths);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return mapSpatial(inputShape, spatialAxes(this.rank, this.dataFormat), (d, i) => d + this.padding[i]![0] + this.padding[i]![1]);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), padding: this.padding.map((p) => [...p]), data_format: this.dataFormat };
  }
}
