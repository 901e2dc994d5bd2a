/** Max pooling over windows of `(batch, steps, channels)` inputs (`(batch, channels, steps)` with channels_first). */
import type { DataFormat } from '../../arguments/data_format.js';
import type { PoolPadding } from '../../arguments/padding.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, poolingSignature } from './base_pooling.js';

export class MaxPooling1D extends BasePooling {
  static override className = 'MaxPooling1D';

  static override readonly signature = poolingSignature(1, 'max');

  /** `new MaxPooling1D(3)`, `new MaxPooling1D(3, { strides: 1, padding: 'same' })`, or `new MaxPooling1D({ poolSize: 3, … })`. */
  constructor(...args: KerasArgs<[poolSize: number | number[], strides: number | number[] | null, padding: PoolPadding, dataFormat: DataFormat | null], PoolingArgs>) {
    super(1, 'max', MaxPooling1D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(MaxPooling1D);
