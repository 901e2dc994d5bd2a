/**
 * 2-D separable convolution, as Keras's `SeparableConv2D`: a depthwise convolution of each channel of
 * `(batch, height, width, channels)` inputs, then a pointwise 1×1 convolution to `filters`
 * channels (Xception's building block).
 *
 * @example
 * ```ts
 * const layer = new layers.SeparableConv2D(64, 3, { padding: 'same', depthMultiplier: 2 });
 * ```
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseSeparableConv, type SeparableConvArgs, type SeparableConvPositional, separableConvSignature } from './base_separable_conv.js';

/** Options of {@link SeparableConv2D}. */
export type SeparableConv2DArgs = SeparableConvArgs;

export class SeparableConv2D extends BaseSeparableConv {
  static override className = 'SeparableConv2D';

  static override readonly signature = separableConvSignature(2);

  /** `new SeparableConv2D(filters, kernelSize, { … })`, `new SeparableConv2D(32, 3, 1, 'same')`, or `new SeparableConv2D({ filters, kernelSize, … })`. */
  constructor(...args: KerasArgs<SeparableConvPositional, SeparableConv2DArgs>) {
    super(2, SeparableConv2D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(SeparableConv2D);
