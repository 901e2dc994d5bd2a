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
import { registerBuiltIn } from '../../engine/registry.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseConvTranspose, type ConvTransposeArgs, convTransposeSignature } from './base_conv_transpose.js';

/** Options of {@link Conv1DTranspose}. */
export type Conv1DTransposeArgs = ConvTransposeArgs;

export class Conv1DTranspose extends BaseConvTranspose {
  static override className = 'Conv1DTranspose';

  static override readonly signature = convTransposeSignature(1);

  /** `new Conv1DTranspose(filters, kernelSize, { … })`, `new Conv1DTranspose(16, 3, 2, 'same')`, or `new Conv1DTranspose({ filters, kernelSize, … })`. */
  constructor(...args: KerasArgs<[filters: number, kernelSize: number | number[], strides: number | number[], padding: 'valid' | 'same'], Conv1DTransposeArgs>) {
    super(1, Conv1DTranspose.signature.resolve(args, new.target));
  }
}

registerBuiltIn(Conv1DTranspose);
