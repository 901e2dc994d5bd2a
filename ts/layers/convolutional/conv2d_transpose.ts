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
import { registerBuiltIn } from '../../engine/registry.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseConvTranspose, type ConvTransposeArgs, convTransposeSignature } from './base_conv_transpose.js';

/** Options of {@link Conv2DTranspose}. */
export type Conv2DTransposeArgs = ConvTransposeArgs;

export class Conv2DTranspose extends BaseConvTranspose {
  static override className = 'Conv2DTranspose';

  static override readonly signature = convTransposeSignature(2);

  /** `new Conv2DTranspose(filters, kernelSize, { … })`, `new Conv2DTranspose(16, 3, 2, 'same')`, or `new Conv2DTranspose({ filters, kernelSize, … })`. */
  constructor(...args: KerasArgs<[filters: number, kernelSize: number | number[], strides: number | number[], padding: 'valid' | 'same'], Conv2DTransposeArgs>) {
    super(2, Conv2DTranspose.signature.resolve(args, new.target));
  }
}

registerBuiltIn(Conv2DTranspose);
