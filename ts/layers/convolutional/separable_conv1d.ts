/**
 * 1-D separable convolution, as Keras's `SeparableConv1D`: a depthwise convolution of each channel of
 * `(batch, steps, channels)` inputs, then a pointwise (size-1) convolution to `filters` channels.
 *
 * @example
 * ```ts
 * const layer = new layers.SeparableConv1D(32, 5, { padding: 'same', activation: 'relu' });
 * ```
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseSeparableConv, type SeparableConvArgs, type SeparableConvPositional, separableConvSignature } from './base_separable_conv.js';

/** Options of {@link SeparableConv1D}. */
export type SeparableConv1DArgs = SeparableConvArgs;

export class SeparableConv1D extends BaseSeparableConv {
  static override className = 'SeparableConv1D';

  static override readonly signature = separableConvSignature(1);

  /** `new SeparableConv1D(filters, kernelSize, { … })`, `new SeparableConv1D(32, 3, 1, 'same')`, or `new SeparableConv1D({ filters, kernelSize, … })`. */
  constructor(...args: KerasArgs<SeparableConvPositional, SeparableConv1DArgs>) {
    super(1, SeparableConv1D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(SeparableConv1D);
