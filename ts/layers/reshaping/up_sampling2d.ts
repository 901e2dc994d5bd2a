/**
 * Up-sampling of 2-D inputs such as images, `(batch, rows, cols, channels)`: rows and columns
 * repeated `size` times (`interpolation: 'nearest'`), or resized as `tf.image.resize` does with
 * `'bilinear'` (half-pixel centres, as Keras 3's `ops.image.resize`).
 */
import { type DataFormat, spatialAxes, standardizeDataFormat } from '../../arguments/data_format.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { standardizeTuple } from '../../arguments/tuples.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { tensor } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import { mapSpatial } from './spatial_shape.js';

/** The interpolations kerasm's UpSampling2D supports. */
export type UpSamplingInterpolation = 'nearest' | 'bilinear';

export interface UpSampling2DArgs extends LayerArgs {
  /** The up-sampling factors of rows and columns: an int or two. Default `[2, 2]`. */
  size?: number | [number, number];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
  /** 'nearest' (repeat) or 'bilinear'. Default 'nearest'. */
  interpolation?: UpSamplingInterpolation;
}

export class UpSampling2D extends Layer {
  static override className = 'UpSampling2D';
  static override readonly signature = layerSignature<UpSampling2DArgs>()({ size: [2, 2], dataFormat: null, interpolation: 'nearest' });
  readonly size: [number, number];
  readonly dataFormat: DataFormat;
  readonly interpolation: UpSamplingInterpolation;

  /** `new UpSampling2D(3)`, `new UpSampling2D([2, 3], null, 'bilinear')`, or `new UpSampling2D({ size: 3, interpolation: 'bilinear' })`. */
  constructor(...args: KerasArgs<[size: number | [number, number], dataFormat: DataFormat | null, interpolation: UpSamplingInterpolation], UpSampling2DArgs>) {
    const a = UpSampling2D.signature.resolve(args, new.target);
    super(a);
    this.dataFormat = standardizeDataFormat(a.dataFormat);
    this.size = standardizeTuple(a.size, 2, 'size') as [number, number];
    // Keras resizes with any of `ops.image.resize`'s interpolations; kerasm has these two.
    const interpolation = String(a.interpolation).toLowerCase();
    if (interpolation !== 'nearest' && interpolation !== 'bilinear') {
      throw new ValueError(`Invalid value for argument \`interpolation\`. Expected of one ('bilinear', 'nearest'). Received: interpolation=${pythonStr(interpolation)}`);
    }
    this.interpolation = interpolation;
    this.inputSpec = new InputSpec({ ndim: 4 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    let y = inputs.dtype === 'float32' || this.interpolation === 'nearest' ? inputs : ops.cast(inputs, 'float32');
    spatialAxes(4, this.dataFormat).forEach((axis, i) => {
      y = this.interpolation === 'nearest' ? ops.repeat(y, this.size[i]!, axis) : resizeBilinearAxis(y, axis, y.shape[axis]! * this.size[i]!);
    });
    return y;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return mapSpatial(inputShape, spatialAxes(4, this.dataFormat), (d, i) => d * this.size[i]!);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), size: [...this.size], data_format: this.dataFormat, interpolation: this.interpolation };
  }
}

/**
 * Linear interpolation of `x` along `axis` to `outSize` entries, as TensorFlow's resize with
 * half-pixel centres: output `o` samples input coordinate `(o + 0.5) * in / out - 0.5`, between
 * `max(floor, 0)` and `min(ceil, in - 1)`. Bilinear resizing is this along rows, then columns.
 */
function resizeBilinearAxis(x: Tensor, axis: number, outSize: number): Tensor {
  const inSize = x.shape[axis]!;
  const scale = inSize / outSize;
  const lower: number[] = [], upper: number[] = [], lerp: number[] = [];
  for (let o = 0; o < outSize; o++) {
    const source = (o + 0.5) * scale - 0.5;
    const floor = Math.floor(source);
    lower.push(Math.max(floor, 0));
    upper.push(Math.min(Math.ceil(source), inSize - 1));
    lerp.push(source - floor);
  }
  const weightShape = x.shape.map((_, i) => (i === axis ? outSize : 1));
  const w = tensor(Float32Array.from(lerp), weightShape);
  const a = ops.take(x, lower, axis);
  const b = ops.take(x, upper, axis);
  return ops.add(a, ops.multiply(ops.subtract(b, a), w));
}

registerBuiltIn(UpSampling2D);
