/**
 * What every convolution layer shares besides its kernels (Keras's `BaseConv`,
 * `BaseConvTranspose`, `BaseDepthwiseConv` and `BaseSeparableConv` each spell it out): the
 * window (`kernelSize`, `strides`, `dilationRate`, `padding`, `dataFormat`) and the counts
 * (`filters`, `depthMultiplier`) checked with Keras's messages, the channels of the inputs, and
 * the bias added along the channels axis.
 */
import { type DataFormat, channelAxis, standardizeDataFormat } from '../../arguments/data_format.js';
import { type Padding, type PoolPadding, standardizePadding } from '../../arguments/padding.js';
import { standardizeTuple } from '../../arguments/tuples.js';
import { checkSizeArgument } from '../../arguments/shape.js';
import { InputSpec } from '../../engine/input_spec.js';
import type { LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonRepr } from '../../utils/python_repr.js';

/** The window options as a constructor takes them (each optional; the signature holds the defaults). */
export interface ConvWindowArgs<P extends Padding = PoolPadding> {
  /** The size of the window: one integer for every spatial axis, or one per axis. */
  kernelSize?: number | number[];
  /** The stride of the window: one integer or one per spatial axis. Default 1. */
  strides?: number | number[];
  /** `'valid'` (no padding, the default) or `'same'` (`ceil(size / stride)` outputs, the odd zero after, as TensorFlow). */
  padding?: P;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
  /** Dilation of the window (spacing of its taps): one integer or one per spatial axis. Default 1. */
  dilationRate?: number | number[];
}

/** The standardized window, as attributes of the layer (`layer.kernelSize`, as Keras's `layer.kernel_size`). */
export interface ConvWindow<P extends Padding = PoolPadding> {
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly dilationRate: number[];
  readonly padding: P;
  readonly dataFormat: DataFormat;
}

/** Standardizes a `rank`-D window from (signature-resolved) arguments; 'causal' padding only where `allowCausal` (Conv1D). */
export function convWindow(rank: number, args: ConvWindowArgs<Padding>, allowCausal: true): ConvWindow<Padding>;
export function convWindow(rank: number, args: ConvWindowArgs<Padding>, allowCausal?: false): ConvWindow;
export function convWindow(rank: number, args: ConvWindowArgs<Padding>, allowCausal = false): ConvWindow<Padding> {
  return {
    kernelSize: standardizeTuple(args.kernelSize, rank, 'kernel_size'),
    strides: standardizeTuple(args.strides, rank, 'strides'),
    dilationRate: standardizeTuple(args.dilationRate, rank, 'dilation_rate'),
    padding: allowCausal ? standardizePadding(args.padding, true) : standardizePadding(args.padding),
    dataFormat: standardizeDataFormat(args.dataFormat),
  };
}

/** Keras's refusal of a window that is both strided and dilated (`Conv*` and `Conv*Transpose`). */
export function checkStridesOrDilation(window: ConvWindow<Padding>): void {
  if (Math.max(...window.strides) > 1 && Math.max(...window.dilationRate) > 1) {
    throw new ValueError(
      `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${formatShape(window.strides)} and dilation_rate=${formatShape(window.dilationRate)}`,
    );
  }
}

/** The window's part of the config, with Keras's keys. */
export function convWindowConfig(window: ConvWindow<Padding>): LayerConfig {
  return {
    kernel_size: window.kernelSize,
    strides: window.strides,
    padding: window.padding,
    data_format: window.dataFormat,
    dilation_rate: window.dilationRate,
  };
}

/** Keras's check of a strictly positive integer argument (`filters`, `depth_multiplier`). */
export function strictlyPositive(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ValueError(`Invalid value for argument \`${name}\`. Expected a strictly positive value. Received ${name}=${pythonRepr(value)}.`);
  }
  return checkSizeArgument(name, value);
}

/** The channel count of `inputShape`, which a convolution must know to build; Keras's message when it is `None`. */
export function inputChannels(inputShape: SymbolicShape, dataFormat: DataFormat): number {
  const channels = inputShape[channelAxis(inputShape.length, dataFormat)];
  if (channels === null || channels === undefined) {
    const axis = dataFormat === 'channels_last' ? -1 : 1;
    throw new ValueError(`The channel dimension of the inputs should be defined. The input_shape received is ${formatShape(inputShape)}, where axis ${axis} (0-based) is the channel dimension, which found to be \`None\`.`);
  }
  return channels;
}

/** The input spec of a built `rank`-D convolution: at least `rank + 2` axes, with `channels` on the channels axis. */
export function channelsSpec(rank: number, dataFormat: DataFormat, channels: number): InputSpec {
  return new InputSpec({ minNdim: rank + 2, axes: { [dataFormat === 'channels_last' ? -1 : 1]: channels } });
}

/** `outputs + bias`, the bias (one value per channel) broadcast along the channels axis. */
export function addChannelsBias(outputs: Tensor, bias: Tensor, dataFormat: DataFormat): Tensor {
  if (dataFormat === 'channels_last') return ops.add(outputs, bias);
  const spatialOnes = new Array<number>(outputs.shape.length - 2).fill(1);
  return ops.add(outputs, ops.reshape(bias, [bias.shape[0]!, ...spatialOnes]));
}
