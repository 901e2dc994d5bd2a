/**
 * Cropping of 2-D inputs such as images, `(batch, rows, cols, channels)`: rows and columns removed from each side
 * (the spatial axes follow the channels axis with `dataFormat: 'channels_first'`).
 */
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { type DataFormat, standardizeDataFormat } from '../../ops/pool_args.js';
import { registerBuiltIn } from '../../saving/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkCropping, mapSpatial, spatialAxes, standardizePairs } from './spatial_args.js';

export interface Cropping2DArgs extends LayerArgs {
  /**
   * An int (the same cropping on both sides of every spatial axis), one int per spatial axis
   * (symmetric), or `[[top, bottom], [left, right]]`. Default `[[0, 0], [0, 0]]`.
   */
  cropping?: number | [number, number] | [[number, number], [number, number]];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class Cropping2D extends Layer {
  static override className = 'Cropping2D';
  /** One `[before, after]` pair per spatial axis. */
  readonly cropping: [number, number][];
  readonly dataFormat: DataFormat;

  constructor(args: Cropping2DArgs = {}) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.cropping = standardizePairs(args.cropping ?? 0, 2, 'cropping');
    this.inputSpec = new InputSpec({ ndim: 4 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const axes = spatialAxes(4, this.dataFormat);
    checkCropping(inputs.shape, axes, this.cropping, 'inputs.shape');
    const start = inputs.shape.map(() => 0);
    const size = [...inputs.shape];
    axes.forEach((axis, i) => {
      start[axis] = this.cropping[i]![0];
      size[axis] = inputs.shape[axis]! - this.cropping[i]![0] - this.cropping[i]![1];
    });
    return ops.slice(inputs, start, size);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const axes = spatialAxes(4, this.dataFormat);
    checkCropping(inputShape, axes, this.cropping, 'input_shape');
    return mapSpatial(inputShape, axes, (d, i) => d - this.cropping[i]![0] - this.cropping[i]![1]);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), cropping: this.cropping.map((c) => [...c]), data_format: this.dataFormat };
  }
}

registerBuiltIn(Cropping2D);
