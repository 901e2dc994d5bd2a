/**
 * Zero-padding of 2-D inputs such as images, `(batch, rows, cols, channels)`: rows and columns of zeros added on each side
 * (the spatial axes follow the channels axis with `dataFormat: 'channels_first'`).
 */
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { type DataFormat, standardizeDataFormat } from '../../ops/pool_args.js';
import { registerBuiltIn } from '../../saving/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { mapSpatial, spatialAxes, standardizePairs } from './spatial_args.js';

export interface ZeroPadding2DArgs extends LayerArgs {
  /**
   * An int (the same padding on both sides of every spatial axis), one int per spatial axis
   * (symmetric), or `[[top, bottom], [left, right]]`. Default [[1, 1], [1, 1]].
   */
  padding?: number | [number, number] | [[number, number], [number, number]];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class ZeroPadding2D extends Layer {
  static override className = 'ZeroPadding2D';
  /** One `[before, after]` pair per spatial axis. */
  readonly padding: [number, number][];
  readonly dataFormat: DataFormat;

  constructor(args: ZeroPadding2DArgs = {}) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.padding = standardizePairs(args.padding ?? 1, 2, 'padding');
    this.inputSpec = new InputSpec({ ndim: 4 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const widths: [number, number][] = inputs.shape.map(() => [0, 0]);
    spatialAxes(4, this.dataFormat).forEach((axis, i) => { widths[axis] = this.padding[i]!; });
    return ops.pad(inputs, widths);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return mapSpatial(inputShape, spatialAxes(4, this.dataFormat), (d, i) => d + this.padding[i]![0] + this.padding[i]![1]);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), padding: this.padding.map((p) => [...p]), data_format: this.dataFormat };
  }
}

registerBuiltIn(ZeroPadding2D);
