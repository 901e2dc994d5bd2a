/**
 * The shared body of `LocallyConnected1D` and `LocallyConnected2D`, as tf.keras 2's layers: a
 * convolution whose filters are not shared, a separate filter bank at every output position.
 * The kernel is stored in the layout the `implementation` option selects (see
 * `kernel_layout.ts`), so that weights move to and from tf.keras and legacy `.h5` files as
 * they are; all three compute the same result with one path: the windows of the input
 * ({@link localPatches}, Rust), a batched `matmul` with the per-position kernel, the bias
 * (`(out…, filters)`) and the activation. Implementations 2 and 3 first gather their kernel
 * into the per-position layout.
 */
import { standardizePadding } from '../../arguments/padding.js';
import { REQUIRED, type Resolved } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, type LayerArgs, type LayerConfig, classNameOf, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';

import * as regularizers from '../../regularizers.js';
import { tensor } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

import { KernelLayer, type KernelLayerArgs } from '../kernel_layer.js';
import { connectionCount, denseKernelShape, type LocalGeometry, positionKernelIndex, positionKernelShape } from './kernel_layout.js';
import { type DataFormat, standardizeDataFormat } from '../../arguments/data_format.js';
import { standardizeTuple } from '../../arguments/tuples.js';
import { formatShape, pythonStr } from '../../utils/python_repr.js';
import { ofType } from '../../arguments/received.js';

/** Options of the locally-connected layers, as the keyword arguments of tf.keras's `LocallyConnectedND`. */
export interface LocallyConnectedArgs extends LayerArgs, KernelLayerArgs {
  /** The number of output filters at each position; a positive integer. */
  filters?: number;
  /** The size of the window: one integer for every spatial axis, or one per axis. */
  kernelSize?: number | number[];
  /** The stride of the window: one integer or one per spatial axis. Default 1. */
  strides?: number | number[];
  /**
   * `'valid'` (no padding, the default) or, with implementation 2 or 3, `'same'`
   * (`ceil(size / stride)` positions, windows starting `floor(k / 2)` cells early, as tf.keras).
   */
  padding?: 'valid' | 'same';
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
  /**
   * How tf.keras stores the kernel, which decides the weight's shape in saved files: `1`
   * (default) `(positions, window · channels, filters)`, `2` a dense masked
   * `(in…, channels, out…, filters)`, `3` the connected weights only. All compute the same.
   */
  implementation?: 1 | 2 | 3;
}

/** tf.keras 2's `LocallyConnectedND` signature (Keras 3 dropped the layers) for `rank` spatial dimensions. */
export function locallyConnectedSignature(rank: number) {
  const ones = rank === 1 ? 1 : new Array<number>(rank).fill(1);
  return layerSignature<LocallyConnectedArgs>()({
    filters: REQUIRED, kernelSize: REQUIRED, strides: ones, padding: 'valid', dataFormat: null, activation: null, useBias: true,
    kernelInitializer: 'glorot_uniform', biasInitializer: 'zeros', kernelRegularizer: null, biasRegularizer: null,
    activityRegularizer: null, kernelConstraint: null, biasConstraint: null, implementation: 1,
  });
}

/** The base of the locally-connected layers; not used directly. */
export abstract class BaseLocallyConnected extends KernelLayer {
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: DataFormat;
  readonly implementation: 1 | 2 | 3;
  /** The output's spatial sizes, known once built. */
  private outputSpatial: number[] = [];
  /** `(positions, window · channels, filters)`, known once built. */
  private positionShape: number[] = [];
  /**
   * For implementations 2 and 3: the kernel index of each per-position weight. Kept in
   * JavaScript and uploaded per call, so that the layer owns no tensor besides its weights.
   */
  private gatherIndex: Int32Array | null = null;

  /** `args`: the leaf class's resolved arguments. */
  constructor(rank: number, args: Resolved<LocallyConnectedArgs, ReturnType<typeof locallyConnectedSignature>['params']>) {
    super(args);
    this.rank = rank;
    const filters = args.filters;
    if (typeof filters !== 'number' || !Number.isInteger(filters) || filters <= 0) {
      throw new ValueError(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${pythonStr(filters)}${ofType(filters)}.`);
    }
    this.filters = filters;
    this.kernelSize = standardizeTuple(args.kernelSize, rank, 'kernel_size');
    this.strides = standardizeTuple(args.strides, rank, 'strides');
    const padding = standardizePadding(args.padding);
    const implementation = args.implementation;
    if (implementation !== 1 && implementation !== 2 && implementation !== 3) {
      throw new ValueError(`Unrecognized implementation mode: ${String(implementation)}.`);
    }
    if (padding !== 'valid' && implementation === 1) {
      throw new ValueError(`Invalid border mode for ${classNameOf(this)} (only "valid" is supported if implementation is 1): ${String(args.padding)}`);
    }
    this.padding = padding;
    this.implementation = implementation;
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.inputSpec = new InputSpec({ ndim: rank + 2 });
  }

  /** tf.keras's `conv_output_length` for one axis (None stays None). */
  private outputLength(size: number | null, axis: number): number | null {
    if (size === null) return null;
    const length = this.padding === 'same' ? size : size - this.kernelSize[axis]! + 1;
    return Math.floor((length + this.strides[axis]! - 1) / this.strides[axis]!);
  }

  private split(shape: SymbolicShape): { channels: number | null; spatial: (number | null)[] } {
    return this.dataFormat === 'channels_first'
      ? { channels: shape[1] ?? null, spatial: shape.slice(2) }
      : { channels: shape[shape.length - 1] ?? null, spatial: shape.slice(1, -1) };
  }

  override build(inputShape: SymbolicShape): void {
    const { channels, spatial } = this.split(inputShape);
    if (channels === null) {
      throw new ValueError(`Axis ${this.dataFormat === 'channels_first' ? 1 : this.rank + 1} of input should be fully-defined. Found shape: ${formatShape(inputShape)}`);
    }
    if (spatial.some((s) => s === null)) {
      throw new ValueError(
        `The spatial dimensions of the inputs to a ${classNameOf(this)} layer should be fully-defined, but layer received the inputs shape ${formatShape(inputShape)}`);
    }
    const outputSpatial = spatial.map((s, i) => this.outputLength(s, i)!);
    if (outputSpatial.some((o) => o <= 0)) {
      throw new ValueError(
        `One of the dimensions in the output is <= 0 due to downsampling in ${this.name}. Consider increasing the input size. ` +
          `Received input shape ${formatShape(inputShape)} which would produce output shape with a zero or negative value in a dimension.`);
    }
    this.outputSpatial = outputSpatial;
    const geometry: LocalGeometry = {
      inputSpatial: spatial as number[], outputSpatial, kernelSize: this.kernelSize, strides: this.strides,
      same: this.padding === 'same', channels, filters: this.filters, channelsFirst: this.dataFormat === 'channels_first',
    };
    this.positionShape = positionKernelShape(geometry);
    const kernelShape = this.implementation === 1 ? this.positionShape
      : this.implementation === 2 ? denseKernelShape(geometry) : [connectionCount(geometry)];
    this.addKernelAndBias(kernelShape, [...outputSpatial, this.filters]);
    if (this.implementation !== 1) {
      this.gatherIndex = positionKernelIndex(geometry, this.implementation).index;
    }
    // tf.keras pins the channel axis; the kernel pins the spatial sizes too, so they are checked
    // here rather than failing inside the matmul.
    const first = this.dataFormat === 'channels_first';
    const axes: Record<number, number> = { [first ? 1 : -1]: channels };
    spatial.forEach((size, i) => (axes[i + (first ? 2 : 1)] = size!));
    this.inputSpec = new InputSpec({ ndim: this.rank + 2, axes });
    this.built = true;
  }

  /** The kernel in the per-position layout `(positions, window · channels, filters)`. */
  private positionKernel(): Tensor {
    const kernel = this.kernel!.value;
    if (this.gatherIndex === null) return kernel;
    const withZero = ops.pad(ops.reshape(kernel, [-1]), [[0, 1]]); // the zero that padding cells read
    const index = tensor(this.gatherIndex, [this.gatherIndex.length], 'int32');
    try {
      return ops.reshape(ops.take(withZero, index), this.positionShape);
    } finally {
      index.dispose();
    }
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const patches = ops.localPatches(inputs, this.kernelSize, { strides: this.strides, padding: this.padding, dataFormat: this.dataFormat });
    const perPosition = ops.matmul(patches, this.positionKernel()); // (positions, batch, filters)
    const batch = inputs.shape[0]!;
    let outputs = this.dataFormat === 'channels_first'
      ? ops.reshape(ops.transpose(perPosition, [1, 2, 0]), [batch, this.filters, ...this.outputSpatial])
      : ops.reshape(ops.transpose(perPosition, [1, 0, 2]), [batch, ...this.outputSpatial, this.filters]);
    if (this.bias) {
      // tf.keras's `bias_add` reshapes (does not transpose) the `(out…, filters)` bias to
      // `(filters, out…)` for channels_first; weights trained there only mean the same this way.
      const bias = this.dataFormat === 'channels_first' ? ops.reshape(this.bias.value, [this.filters, ...this.outputSpatial]) : this.bias.value;
      outputs = ops.add(outputs, bias);
    }
    return this.activation(outputs);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const out = this.split(inputShape).spatial.map((s, i) => this.outputLength(s, i));
    return this.dataFormat === 'channels_first' ? [inputShape[0]!, this.filters, ...out] : [inputShape[0]!, ...out, this.filters];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernel_size: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      data_format: this.dataFormat,
      ...this.kernelConfig(),
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
      implementation: this.implementation,
    };
  }
}
