/** Max pooling over windows of `(batch, rows, cols, channels)` inputs (`(batch, channels, rows, cols)` with channels_first). */
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, poolingArgs } from './base_pooling.js';

export class MaxPooling2D extends BasePooling {
  static override className = 'MaxPooling2D';

  /** `new MaxPooling2D([2, 2])`, `new MaxPooling2D({ poolSize, strides, padding, dataFormat })`. */
  constructor(poolSize?: number | number[] | PoolingArgs, args: PoolingArgs = {}) {
    super(poolingArgs(poolSize, args), 2, 'max');
  }
}

registerBuiltIn(MaxPooling2D);
