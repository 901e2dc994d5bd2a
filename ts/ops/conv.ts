/**
 * `conv(inputs, kernel, …)`, as `keras.ops.conv`: a 1-D, 2-D or 3-D convolution. `inputs` is
 * `(batch, spatial…, channels)` (`channels_last`, the default) or `(batch, channels, spatial…)`;
 * `kernel` is `(k…, inChannels / groups, filters)`, the group count being the inputs' channels
 * over the kernel's input channels. `'same'` pads as TensorFlow (the odd zero after). float32.
 */
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';

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

/** The convolution of `inputs` with `kernel`; differentiable with respect to both. */
export function conv(inputs: Tensor, kernel: Tensor, options: ConvOptions = {}): Tensor {
  const padding = String(options.padding ?? 'valid').toLowerCase();
  if (padding !== 'valid' && padding !== 'same') {
    throw new ValueError(`conv: \`padding\` must be either 'valid' or 'same', received ${JSON.stringify(options.padding)}`);
  }
  return convolve(inputs, kernel, options, padding, []);
}

/**
 * {@link conv} with explicit zeros: `pads` holds `[before, after]` per spatial axis (Conv1D's
 * `'causal'` padding). Not part of `keras.ops`; the convolution layers use it.
 */
export function convExplicit(inputs: Tensor, kernel: Tensor, options: Omit<ConvOptions, 'padding'>, pads: [number, number][]): Tensor {
  return convolve(inputs, kernel, options, 'explicit', pads.flat().map((p) => checkInt('padding', p, 0)));
}

function convolve(inputs: Tensor, kernel: Tensor, options: ConvOptions, padding: string, pads: number[]): Tensor {
  const dataFormat = options.dataFormat ?? 'channels_last';
  if (dataFormat !== 'channels_last' && dataFormat !== 'channels_first') {
    throw new ValueError(`conv: \`data_format\` must be one of {'channels_first', 'channels_last'}. Received: data_format=${String(dataFormat)}`);
  }
  const strides = Uint32Array.from(listOf('strides', options.strides ?? 1));
  const dilation = Uint32Array.from(listOf('dilation_rate', options.dilationRate ?? 1));
  return withTensors('conv', { inputs, kernel }, (x, w) =>
    wrap('conv', call('conv', (g: Glue) => g.conv(x.handle, w.handle, strides, padding, Uint32Array.from(pads), dataFormat === 'channels_first', dilation))));
}

function listOf(name: string, value: number | number[]): number[] {
  return (Array.isArray(value) ? value : [value]).map((v) => checkInt(name, v, 1));
}

function checkInt(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 2 ** 31 - 1) {
    throw new ValueError(`conv: \`${name}\` must hold integers >= ${min}, received ${JSON.stringify(v) ?? String(v)}`);
  }
  return v;
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

/**
 * `convTranspose(inputs, kernel, …)`, as `keras.ops.conv_transpose`: the transposed convolution
 * (the input gradient of {@link conv}). `kernel` is `(k…, outChannels, inChannels)`, as Keras.
 * Differentiable with respect to both tensors.
 */
export function convTranspose(inputs: Tensor, kernel: Tensor, options: ConvTransposeOptions = {}): Tensor {
  const padding = String(options.padding ?? 'valid').toLowerCase();
  if (padding !== 'valid' && padding !== 'same') {
    throw new ValueError(`conv_transpose: \`padding\` must be either 'valid' or 'same', received ${JSON.stringify(options.padding)}`);
  }
  const dataFormat = options.dataFormat ?? 'channels_last';
  if (dataFormat !== 'channels_last' && dataFormat !== 'channels_first') {
    throw new ValueError(`conv_transpose: \`data_format\` must be one of {'channels_first', 'channels_last'}. Received: data_format=${String(dataFormat)}`);
  }
  const ints = (name: string, value: number | number[], min: number) => (Array.isArray(value) ? value : [value]).map((v: unknown) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 2 ** 31 - 1) {
      throw new ValueError(`conv_transpose: \`${name}\` must hold integers >= ${min}, received ${JSON.stringify(v) ?? String(v)}`);
    }
    return v;
  });
  const strides = Uint32Array.from(ints('strides', options.strides ?? 1, 1));
  const dilation = Uint32Array.from(ints('dilation_rate', options.dilationRate ?? 1, 1));
  const op = options.outputPadding ?? null;
  const outputPadding = Uint32Array.from(op === null ? [] : ints('output_padding', op, 0));
  return withTensors('conv_transpose', { inputs, kernel }, (x, w) =>
    wrap('conv_transpose', call('conv_transpose', (g: Glue) =>
      g.conv_transpose(x.handle, w.handle, strides, padding, outputPadding, dataFormat === 'channels_first', dilation))));
}

/**
 * `depthwiseConv(inputs, kernel, …)`, as `keras.ops.depthwise_conv`: each input channel is
 * convolved with its own `depthMultiplier` filters. `kernel` is `(k…, inChannels, depthMultiplier)`
 * and output channel `c · depthMultiplier + m` is channel `c` convolved with `kernel[…, c, m]`,
 * as Keras. A direct kernel (not the GEMM); differentiable with respect to both tensors.
 */
export function depthwiseConv(inputs: Tensor, kernel: Tensor, options: ConvOptions = {}): Tensor {
  const padding = String(options.padding ?? 'valid').toLowerCase();
  if (padding !== 'valid' && padding !== 'same') {
    throw new ValueError(`depthwise_conv: \`padding\` must be either 'valid' or 'same', received ${JSON.stringify(options.padding)}`);
  }
  const dataFormat = options.dataFormat ?? 'channels_last';
  if (dataFormat !== 'channels_last' && dataFormat !== 'channels_first') {
    throw new ValueError(`depthwise_conv: \`data_format\` must be one of {'channels_first', 'channels_last'}. Received: data_format=${String(dataFormat)}`);
  }
  const strides = Uint32Array.from(listOf('strides', options.strides ?? 1));
  const dilation = Uint32Array.from(listOf('dilation_rate', options.dilationRate ?? 1));
  return withTensors('depthwise_conv', { inputs, kernel }, (x, w) =>
    wrap('depthwise_conv', call('depthwise_conv', (g: Glue) =>
      g.depthwise_conv(x.handle, w.handle, strides, padding, dataFormat === 'channels_first', dilation))));
}

/**
 * `separableConv(inputs, depthwiseKernel, pointwiseKernel, …)`, as `keras.ops.separable_conv`:
 * {@link depthwiseConv} with `depthwiseKernel` `(k…, inChannels, depthMultiplier)` (the options
 * apply to it), then a pointwise {@link conv} with `pointwiseKernel`
 * `(1…, inChannels · depthMultiplier, filters)`. Differentiable with respect to all three.
 */
export function separableConv(inputs: Tensor, depthwiseKernel: Tensor, pointwiseKernel: Tensor, options: ConvOptions = {}): Tensor {
  const depthwise = depthwiseConv(inputs, depthwiseKernel, options);
  try {
    return conv(depthwise, pointwiseKernel, { dataFormat: options.dataFormat });
  } finally {
    depthwise.dispose();
  }
}
