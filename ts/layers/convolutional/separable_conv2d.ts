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
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseSeparableConv, type SeparableConvArgs } from './base_separable_conv.js';

/** Options of {@link SeparableConv2D}. */
export type SeparableConv2DArgs = SeparableConvArgs;

export class SeparableConv2D extends BaseSeparableConv {
  static override className = 'SeparableConv2D';

  /** `new SeparableConv2D(filters, kernelSize, { … })`, or `new SeparableConv2D({ filters, kernelSize, … })`. */
  constructor(filters: number, kernelSize: number | number[], args?: SeparableConv2DArgs);
  constructor(args: SeparableConv2DArgs);
  constructor(filtersOrArgs: number | SeparableConv2DArgs, kernelSize?: number | number[], args: SeparableConv2DArgs = {}) {
    super(2, typeof filtersOrArgs === 'number' ? { ...args, filters: filtersOrArgs, kernelSize } : filtersOrArgs);
  }
}

registerBuiltIn(SeparableConv2D);
