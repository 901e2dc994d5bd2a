/**
 * Zero-padding of 3-D inputs `(batch, dim1, dim2, dim3, channels)`: planes of zeros added on each side of each spatial axis
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

export interface ZeroPadding3DArgs extends LayerArgs {
  /**
   * An int (the same padding on both sides of every spatial axis), one int per spatial axis
   * (symmetric), or `[[left1, right1], [left2, right2], [left3, right3]]`. Default [[1, 1], [1, 1], [1, 1]].
   */
  padding?: number | [number, number, number] | [[number, number], [number, number], [number, number]];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class ZeroPadding3D extends Layer {
  static override className = 'ZeroPadding3D';
  /** One `[before, after]` pair per spatial axis. */
  readonly padding: [number, number][];
  readonly dataFormat: DataFormat;

  constructor(args: ZeroPadding3DArgs = {}) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.padding = standardizePairs(args.padding ?? 1, 3, 'padding');
    this.inputSpec = new InputSpec({ ndim: 5 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const widths: [number, number][] = inputs.shape.map(() => [0, 0]);
    spatialAxes(5, this.dataFormat).forEach((axis, i) => { widths[axis] = this.padding[i]!; });
    return ops.pad(inputs, widths);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return mapSpatial(inputShape, spatialAxes(5, this.dataFormat), (d, i) => d + this.padding[i]![0] + this.padding[i]![1]);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), padding: this.padding.map((p) => [...p]), data_format: this.dataFormat };
  }
}

registerBuiltIn(ZeroPadding3D);
