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
import { registerBuiltIn } from '../../engine/registry.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseConv, type ConvArgs, convSignature } from './base_conv.js';

/** Options of {@link Conv2D}; `padding` is `'valid'` or `'same'`. */
export type Conv2DArgs = Omit<ConvArgs, 'padding'> & { padding?: 'valid' | 'same' };

export class Conv2D extends BaseConv {
  static override className = 'Conv2D';

  static override readonly signature = convSignature(2);

  /** `new Conv2D(filters, kernelSize, { … })`, `new Conv2D(32, 3, 1, 'same')`, or `new Conv2D({ filters, kernelSize, … })`. */
  constructor(...args: KerasArgs<[filters: number, kernelSize: number | number[], strides: number | number[], padding: Conv2DArgs['padding']], Conv2DArgs>) {
    super(2, Conv2D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(Conv2D);
