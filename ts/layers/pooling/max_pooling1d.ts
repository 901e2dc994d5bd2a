/** Max pooling over windows of `(batch, steps, channels)` inputs (`(batch, channels, steps)` with channels_first). */
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, poolingArgs } from './base_pooling.js';

export class MaxPooling1D extends BasePooling {
  static override className = 'MaxPooling1D';

  /** `new MaxPooling1D(2)`, `new MaxPooling1D({ poolSize, strides, padding, dataFormat })`. */
  constructor(poolSize?: number | number[] | PoolingArgs, args: PoolingArgs = {}) {
    super(poolingArgs(poolSize, args), 1, 'max');
  }
}

registerBuiltIn(MaxPooling1D);
