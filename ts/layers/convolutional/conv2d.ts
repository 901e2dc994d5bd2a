/**
 * 2-D convolution (spatial convolution over images), as Keras's `Conv2D`: inputs
 * `(batch, height, width, channels)` (or `(batch, channels, height, width)`), kernel
 * `(kh, kw, channels / groups, filters)`.
 *
 * @example
 * ```ts
 * const conv = new layers.Conv2D(32, 3, { activation: 'relu', padding: 'same' });
 * ```
 */
import { registerBuiltIn } from '../../saving/registry.js';
import { BaseConv, type ConvArgs } from './base_conv.js';

/** Options of {@link Conv2D}; `padding` is `'valid'` or `'same'`. */
export type Conv2DArgs = Omit<ConvArgs, 'padding'> & { padding?: 'valid' | 'same' };

export class Conv2D extends BaseConv {
  static override className = 'Conv2D';

  /** `new Conv2D(filters, kernelSize, { … })`, or `new Conv2D({ filters, kernelSize, … })`. */
  constructor(filters: number, kernelSize: number | number[], args?: Conv2DArgs);
  constructor(args: Conv2DArgs);
  constructor(filtersOrArgs: number | Conv2DArgs, kernelSize?: number | number[], args: Conv2DArgs = {}) {
    super(2, typeof filtersOrArgs === 'number' ? { ...args, filters: filtersOrArgs, kernelSize } : filtersOrArgs);
  }
}

registerBuiltIn(Conv2D);
