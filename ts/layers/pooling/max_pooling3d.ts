/** Max pooling over windows of `(batch, dim1, dim2, dim3, channels)` inputs (channels second with channels_first). */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, type PoolingPositional, poolingSignature } from './base_pooling.js';

export class MaxPooling3D extends BasePooling {
  static override className = 'MaxPooling3D';

  static override readonly signature = poolingSignature(3, 'max');

  /** `new MaxPooling3D([2, 2, 2])`, `new MaxPooling3D([2, 2, 2], { strides: 1, padding: 'same' })`, or `new MaxPooling3D({ poolSize: [2, 2, 2], … })`. */
  constructor(...args: KerasArgs<PoolingPositional, PoolingArgs>) {
    super(3, 'max', MaxPooling3D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(MaxPooling3D);
