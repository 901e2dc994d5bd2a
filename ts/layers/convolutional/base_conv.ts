/**
 * The shared body of `Conv1D`, `Conv2D` and `Conv3D`, as Keras's `BaseConv`:
 * `activation(conv(inputs, kernel) + bias)` with a kernel of shape
 * `(kernelSize…, inputChannels / groups, filters)`.
 */
import { InputSpec } from '../../engine/input_spec.js';
import type { CallArgs, LayerArgs, LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { conv } from '../../ops/conv.js';
import * as ops from '../../ops/index.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { KernelLayer, type KernelLayerArgs } from '../kernel_layer.js';

/** Where the channels axis is: last (`(batch, spatial…, channels)`, the default) or first after the batch. */
export type ConvDataFormat = 'channels_last' | 'channels_first';

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
  padding?: 'valid' | 'same' | 'causal';
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: ConvDataFormat | null;
  /** Dilation of the window (spacing of its taps): one integer or one per spatial axis. Default 1. */
  dilationRate?: number | number[];
  /**
   * Channel groups: the inputs' channels and the filters are split into `groups` groups, and
   * group `g` of the filters only sees group `g` of the channels. Default 1.
   */
  groups?: number;
}

/** Python's repr of a tuple of integers: `(3, 3)`, `(3,)`. */
export function pyTuple(values: readonly (number | null)[]): string {
  const items = values.map((v) => (v === null ? 'None' : String(v)));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

function pyRepr(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value === null || value === undefined) return 'None';
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** Keras's `standardize_tuple`: an integer or `n` integers, all positive, as `n` integers. */
export function standardizeTuple(value: unknown, n: number, name: string): number[] {
  let message = `The \`${name}\` argument must be a tuple of ${n} integers. Received ${name}=${pyRepr(value)}`;
  const values = typeof value === 'number' ? new Array<number>(n).fill(value) : Array.isArray(value) ? (value as unknown[]) : null;
  if (values === null || values.length !== n) throw new ValueError(message);
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new ValueError(`${message}including element ${pyRepr(v)} of type ${typeof v}`);
    }
  }
  const bad = [...new Set((values as number[]).filter((v) => v <= 0))];
  if (bad.length > 0) {
    message += `, including values {${bad.join(', ')}} that do not satisfy \`value > 0\``;
    throw new ValueError(message);
  }
  return values as number[];
}

export function standardizeDataFormat(value: unknown): ConvDataFormat {
  const format = String(value ?? 'channels_last').toLowerCase();
  if (format !== 'channels_last' && format !== 'channels_first') {
    throw new ValueError(`The \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${format}`);
  }
  return format;
}

/** Keras's `compute_conv_output_shape` (None spatial sizes stay None). */
export function convOutputShape(
  inputShape: SymbolicShape, filters: number, kernelSize: number[], strides: number[], padding: string, dataFormat: ConvDataFormat, dilationRate: number[],
): SymbolicShape {
  const last = dataFormat === 'channels_last';
  const spatial = last ? inputShape.slice(1, -1) : inputShape.slice(2);
  const kernelShape = [...kernelSize, last ? inputShape[inputShape.length - 1]! : inputShape[1]!, filters];
  if (kernelShape.length !== inputShape.length) {
    throw new ValueError(`Kernel shape must have the same length as input, but received kernel of shape ${pyTuple(kernelShape)} and input of shape ${pyTuple(inputShape)}.`);
  }
  const out = spatial.map((size, i) => {
    if (size === null) return null;
    if (padding === 'valid') {
      const o = Math.floor((size - dilationRate[i]! * (kernelSize[i]! - 1) - 1) / strides[i]!) + 1;
      if (o <= 0) {
        throw new ValueError(
          `Computed output size would be zero or negative. Received \`inputs shape=${pyTuple(inputShape)}\`, \`kernel shape=${pyTuple(kernelShape)}\`, ` +
            `\`dilation_rate=[${dilationRate.join(' ')}]\`, \`strides=${pyTuple(strides)}\`, \`padding=${padding}\`.`,
        );
      }
      return o;
    }
    return Math.floor((size - 1) / strides[i]!) + 1;
  });
  return last ? [inputShape[0]!, ...out, filters] : [inputShape[0]!, filters, ...out];
}

/** The base of the N-D convolution layers; not used directly. */
export abstract class BaseConv extends KernelLayer {
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same' | 'causal';
  readonly dataFormat: ConvDataFormat;
  readonly dilationRate: number[];
  readonly groups: number;

  constructor(rank: number, args: ConvArgs) {
    super(args);
    this.rank = rank;
    const filters = args.filters;
    this.groups = args.groups ?? 1;
    this.kernelSize = standardizeTuple(args.kernelSize, rank, 'kernel_size');
    this.strides = standardizeTuple(args.strides ?? 1, rank, 'strides');
    this.dilationRate = standardizeTuple(args.dilationRate ?? 1, rank, 'dilation_rate');
    const padding = String(args.padding ?? 'valid').toLowerCase();
    const allowed = rank === 1 ? ['valid', 'same', 'causal'] : ['valid', 'same'];
    if (!allowed.includes(padding)) {
      throw new ValueError(`The \`padding\` argument must be a list/tuple or one of {${allowed.map((p) => `'${p}'`).join(', ')}}. Received: ${padding}`);
    }
    this.padding = padding as 'valid' | 'same' | 'causal';
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
    if (typeof filters !== 'number' || !Number.isInteger(filters) || filters <= 0) {
      throw new ValueError(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${pyRepr(filters)}.`);
    }
    this.filters = filters;
    if (!Number.isInteger(this.groups) || this.groups <= 0) {
      throw new ValueError(`The number of groups must be a positive integer. Received: groups=${pyRepr(this.groups)}.`);
    }
    if (this.filters % this.groups !== 0) {
      throw new ValueError(`The number of filters must be evenly divisible by the number of groups. Received: groups=${this.groups}, filters=${this.filters}.`);
    }
    if (Math.max(...this.strides) > 1 && Math.max(...this.dilationRate) > 1) {
      throw new ValueError(
        `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${pyTuple(this.strides)} and dilation_rate=${pyTuple(this.dilationRate)}`,
      );
    }
  }

  override build(inputShape: SymbolicShape): void {
    const channelAxis = this.dataFormat === 'channels_last' ? -1 : 1;
    const channels = this.dataFormat === 'channels_last' ? inputShape[inputShape.length - 1] : inputShape[1];
    if (channels === null || channels === undefined) {
      throw new ValueError(`The channel dimension of the inputs should be defined. The input_shape received is ${pyTuple(inputShape)}, where axis ${channelAxis} (0-based) is the channel dimension, which found to be \`None\`.`);
    }
    this.inputSpec = new InputSpec({ minNdim: this.rank + 2, axes: { [channelAxis]: channels } });
    if (channels % this.groups !== 0) {
      throw new ValueError(
        `The number of input channels must be evenly divisible by the number of groups. Received groups=${this.groups}, but the input has ${channels} channels (full input shape is ${pyTuple(inputShape)}).`,
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
