/**
 * 1-D depthwise convolution, as Keras's `DepthwiseConv1D`: each channel of `(batch, steps, channels)`
 * inputs is convolved with its own `depthMultiplier` filters (kernel
 * `(kernelSize, channels, depthMultiplier)`), giving `channels · depthMultiplier` outputs.
 *
 * @example
 * ```ts
 * const layer = new layers.DepthwiseConv1D(3, { depthMultiplier: 2, padding: 'same' });
 * ```
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseDepthwiseConv, type DepthwiseConvArgs, type DepthwiseConvPositional, depthwiseConvSignature } from './base_depthwise_conv.js';

/** Options of {@link DepthwiseConv1D}. */
export type DepthwiseConv1DArgs = DepthwiseConvArgs;

export class DepthwiseConv1D extends BaseDepthwiseConv {
  static override className = 'DepthwiseConv1D';

  static override readonly signature = depthwiseConvSignature(1);

  /** `new DepthwiseConv1D(kernelSize, { … })`, `new DepthwiseConv1D(3, 2, 'same', 4)`, or `new DepthwiseConv1D({ kernelSize, … })`. */
  constructor(...args: KerasArgs<DepthwiseConvPositional, DepthwiseConv1DArgs>) {
    super(1, DepthwiseConv1D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(DepthwiseConv1D);
