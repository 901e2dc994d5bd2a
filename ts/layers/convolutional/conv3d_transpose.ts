/**
 * 3-D transposed convolution, as Keras's `Conv3DTranspose`: inputs
 * `(batch, depth, height, width, channels)` (or channels first), kernel
 * `(kd, kh, kw, filters, channels)`.
 *
 * @example
 * ```ts
 * const layer = new layers.Conv3DTranspose(8, [3, 3, 3], { strides: 2 });
 * ```
 */
import { registerBuiltIn } from '../../saving/registry.js';
import { BaseConvTranspose, type ConvTransposeArgs } from './base_conv_transpose.js';

/** Options of {@link Conv3DTranspose}. */
export type Conv3DTransposeArgs = ConvTransposeArgs;

export class Conv3DTranspose extends BaseConvTranspose {
  static override className = 'Conv3DTranspose';

  /** `new Conv3DTranspose(filters, kernelSize, { … })`, or `new Conv3DTranspose({ filters, kernelSize, … })`. */
  constructor(filters: number, kernelSize: number | number[], args?: Conv3DTransposeArgs);
  constructor(args: Conv3DTransposeArgs);
  constructor(filtersOrArgs: number | Conv3DTransposeArgs, kernelSize?: number | number[], args: Conv3DTransposeArgs = {}) {
    super(3, typeof filtersOrArgs === 'number' ? { ...args, filters: filtersOrArgs, kernelSize } : filtersOrArgs);
  }
}

registerBuiltIn(Conv3DTranspose);
