/**
 * 2-D depthwise convolution, as Keras's `DepthwiseConv2D`: each channel of
 * `(batch, height, width, channels)` inputs is convolved with its own `depthMultiplier` filters
 * (kernel `(kh, kw, channels, depthMultiplier)`), giving `channels · depthMultiplier` outputs;
 * the first half of MobileNet's blocks.
 *
 * @example
 * ```ts
 * const layer = new layers.DepthwiseConv2D(3, { strides: 2, padding: 'same' });
 * ```
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseDepthwiseConv, type DepthwiseConvArgs, type DepthwiseConvPositional, depthwiseConvSignature } from './base_depthwise_conv.js';

/** Options of {@link DepthwiseConv2D}. */
export type DepthwiseConv2DArgs = DepthwiseConvArgs;

export class DepthwiseConv2D extends BaseDepthwiseConv {
  static override className = 'DepthwiseConv2D';

  static override readonly signature = depthwiseConvSignature(2);

  /** `new DepthwiseConv2D(kernelSize, { … })`, `new DepthwiseConv2D(3, 2, 'same', 4)`, or `new DepthwiseConv2D({ kernelSize, … })`. */
  constructor(...args: KerasArgs<DepthwiseConvPositional, DepthwiseConv2DArgs>) {
    super(2, DepthwiseConv2D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(DepthwiseConv2D);
