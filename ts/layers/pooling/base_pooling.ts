/**
 * The shared half of `MaxPooling1D/2D/3D` and `AveragePooling1D/2D/3D` (Keras's `BasePooling`):
 * the signature, argument checks with Keras's messages, the input spec, output shapes and the config.
 */
import { type DataFormat, standardizeDataFormat } from '../../arguments/data_format.js';
import { type PoolPadding, standardizePadding } from '../../arguments/padding.js';
import { REQUIRED, type Resolved } from '../../arguments/signature.js';
import { standardizeTuple } from '../../arguments/tuples.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { poolingOutputShape } from '../../ops/output_shape.js';
import type { Tensor } from '../../tensor/tensor.js';

export interface PoolingArgs extends LayerArgs {
  /**
   * Size of the pooling window: one integer for every spatial dimension, or one per dimension.
   * Max pooling defaults to 2; average pooling requires it, as in Keras.
   */
  poolSize?: number | number[];
  /** Step of the window: an integer or one per dimension. Default (null): `poolSize`. */
  strides?: number | number[] | null;
  /** `'valid'` (no padding, default) or `'same'` (TensorFlow's: the output has `ceil(size / stride)` cells). */
  padding?: PoolPadding;
  /** `'channels_last'` (default: `(batch, *spatial, channels)`) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
}

/** The positional parameters of every pooling layer's constructor, in Keras's order (its `name` is one). */
export type PoolingPositional = [poolSize: number | number[], strides: number | number[] | null, padding: PoolPadding, dataFormat: DataFormat | null, name: string | null];

/** What a pooling window computes: its maximum or the mean of its real cells. */
export type PoolMode = 'max' | 'average';

/**
 * Keras's `MaxPoolingND` / `AveragePoolingND` signature for `rank` spatial dimensions: max
 * pooling's `poolSize` defaults to 2 on every axis (`2`, `(2, 2)`, `(2, 2, 2)`), average
 * pooling's has no default.
 */
export function poolingSignature(rank: number, mode: PoolMode) {
  const poolSize = mode === 'average' ? REQUIRED : rank === 1 ? 2 : new Array<number>(rank).fill(2);
  return layerSignature<PoolingArgs>()({ poolSize, strides: null, padding: 'valid', dataFormat: null, name: null });
}

/** The arguments of a pooling layer once its signature resolved them. */
export type ResolvedPoolingArgs = Resolved<PoolingArgs, ReturnType<typeof poolingSignature>['params']>;

export abstract class BasePooling extends Layer {
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: PoolPadding;
  readonly dataFormat: DataFormat;

  /** `args`: the leaf class's resolved arguments. */
  constructor(readonly poolDimensions: number, readonly poolMode: PoolMode, args: ResolvedPoolingArgs) {
    super(args);
    this.poolSize = standardizeTuple(args.poolSize, poolDimensions, 'pool_size');
    this.strides = standardizeTuple(args.strides ?? args.poolSize, poolDimensions, 'strides', true);
    this.padding = standardizePadding(args.padding);
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
