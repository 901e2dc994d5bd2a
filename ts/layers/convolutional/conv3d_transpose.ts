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
import { registerBuiltIn } from '../../engine/registry.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseConvTranspose, type ConvTransposeArgs, convTransposeSignature } from './base_conv_transpose.js';

/** Options of {@link Conv3DTranspose}. */
export type Conv3DTransposeArgs = ConvTransposeArgs;

export class Conv3DTranspose extends BaseConvTranspose {
  static override className = 'Conv3DTranspose';

  static override readonly signature = convTransposeSignature(3);

  /** `new Conv3DTranspose(filters, kernelSize, { … })`, `new Conv3DTranspose(16, 3, 2, 'same')`, or `new Conv3DTranspose({ filters, kernelSize, … })`. */
  constructor(...args: KerasArgs<[filters: number, kernelSize: number | number[], strides: number | number[], padding: 'valid' | 'same'], Conv3DTransposeArgs>) {
    super(3, Conv3DTranspose.signature.resolve(args, new.target));
  }
}

registerBuiltIn(Conv3DTranspose);
