/** Max pooling over windows of `(batch, rows, cols, channels)` inputs (`(batch, channels, rows, cols)` with channels_first). */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, type PoolingPositional, poolingSignature } from './base_pooling.js';

export class MaxPooling2D extends BasePooling {
  static override className = 'MaxPooling2D';

  static override readonly signature = poolingSignature(2, 'max');

  /** `new MaxPooling2D([3, 3])`, `new MaxPooling2D([3, 3], { strides: 1, padding: 'same' })`, or `new MaxPooling2D({ poolSize: [3, 3], … })`. */
  constructor(...args: KerasArgs<PoolingPositional, PoolingArgs>) {
    super(2, 'max', MaxPooling2D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(MaxPooling2D);
