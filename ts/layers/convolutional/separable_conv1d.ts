/**
 * 1-D separable convolution, as Keras's `SeparableConv1D`: a depthwise convolution of each channel of
 * `(batch, steps, channels)` inputs, then a pointwise (size-1) convolution to `filters` channels.
 *
 * @example
 * ```ts
 * const layer = new layers.SeparableConv1D(32, 5, { padding: 'same', activation: 'relu' });
 * ```
 */
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseSeparableConv, type SeparableConvArgs } from './base_separable_conv.js';

/** Options of {@link SeparableConv1D}. */
export type SeparableConv1DArgs = SeparableConvArgs;

export class SeparableConv1D extends BaseSeparableConv {
  static override className = 'SeparableConv1D';

  /** `new SeparableConv1D(filters, kernelSize, { … })`, or `new SeparableConv1D({ filters, kernelSize, … })`. */
  constructor(filters: number, kernelSize: number | number[], args?: SeparableConv1DArgs);
  constructor(args: SeparableConv1DArgs);
  constructor(filtersOrArgs: number | SeparableConv1DArgs, kernelSize?: number | number[], args: SeparableConv1DArgs = {}) {
    super(1, typeof filtersOrArgs === 'number' ? { ...args, filters: filtersOrArgs, kernelSize } : filtersOrArgs);
  }
}

registerBuiltIn(SeparableConv1D);
