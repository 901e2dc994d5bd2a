/** What Cropping2D and Cropping3D share: crop `[before, after]` from each spatial axis of a rank-`2 + n` input. */
import { type DataFormat, spatialAxes, standardizeDataFormat } from '../../arguments/data_format.js';
import { standardizePairs } from '../../arguments/tuples.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkCropping, mapSpatial } from './spatial_shape.js';

export interface BaseCroppingArgs extends LayerArgs {
  /** An int (every side), one int per spatial axis (symmetric), or one `[before, after]` pair per axis. */
  cropping?: number | readonly number[] | readonly (readonly [number, number])[];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

/** Keras's `CroppingND` signature, with its default cropping (none for 2-D, one on each side for 3-D). */
export function croppingSignature(defaultCropping: BaseCroppingArgs['cropping']) {
  return layerSignature<BaseCroppingArgs>()({ cropping: defaultCropping, dataFormat: null });
}

export abstract class BaseCropping extends Layer {
  /** One `[before, after]` pair per spatial axis. */
  readonly cropping: [number, number][];
  readonly dataFormat: DataFormat;
  private readonly rank: number;

  /** `args`: the leaf class's resolved arguments. */
  constructor(spatialRank: 2 | 3, args: BaseCroppingArgs) {
    super(args);
    this.rank = spatialRank + 2;
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.cropping = standardizePairs(args.cropping, spatialRank, 'cropping');
    this.inputSpec = new InputSpec({ ndim: this.rank });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const axes = spatialAxes(this.rank, this.dataFormat);
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
    const axes = spatialAxes(this.rank, this.dataFormat);
    checkCropping(inputShape, axes, this.cropping, 'input_shape');
    return mapSpatial(inputShape, axes, (d, i) => d - this.cropping[i]![0] - this.cropping[i]![1]);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), cropping: this.cropping.map((c) => [...c]), data_format: this.dataFormat };
  }
}
