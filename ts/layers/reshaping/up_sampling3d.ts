/**
 * Up-sampling of 3-D inputs `(batch, dim1, dim2, dim3, channels)`: each entry repeated
 * `size[i]` times along spatial axis `i` (nearest neighbour).
 */
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';

import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { mapSpatial } from './spatial_shape.js';
import { type DataFormat, spatialAxes, standardizeDataFormat } from '../../arguments/data_format.js';
import { standardizeTuple } from '../../arguments/tuples.js';

export interface UpSampling3DArgs extends LayerArgs {
  /** The up-sampling factor of each spatial axis: an int or three. Default `[2, 2, 2]`. */
  size?: number | [number, number, number];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class UpSampling3D extends Layer {
  static override className = 'UpSampling3D';
  readonly size: [number, number, number];
  readonly dataFormat: DataFormat;

  constructor(args: UpSampling3DArgs = {}) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.size = standardizeTuple(args.size ?? [2, 2, 2], 3, 'size') as [number, number, number];
    this.inputSpec = new InputSpec({ ndim: 5 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    let y = inputs;
    spatialAxes(5, this.dataFormat).forEach((axis, i) => { y = ops.repeat(y, this.size[i]!, axis); });
    return y;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return mapSpatial(inputShape, spatialAxes(5, this.dataFormat), (d, i) => d * this.size[i]!);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), size: [...this.size], data_format: this.dataFormat };
  }
}

registerBuiltIn(UpSampling3D);
