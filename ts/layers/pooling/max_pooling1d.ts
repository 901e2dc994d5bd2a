/** Max pooling over windows of `(batch, steps, channels)` inputs (`(batch, channels, steps)` with channels_first). */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, type PoolingPositional, poolingSignature } from './base_pooling.js';

export class MaxPooling1D extends BasePooling {
  static override className = 'MaxPooling1D';

  static override readonly signature = poolingSignature(1, 'max');

  /** `new MaxPooling1D(3)`, `new MaxPooling1D(3, { strides: 1, padding: 'same' })`, or `new MaxPooling1D({ poolSize: 3, … })`. */
  constructor(...args: KerasArgs<PoolingPositional, PoolingArgs>) {
    super(1, 'max', MaxPooling1D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(MaxPooling1D);
