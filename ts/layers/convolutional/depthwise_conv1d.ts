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
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseDepthwiseConv, type DepthwiseConvArgs } from './base_depthwise_conv.js';

/** Options of {@link DepthwiseConv1D}. */
export type DepthwiseConv1DArgs = DepthwiseConvArgs;

export class DepthwiseConv1D extends BaseDepthwiseConv {
  static override className = 'DepthwiseConv1D';

  /** `new DepthwiseConv1D(kernelSize, { … })`, or `new DepthwiseConv1D({ kernelSize, … })`. */
  constructor(kernelSize: number | number[], args?: DepthwiseConv1DArgs);
  constructor(args: DepthwiseConv1DArgs);
  constructor(kernelSizeOrArgs: number | number[] | DepthwiseConv1DArgs, args: DepthwiseConv1DArgs = {}) {
    super(1, typeof kernelSizeOrArgs === 'number' || Array.isArray(kernelSizeOrArgs) ? { ...args, kernelSize: kernelSizeOrArgs } : kernelSizeOrArgs);
  }
}

registerBuiltIn(DepthwiseConv1D);
