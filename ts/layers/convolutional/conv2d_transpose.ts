/**
 * 2-D transposed convolution (sometimes called deconvolution), as Keras's `Conv2DTranspose`:
 * inputs `(batch, height, width, channels)` (or channels first), kernel
 * `(kh, kw, filters, channels)`. The decoder half of autoencoders and segmentation networks.
 *
 * @example
 * ```ts
 * const layer = new layers.Conv2DTranspose(32, 3, { strides: 2, padding: 'same', activation: 'relu' });
 * ```
 */
import { registerBuiltIn } from '../../saving/registry.js';
import { BaseConvTranspose, type ConvTransposeArgs } from './base_conv_transpose.js';

/** Options of {@link Conv2DTranspose}. */
export type Conv2DTransposeArgs = ConvTransposeArgs;

export class Conv2DTranspose extends BaseConvTranspose {
  static override className = 'Conv2DTranspose';

  /** `new Conv2DTranspose(filters, kernelSize, { … })`, or `new Conv2DTranspose({ filters, kernelSize, … })`. */
  constructor(filters: number, kernelSize: number | number[], args?: Conv2DTransposeArgs);
  constructor(args: Conv2DTransposeArgs);
  constructor(filtersOrArgs: number | Conv2DTransposeArgs, kernelSize?: number | number[], args: Conv2DTransposeArgs = {}) {
    super(2, typeof filtersOrArgs === 'number' ? { ...args, filters: filtersOrArgs, kernelSize } : filtersOrArgs);
  }
}

registerBuiltIn(Conv2DTranspose);
