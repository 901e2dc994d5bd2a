/**
 * 3-D convolution (spatial convolution over volumes), as Keras's `Conv3D`: inputs
 * `(batch, depth, height, width, channels)` (or channels first), kernel
 * `(kd, kh, kw, channels / groups, filters)`.
 *
 * @example
 * ```ts
 * const conv = new layers.Conv3D(16, [3, 3, 3], { strides: 2 });
 * ```
 */
import { registerBuiltIn } from '../../saving/registry.js';
import { BaseConv, type ConvArgs } from './base_conv.js';

/** Options of {@link Conv3D}; `padding` is `'valid'` or `'same'`. */
export type Conv3DArgs = Omit<ConvArgs, 'padding'> & { padding?: 'valid' | 'same' };

export class Conv3D extends BaseConv {
  static override className = 'Conv3D';

  /** `new Conv3D(filters, kernelSize, { … })`, or `new Conv3D({ filters, kernelSize, … })`. */
  constructor(filters: number, kernelSize: number | number[], args?: Conv3DArgs);
  constructor(args: Conv3DArgs);
  constructor(filtersOrArgs: number | Conv3DArgs, kernelSize?: number | number[], args: Conv3DArgs = {}) {
    super(3, typeof filtersOrArgs === 'number' ? { ...args, filters: filtersOrArgs, kernelSize } : filtersOrArgs);
  }
}

registerBuiltIn(Conv3D);
