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
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseDepthwiseConv, type DepthwiseConvArgs } from './base_depthwise_conv.js';

/** Options of {@link DepthwiseConv2D}. */
export type DepthwiseConv2DArgs = DepthwiseConvArgs;

export class DepthwiseConv2D extends BaseDepthwiseConv {
  static override className = 'DepthwiseConv2D';

  /** `new DepthwiseConv2D(kernelSize, { … })`, or `new DepthwiseConv2D({ kernelSize, … })`. */
  constructor(kernelSize: number | number[], args?: DepthwiseConv2DArgs);
  constructor(args: DepthwiseConv2DArgs);
  constructor(kernelSizeOrArgs: number | number[] | DepthwiseConv2DArgs, args: DepthwiseConv2DArgs = {}) {
    super(2, typeof kernelSizeOrArgs === 'number' || Array.isArray(kernelSizeOrArgs) ? { ...args, kernelSize: kernelSizeOrArgs } : kernelSizeOrArgs);
  }
}

registerBuiltIn(DepthwiseConv2D);
