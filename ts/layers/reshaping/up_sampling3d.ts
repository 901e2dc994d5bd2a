/**
 * Up-sampling of 3-D inputs `(batch, dim1, dim2, dim3, channels)`: each entry repeated
 * `size[i]` times along spatial axis `i` (nearest neighbour).
 */
import { type DataFormat, spatialAxes, standardizeDataFormat } from '../../arguments/data_format.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { standardizeTuple } from '../../arguments/tuples.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { mapSpatial } from './spatial_shape.js';

export interface UpSampling3DArgs extends LayerArgs {
  /** The up-sampling factor of each spatial axis: an int or three. Default `[2, 2, 2]`. */
  size?: number | [number, number, number];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class UpSampling3D extends Layer {
  static override className = 'UpSampling3D';
  static override readonly signature = layerSignature<UpSampling3DArgs>()({ size: [2, 2, 2], dataFormat: null });
  readonly size: [number, number, number];
  readonly dataFormat: DataFormat;

  /** `new UpSampling3D(2)`, `new UpSampling3D([1, 2, 2])`, or `new UpSampling3D({ size: 2, dataFormat: 'channels_first' })`. */
  constructor(...args: KerasArgs<[size: number | [number, number, number], dataFormat: DataFormat | null], UpSampling3DArgs>) {
    const a = UpSampling3D.signature.resolve(args, new.target);
    super(a);
    this.dataFormat = standardizeDataFormat(a.dataFormat);
    this.size = standardizeTuple(a.size, 3, 'size') as [number, number, number];
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
