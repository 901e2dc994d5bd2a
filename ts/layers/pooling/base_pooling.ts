/**
 * The shared half of `MaxPooling1D/2D/3D` and `AveragePooling1D/2D/3D` (Keras's `BasePooling`):
 * argument checks with Keras's messages, the input spec, output shapes and the config.
 */
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { type DataFormat, standardizeDataFormat } from '../../arguments/data_format.js';
import { type PoolPadding, standardizePadding } from '../../arguments/padding.js';
import { standardizeTuple } from '../../arguments/tuples.js';
import { poolingOutputShape } from '../../ops/output_shape.js';
import type { Tensor } from '../../tensor/tensor.js';

export interface PoolingArgs extends LayerArgs {
  /** Size of the pooling window: one integer for every spatial dimension, or one per dimension. Default 2. */
  poolSize?: number | number[];
  /** Step of the window: an integer or one per dimension. Default (null): `poolSize`. */
  strides?: number | number[] | null;
  /** `'valid'` (no padding, default) or `'same'` (TensorFlow's: the output has `ceil(size / stride)` cells). */
  padding?: PoolPadding;
  /** `'channels_last'` (default: `(batch, *spatial, channels)`) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
}

/** `new MaxPooling2D([3, 3], { strides: 2 })`, `new MaxPooling2D({ poolSize: 3 })` or `new MaxPooling2D()`. */
export function poolingArgs(first: number | number[] | PoolingArgs | undefined, rest: PoolingArgs): PoolingArgs {
  return typeof first === 'number' || Array.isArray(first) ? { ...rest, poolSize: first } : { ...(first ?? {}) };
}

export abstract class BasePooling extends Layer {
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: PoolPadding;
  readonly dataFormat: DataFormat;

  constructor(args: PoolingArgs, readonly poolDimensions: number, readonly poolMode: 'max' | 'average') {
    super(args);
    const poolSize = args.poolSize ?? 2;
    this.poolSize = standardizeTuple(poolSize, poolDimensions, 'pool_size');
    this.strides = standardizeTuple(args.strides ?? poolSize, poolDimensions, 'strides', true);
    this.padding = standardizePadding(args.padding ?? 'valid');
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.inputSpec = new InputSpec({ ndim: poolDimensions + 2 });
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    // Shape errors (a window larger than a 'valid' input) read as Keras's, before the kernel runs.
    poolingOutputShape(inputs.shape, this.poolSize, this.strides, this.padding, this.dataFormat);
    const pool = this.poolMode === 'max' ? ops.maxPool : ops.averagePool;
    return pool(inputs, this.poolSize, this.strides, this.padding, this.dataFormat);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return poolingOutputShape(inputShape, this.poolSize, this.strides, this.padding, this.dataFormat);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), pool_size: this.poolSize, padding: this.padding, strides: this.strides, data_format: this.dataFormat };
  }
}
