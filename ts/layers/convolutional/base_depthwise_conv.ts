/**
 * The shared body of `DepthwiseConv1D` and `DepthwiseConv2D`, as Keras's `BaseDepthwiseConv`:
 * `activation(depthwiseConv(inputs, kernel) + bias)` with a kernel of shape
 * `(kernelSize…, inputChannels, depthMultiplier)` and `inputChannels · depthMultiplier` outputs.
 */
import * as activations from '../../activations.js';
import * as constraints from '../../constraints.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import type { ConstraintLike } from '../../constraints.js';
import type { RegularizerLike } from '../../regularizers.js';
import * as initializers from '../../initializers/index.js';
import { depthwiseConv } from '../../ops/conv.js';
import * as ops from '../../ops/index.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { type DataFormat, standardizeDataFormat } from '../../arguments/data_format.js';
import { convOutputShape } from '../../ops/output_shape.js';
import { formatShape } from '../../utils/python_repr.js';
import { standardizeTuple } from '../../arguments/tuples.js';

/** Options of the depthwise convolution layers, as the keyword arguments of Keras's `DepthwiseConvND`. */
export interface DepthwiseConvArgs extends LayerArgs {
  /** The size of the window: one integer for every spatial axis, or one per axis. */
  kernelSize?: number | number[];
  /** The stride of the window: one integer or one per spatial axis. Default 1. */
  strides?: number | number[];
  /** `'valid'` (no padding, the default) or `'same'` (`ceil(size / stride)` outputs, the odd zero after). */
  padding?: 'valid' | 'same';
  /** Filters per input channel; the layer outputs `channels · depthMultiplier` channels. Default 1. */
  depthMultiplier?: number;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
  /** Dilation of the window: one integer or one per spatial axis. Default 1. */
  dilationRate?: number | number[];
  /** Applied to the output; default none (linear). */
  activation?: string | activations.Activation | null;
  /** Whether to add a bias of `channels · depthMultiplier` values. Default true. */
  useBias?: boolean;
  /** Initializer of the depthwise kernel. Default `'glorot_uniform'`. */
  depthwiseInitializer?: initializers.InitializerIdentifier;
  /** Initializer of the bias. Default `'zeros'`. */
  biasInitializer?: initializers.InitializerIdentifier;
  /** Regularizer of the depthwise kernel. */
  depthwiseRegularizer?: regularizers.RegularizerIdentifier;
  /** Regularizer of the bias. */
  biasRegularizer?: regularizers.RegularizerIdentifier;
  /** Constraint applied to the depthwise kernel after each update. */
  depthwiseConstraint?: constraints.ConstraintIdentifier;
  /** Constraint applied to the bias after each update. */
  biasConstraint?: constraints.ConstraintIdentifier;
}

/** Keras's check of a strictly positive integer argument (`filters`, `depth_multiplier`). */
export function checkPositive(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ValueError(`Invalid value for argument \`${name}\`. Expected a strictly positive value. Received ${name}=${value === undefined || value === null ? 'None' : String(value)}.`);
  }
  return value;
}

/** Keras's `standardize_padding` without `'causal'`. */
export function standardizePadding(value: unknown): 'valid' | 'same' {
  const padding = String(value ?? 'valid').toLowerCase();
  if (padding !== 'valid' && padding !== 'same') {
    throw new ValueError(`The \`padding\` argument must be a list/tuple or one of {'valid', 'same'}. Received: ${padding}`);
  }
  return padding;
}

/** The input channels of `inputShape` (defined, or Keras's error). */
export function inputChannels(inputShape: SymbolicShape, dataFormat: DataFormat): number {
  const channelAxis = dataFormat === 'channels_last' ? -1 : 1;
  const channels = dataFormat === 'channels_last' ? inputShape[inputShape.length - 1] : inputShape[1];
  if (channels === null || channels === undefined) {
    throw new ValueError(`The channel dimension of the inputs should be defined. The input_shape received is ${formatShape(inputShape)}, where axis ${channelAxis} (0-based) is the channel dimension, which found to be \`None\`.`);
  }
  return channels;
}

/** The base of the N-D depthwise convolution layers; not used directly. */
export abstract class BaseDepthwiseConv extends Layer {
  readonly rank: number;
  readonly depthMultiplier: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  readonly depthwiseInitializer: initializers.Initializer;
  readonly biasInitializer: initializers.Initializer;
  readonly depthwiseRegularizer: RegularizerLike | null;
  readonly biasRegularizer: RegularizerLike | null;
  readonly depthwiseConstraint: ConstraintLike | null;
  readonly biasConstraint: ConstraintLike | null;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(rank: number, args: DepthwiseConvArgs) {
    super(args);
    this.rank = rank;
    this.kernelSize = standardizeTuple(args.kernelSize, rank, 'kernel_size');
    this.strides = standardizeTuple(args.strides ?? 1, rank, 'strides');
    this.dilationRate = standardizeTuple(args.dilationRate ?? 1, rank, 'dilation_rate');
    this.padding = standardizePadding(args.padding);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.activation = activations.get(args.activation);
    this.useBias = args.useBias ?? true;
    this.depthwiseInitializer = initializers.get(args.depthwiseInitializer ?? 'glorot_uniform');
    this.biasInitializer = initializers.get(args.biasInitializer ?? 'zeros');
    this.depthwiseRegularizer = regularizers.get(args.depthwiseRegularizer);
    this.biasRegularizer = regularizers.get(args.biasRegularizer);
    this.depthwiseConstraint = constraints.get(args.depthwiseConstraint);
    this.biasConstraint = constraints.get(args.biasConstraint);
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
    this.depthMultiplier = checkPositive('depth_multiplier', args.depthMultiplier ?? 1);
  }

  override build(inputShape: SymbolicShape): void {
    const channels = inputChannels(inputShape, this.dataFormat);
    this.inputSpec = new InputSpec({ minNdim: this.rank + 2, axes: { [this.dataFormat === 'channels_last' ? -1 : 1]: channels } });
    this.computeOutputShape(inputShape);
    this.kernel = this.addWeight({
      name: 'kernel', shape: [...this.kernelSize, channels, this.depthMultiplier], initializer: this.depthwiseInitializer,
      regularizer: this.depthwiseRegularizer, constraint: this.depthwiseConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: 'bias', shape: [channels * this.depthMultiplier], initializer: this.biasInitializer,
        regularizer: this.biasRegularizer, constraint: this.biasConstraint,
      });
    }
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    let outputs = depthwiseConv(inputs, this.kernel!.value, {
      strides: this.strides, padding: this.padding, dataFormat: this.dataFormat, dilationRate: this.dilationRate,
    });
    if (this.bias) {
      const bias = this.dataFormat === 'channels_last'
        ? this.bias.value
        : ops.reshape(this.bias.value, [this.bias.shape[0]!, ...new Array<number>(this.rank).fill(1)]);
      outputs = ops.add(outputs, bias);
    }
    return this.activation(outputs);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const channels = this.dataFormat === 'channels_last' ? inputShape[inputShape.length - 1] : inputShape[1];
    const out = convOutputShape(inputShape, (channels ?? 0) * this.depthMultiplier, this.kernelSize, this.strides, this.padding, this.dataFormat, this.dilationRate);
    const channelAxis = this.dataFormat === 'channels_last' ? out.length - 1 : 1;
    if (channels === null || channels === undefined) out[channelAxis] = null;
    return out;
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      depth_multiplier: this.depthMultiplier,
      kernel_size: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      data_format: this.dataFormat,
      dilation_rate: this.dilationRate,
      activation: activations.serialize(this.activation),
      use_bias: this.useBias,
      depthwise_initializer: initializers.serialize(this.depthwiseInitializer),
      bias_initializer: initializers.serialize(this.biasInitializer),
      depthwise_regularizer: regularizers.serialize(this.depthwiseRegularizer),
      bias_regularizer: regularizers.serialize(this.biasRegularizer),
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
      depthwise_constraint: constraints.serialize(this.depthwiseConstraint),
      bias_constraint: constraints.serialize(this.biasConstraint),
    };
  }
}
