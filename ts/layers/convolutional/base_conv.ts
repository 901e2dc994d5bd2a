/**
 * The shared body of `Conv1D`, `Conv2D` and `Conv3D`, as Keras's `BaseConv`:
 * `activation(conv(inputs, kernel) + bias)` with a kernel of shape
 * `(kernelSize…, inputChannels / groups, filters)`.
 */
import { type DataFormat, standardizeDataFormat } from '../../arguments/data_format.js';
import { type Padding, standardizePadding } from '../../arguments/padding.js';
import { REQUIRED, type Resolved } from '../../arguments/signature.js';
import { standardizeTuple } from '../../arguments/tuples.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { conv } from '../../ops/conv.js';
import { convOutputShape } from '../../ops/output_shape.js';
import * as ops from '../../ops/index.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonRepr } from '../../utils/python_repr.js';
import { KernelLayer, type KernelLayerArgs } from '../kernel_layer.js';

/** Options of the convolution layers, as the keyword arguments of Keras's `ConvND`. */
export interface ConvArgs extends LayerArgs, KernelLayerArgs {
  /** The number of output channels (filters); a positive integer. */
  filters?: number;
  /** The size of the convolution window: one integer for every spatial axis, or one per axis. */
  kernelSize?: number | number[];
  /** The stride of the window: one integer or one per spatial axis. Default 1. */
  strides?: number | number[];
  /**
   * `'valid'` (no padding, the default), `'same'` (zeros so that the output has
   * `ceil(size / stride)` positions, the odd one after, as TensorFlow), or for `Conv1D`
   * `'causal'` (zeros before only, so that output `t` sees inputs up to `t`).
   */
  padding?: Padding;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
  /** Dilation of the window (spacing of its taps): one integer or one per spatial axis. Default 1. */
  dilationRate?: number | number[];
  /**
   * Channel groups: the inputs' channels and the filters are split into `groups` groups, and
   * group `g` of the filters only sees group `g` of the channels. Default 1.
   */
  groups?: number;
}

/** Keras's `ConvND` signature for `rank` spatial dimensions (defaults such as `strides` are `rank`-tuples, or ints for 1-D). */
export function convSignature(rank: number) {
  const ones = rank === 1 ? 1 : new Array<number>(rank).fill(1);
  return layerSignature<ConvArgs>()({
    filters: REQUIRED, kernelSize: REQUIRED, strides: ones, padding: 'valid', dataFormat: null, dilationRate: ones, groups: 1,
    activation: null, useBias: true, kernelInitializer: 'glorot_uniform', biasInitializer: 'zeros', kernelRegularizer: null,
    biasRegularizer: null, activityRegularizer: null, kernelConstraint: null, biasConstraint: null,
  });
}

/** The arguments of a convolution once its signature resolved them. */
export type ResolvedConvArgs = Resolved<ConvArgs, ReturnType<typeof convSignature>['params']>;

/** The base of the N-D convolution layers; not used directly. */
export abstract class BaseConv extends KernelLayer {
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: Padding;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly groups: number;

  /** `args`: the leaf class's resolved arguments. */
  constructor(rank: number, args: ResolvedConvArgs) {
    super(args);
    this.rank = rank;
    const filters = args.filters;
    this.groups = args.groups;
    this.kernelSize = standardizeTuple(args.kernelSize, rank, 'kernel_size');
    this.strides = standardizeTuple(args.strides, rank, 'strides');
    this.dilationRate = standardizeTuple(args.dilationRate, rank, 'dilation_rate');
    this.padding = rank === 1 ? standardizePadding(args.padding, true) : standardizePadding(args.padding);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
    if (typeof filters !== 'number' || !Number.isInteger(filters) || filters <= 0) {
      throw new ValueError(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${pythonRepr(filters)}.`);
    }
    this.filters = filters;
    if (!Number.isInteger(this.groups) || this.groups <= 0) {
      throw new ValueError(`The number of groups must be a positive integer. Received: groups=${pythonRepr(this.groups)}.`);
    }
    if (this.filters % this.groups !== 0) {
      throw new ValueError(`The number of filters must be evenly divisible by the number of groups. Received: groups=${this.groups}, filters=${this.filters}.`);
    }
    if (Math.max(...this.strides) > 1 && Math.max(...this.dilationRate) > 1) {
      throw new ValueError(
        `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${formatShape(this.strides)} and dilation_rate=${formatShape(this.dilationRate)}`,
      );
    }
  }

  override build(inputShape: SymbolicShape): void {
    const channelAxis = this.dataFormat === 'channels_last' ? -1 : 1;
    const channels = this.dataFormat === 'channels_last' ? inputShape[inputShape.length - 1] : inputShape[1];
    if (channels === null || channels === undefined) {
      throw new ValueError(`The channel dimension of the inputs should be defined. The input_shape received is ${formatShape(inputShape)}, where axis ${channelAxis} (0-based) is the channel dimension, which found to be \`None\`.`);
    }
    this.inputSpec = new InputSpec({ minNdim: this.rank + 2, axes: { [channelAxis]: channels } });
    if (channels % this.groups !== 0) {
      throw new ValueError(
        `The number of input channels must be evenly divisible by the number of groups. Received groups=${this.groups}, but the input has ${channels} channels (full input shape is ${formatShape(inputShape)}).`,
      );
    }
    this.computeOutputShape(inputShape);
    this.addKernelAndBias([...this.kernelSize, channels / this.groups, this.filters], [this.filters]);
  }

  /** The convolution itself (Conv1D overrides it for `'causal'` padding). */
  protected convolutionOp(inputs: Tensor, kernel: Tensor): Tensor {
    return conv(inputs, kernel, {
      strides: this.strides, padding: this.padding as 'valid' | 'same', dataFormat: this.dataFormat, dilationRate: this.dilationRate,
    });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    let outputs = this.convolutionOp(inputs, this.kernel!.value);
    if (this.bias) {
      const bias = this.dataFormat === 'channels_last'
        ? this.bias.value
        : ops.reshape(this.bias.value, [this.filters, ...new Array<number>(this.rank).fill(1)]);
      outputs = ops.add(outputs, bias);
    }
    return this.activation(outputs);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return convOutputShape(inputShape, this.filters, this.kernelSize, this.strides, this.padding, this.dataFormat, this.dilationRate);
  }

  override getConfig(): LayerConfig {
    const config: LayerConfig = {
      ...super.getConfig(),
      filters: this.filters,
      kernel_size: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      data_format: this.dataFormat,
      dilation_rate: this.dilationRate,
      groups: this.groups,
      ...this.kernelConfig(),
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
    };
    return config;
  }
}
