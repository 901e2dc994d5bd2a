/**
 * 1-D transposed convolution, as Keras's `Conv1DTranspose`: inputs `(batch, steps, channels)` (or
 * `(batch, channels, steps)`), kernel `(kernelSize, filters, channels)`. Upsamples sequences by
 * `strides`.
 *
 * @example
 * ```ts
 * const layer = new layers.Conv1DTranspose(16, 3, { strides: 2, padding: 'same' });
 * ```
 */
import { registerBuiltIn } from '../../saving/registry.js';
import { BaseConvTranspose, type ConvTransposeArgs } from './base_conv_transpose.js';

/** Options of {@link Conv1DTranspose}. */
export type Conv1DTransposeArgs = ConvTransposeArgs;

export class Conv1DTranspose extends BaseConvTranspose {
  static override className = 'Conv1DTranspose';

  /** `new Conv1DTranspose(filters, kernelSize, { … })`, or `new Conv1DTranspose({ filters, kernelSize, … })`. */
  constructor(filters: number, kernelSize: number | number[], args?: Conv1DTransposeArgs);
  constructor(args: Conv1DTransposeArgs);
  constructor(filtersOrArgs: number | Conv1DTransposeArgs, kernelSize?: number | number[], args: Conv1DTransposeArgs = {}) {
    super(1, typeof filtersOrArgs === 'number' ? { ...args, filters: filtersOrArgs, kernelSize } : filtersOrArgs);
  }
}

registerBuiltIn(Conv1DTranspose);
