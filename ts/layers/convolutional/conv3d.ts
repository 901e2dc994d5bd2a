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
import { registerBuiltIn } from '../../engine/registry.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseConv, type ConvArgs, convSignature } from './base_conv.js';

/** Options of {@link Conv3D}; `padding` is `'valid'` or `'same'`. */
export type Conv3DArgs = Omit<ConvArgs, 'padding'> & { padding?: 'valid' | 'same' };

export class Conv3D extends BaseConv {
  static override className = 'Conv3D';

  static override readonly signature = convSignature(3);

  /** `new Conv3D(filters, kernelSize, { … })`, `new Conv3D(32, 3, 1, 'same')`, or `new Conv3D({ filters, kernelSize, … })`. */
  constructor(...args: KerasArgs<[filters: number, kernelSize: number | number[], strides: number | number[], padding: Conv3DArgs['padding']], Conv3DArgs>) {
    super(3, Conv3D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(Conv3D);
