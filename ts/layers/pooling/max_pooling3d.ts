/** Max pooling over windows of `(batch, dim1, dim2, dim3, channels)` inputs (channels second with channels_first). */
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, poolingArgs } from './base_pooling.js';

export class MaxPooling3D extends BasePooling {
  static override className = 'MaxPooling3D';

  /** `new MaxPooling3D([2, 2, 2])`, `new MaxPooling3D({ poolSize, strides, padding, dataFormat })`. */
  constructor(poolSize?: number | number[] | PoolingArgs, args: PoolingArgs = {}) {
    super(poolingArgs(poolSize, args), 3, 'max');
  }
}

registerBuiltIn(MaxPooling3D);
