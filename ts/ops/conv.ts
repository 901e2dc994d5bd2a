/**
 * `conv(inputs, kernel, …)`, as `keras.ops.conv`: a 1-D, 2-D or 3-D convolution. `inputs` is
 * `(batch, spatial…, channels)` (`channels_last`, the default) or `(batch, channels, spatial…)`;
 * `kernel` is `(k…, inChannels / groups, filters)`, the group count being the inputs' channels
 * over the kernel's input channels. `'same'` pads as TensorFlow (the odd zero after). float32.
 * On KerasTensors the four convolutions record Keras's `Conv`, `ConvTranspose`, `DepthwiseConv`
 * and `SeparableConv` nodes (a layer's kernel given with them is a constant of the graph).
 */
import { signature } from '../arguments/signature.js';
import { type DataFormat, standardizeDataFormat } from '../arguments/data_format.js';
import { standardizeTuple } from '../arguments/tuples.js';
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type TensorArg, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import { convOutputShape, deconvOutputLength } from './output_shape.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { type TensorSpec, requireFloat } from './symbolic/spec.js';

/** Options of {@link conv}, as the keyword arguments of `keras.ops.conv`. */
export interface ConvOptions {
  /** Stride per spatial axis, or one for all of them. Default 1. */
  strides?: number | number[];
  /** `'valid'` (no padding, the default) or `'same'` (`ceil(size / stride)` outputs). */
  padding?: 'valid' | 'same';
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: 'channels_last' | 'channels_first';
  /** Dilation per spatial axis, or one for all of them. Default 1. */
  dilationRate?: number | number[];
}

/** Options of {@link convTranspose}, as the keyword arguments of `keras.ops.conv_transpose`. */
export interface ConvTransposeOptions extends ConvOptions {
  /**
   * Extra positions at the end of each spatial axis of the output, each strictly below its
   * stride: one integer or one per axis. Default `null` (Keras's: `'valid'` gives
   * `(in - 1)·stride + max(kernel, stride)`, `'same'` gives `in·stride`).
   */
  outputPadding?: number | number[] | null;
}

/** The config of Keras's convolution ops: their constructor arguments, padding and data format standardized. */
interface ConvConfig {
  strides: number | number[];
  padding: 'valid' | 'same';
  outputPadding?: number | number[] | null;
  dataFormat: DataFormat;
  dilationRate: number | number[];
}

const CONV_SIGNATURE = signature<ConvConfig>()({ strides: 1, padding: 'valid', dataFormat: 'channels_last', dilationRate: 1 });
const CONV_TRANSPOSE_SIGNATURE = signature<ConvConfig>()({ strides: 1, padding: 'valid', outputPadding: null, dataFormat: 'channels_last', dilationRate: 1 });

/** The config of `op` from a call's options, as Keras's functions standardize them. */
function convConfig(op: string, options: ConvTransposeOptions, withOutputPadding: boolean): ConvConfig {
  const padding = String(options.padding ?? 'valid').toLowerCase();
  if (padding !== 'valid' && padding !== 'same') {
    throw new ValueError(`${op}: \`padding\` must be either 'valid' or 'same', received ${JSON.stringify(options.padding)}`);
  }
  const dataFormat = options.dataFormat ?? 'channels_last';
  if (dataFormat !== 'channels_last' && dataFormat !== 'channels_first') {
    throw new ValueError(`${op}: \`data_format\` must be one of {'channels_first', 'channels_last'}. Received: data_format=${String(dataFormat)}`);
  }
  const common = { strides: options.strides ?? 1, padding: padding as 'valid' | 'same', dataFormat: standardizeDataFormat(dataFormat) };
  return withOutputPadding
    ? { ...common, outputPadding: options.outputPadding ?? null, dilationRate: options.dilationRate ?? 1 }
    : { ...common, dilationRate: options.dilationRate ?? 1 };
}

/** `value` (one integer or one per spatial axis) as a list of integers >= `min`, or `op`'s error naming `name`. */
function ints(op: string, name: string, value: number | number[], min: number): number[] {
  return (Array.isArray(value) ? value : [value]).map((v: unknown) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 2 ** 31 - 1) {
      throw new ValueError(`${op}: \`${name}\` must hold integers >= ${min}, received ${JSON.stringify(v) ?? String(v)}`);
    }
    return v;
  });
}

function convolve(inputs: Tensor, kernel: Tensor, config: Omit<ConvConfig, 'padding'>, padding: string, pads: number[]): Tensor {
  const strides = Uint32Array.from(ints('conv', 'strides', config.strides, 1));
  const dilation = Uint32Array.from(ints('conv', 'dilation_rate', config.dilationRate, 1));
  return withTensors('conv', { inputs, kernel }, (x, w) =>
    wrap('conv', call('conv', (g: Glue) => g.conv(x.handle, w.handle, strides, padding, Uint32Array.from(pads), config.dataFormat === 'channels_first', dilation))));
}

/**
 * {@link conv} with explicit zeros: `pads` holds `[before, after]` per spatial axis (Conv1D's
 * `'causal'` padding). Not part of `keras.ops`; the convolution layers use it.
 */
export function convExplicit(inputs: Tensor, kernel: Tensor, options: Omit<ConvOptions, 'padding'>, pads: [number, number][]): Tensor {
  const { padding: _, ...config } = convConfig('conv', options, false);
  return convolve(inputs, kernel, config, 'explicit', pads.flat().map((p) => ints('conv', 'padding', p, 0)[0]!));
}

/** The output shape of a convolution of `x` by a kernel of spatial size `kernelSize` into `filters` channels. */
function convolvedShape(x: TensorSpec, kernelSize: readonly (number | null)[], filters: number, config: ConvConfig): (number | null)[] {
  const spatial = Math.max(x.shape.length - 2, 1);
  return convOutputShape(x.shape, filters, kernelSize as number[], standardizeTuple(config.strides, spatial, 'strides'), config.padding,
    config.dataFormat, standardizeTuple(config.dilationRate, spatial, 'dilation_rate'));
}

const Conv = defineOp<[inputs: Tensor, kernel: Tensor], Record<string, never>, ConvConfig>({
  className: 'Conv', module: 'keras.src.ops.nn', config: CONV_SIGNATURE,
  compute: ([inputs, kernel], _, config) => convolve(inputs, kernel, config, config.padding, []),
  outputSpec: ([x, kernel], _, config) => {
    requireFloat('conv', x, kernel);
    return { shape: convolvedShape(x, kernel.shape.slice(0, -2), kernel.shape.at(-1)!, config), dtype: 'float32' };
  },
});

/** The convolution of `inputs` with `kernel`; differentiable with respect to both. */
export function conv<X extends TensorArg, K extends TensorArg>(inputs: X, kernel: K, options: ConvOptions = {}): OpResult<X | K> {
  return Conv.invoke(convConfig('conv', options, false), [inputs, kernel]);
}

const ConvTranspose = defineOp<[inputs: Tensor, kernel: Tensor], Record<string, never>, ConvConfig>({
  className: 'ConvTranspose', module: 'keras.src.ops.nn', config: CONV_TRANSPOSE_SIGNATURE,
  compute: ([inputs, kernel], _, config) => {
    const op = 'conv_transpose';
    const strides = Uint32Array.from(ints(op, 'strides', config.strides, 1));
    const dilation = Uint32Array.from(ints(op, 'dilation_rate', config.dilationRate, 1));
    const outputPadding = Uint32Array.from(config.outputPadding === null || config.outputPadding === undefined ? [] : ints(op, 'output_padding', config.outputPadding, 0));
    return withTensors(op, { inputs, kernel }, (x, w) =>
      wrap(op, call(op, (g: Glue) => g.conv_transpose(x.handle, w.handle, strides, config.padding, outputPadding, config.dataFormat === 'channels_first', dilation))));
  },
  outputSpec: ([x, kernel], _, config) => {
    requireFloat('conv_transpose', x, kernel);
    const last = config.dataFormat === 'channels_last';
    const sizes = last ? x.shape.slice(1, -1) : x.shape.slice(2);
    const axes = sizes.length;
    const [strides, dilation] = [standardizeTuple(config.strides, axes, 'strides'), standardizeTuple(config.dilationRate, axes, 'dilation_rate')];
    const outputPadding = config.outputPadding === null || config.outputPadding === undefined ? null : standardizeTuple(config.outputPadding, axes, 'output_padding', true);
    const out = sizes.map((size, i) => deconvOutputLength(size, kernel.shape[i]!, strides[i]!, config.padding, outputPadding?.[i] ?? null, dilation[i]!));
    const filters = kernel.shape.at(-2)!;
    return { shape: last ? [x.shape[0]!, ...out, filters] : [x.shape[0]!, filters, ...out], dtype: 'float32' };
  },
});

/**
 * `convTranspose(inputs, kernel, …)`, as `keras.ops.conv_transpose`: the transposed convolution
 * (the input gradient of {@link conv}). `kernel` is `(k…, outChannels, inChannels)`, as Keras.
 * Differentiable with respect to both tensors.
 */
export function convTranspose<X extends TensorArg, K extends TensorArg>(inputs: X, kernel: K, options: ConvTransposeOptions = {}): OpResult<X | K> {
  return ConvTranspose.invoke(convConfig('conv_transpose', options, true), [inputs, kernel]);
}

function depthwiseConvolution(inputs: Tensor, kernel: Tensor, config: ConvConfig): Tensor {
  const op = 'depthwise_conv';
  const strides = Uint32Array.from(ints(op, 'strides', config.strides, 1));
  const dilation = Uint32Array.from(ints(op, 'dilation_rate', config.dilationRate, 1));
  return withTensors(op, { inputs, kernel }, (x, w) =>
    wrap(op, call(op, (g: Glue) => g.depthwise_conv(x.handle, w.handle, strides, config.padding, config.dataFormat === 'channels_first', dilation))));
}

const DepthwiseConv = defineOp<[inputs: Tensor, kernel: Tensor], Record<string, never>, ConvConfig>({
  className: 'DepthwiseConv', module: 'keras.src.ops.nn', config: CONV_SIGNATURE,
  compute: ([inputs, kernel], _, config) => depthwiseConvolution(inputs, kernel, config),
  outputSpec: ([x, kernel], _, config) => {
    requireFloat('depthwise_conv', x, kernel);
    return { shape: convolvedShape(x, kernel.shape.slice(0, -2), kernel.shape.at(-2)! * kernel.shape.at(-1)!, config), dtype: 'float32' };
  },
});

/**
 * `depthwiseConv(inputs, kernel, …)`, as `keras.ops.depthwise_conv`: each input channel is
 * convolved with its own `depthMultiplier` filters. `kernel` is `(k…, inChannels, depthMultiplier)`
 * and output channel `c · depthMultiplier + m` is channel `c` convolved with `kernel[…, c, m]`,
 * as Keras. A direct kernel (not the GEMM); differentiable with respect to both tensors.
 */
export function depthwiseConv<X extends TensorArg, K extends TensorArg>(inputs: X, kernel: K, options: ConvOptions = {}): OpResult<X | K> {
  return DepthwiseConv.invoke(convConfig('depthwise_conv', options, false), [inputs, kernel]);
}

const SeparableConv = defineOp<[inputs: Tensor, depthwiseKernel: Tensor, pointwiseKernel: Tensor], Record<string, never>, ConvConfig>({
  className: 'SeparableConv', module: 'keras.src.ops.nn', config: CONV_SIGNATURE,
  compute: ([inputs, depthwiseKernel, pointwiseKernel], _, config) => {
    const depthwise = depthwiseConvolution(inputs, depthwiseKernel, config);
    try {
      return convolve(depthwise, pointwiseKernel, { strides: 1, dataFormat: config.dataFormat, dilationRate: 1 }, 'valid', []);
    } finally {
      depthwise.dispose();
    }
  },
  outputSpec: ([x, depthwiseKernel, pointwiseKernel], _, config) => {
    requireFloat('separable_conv', x, depthwiseKernel, pointwiseKernel);
    return { shape: convolvedShape(x, depthwiseKernel.shape.slice(0, -2), pointwiseKernel.shape.at(-1)!, config), dtype: 'float32' };
  },
});

/**
 * `separableConv(inputs, depthwiseKernel, pointwiseKernel, …)`, as `keras.ops.separable_conv`:
 * {@link depthwiseConv} with `depthwiseKernel` `(k…, inChannels, depthMultiplier)` (the options
 * apply to it), then a pointwise {@link conv} with `pointwiseKernel`
 * `(1…, inChannels · depthMultiplier, filters)`. Differentiable with respect to all three.
 */
export function separableConv<X extends TensorArg, D extends TensorArg, P extends TensorArg>(
  inputs: X, depthwiseKernel: D, pointwiseKernel: P, options: ConvOptions = {},
): OpResult<X | D | P> {
  return SeparableConv.invoke(convConfig('separable_conv', options, false), [inputs, depthwiseKernel, pointwiseKernel]);
}
