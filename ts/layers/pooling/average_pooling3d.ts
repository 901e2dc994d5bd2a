/** Average pooling over windows of `(batch, dim1, dim2, dim3, channels)` inputs; with 'same' padding border windows average only their real cells. */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, type PoolingPositional, poolingSignature } from './base_pooling.js';

export class AveragePooling3D extends BasePooling {
  static override className = 'AveragePooling3D';

  static override readonly signature = poolingSignature(3, 'average');

  /** `new AveragePooling3D([2, 2, 2])`, `new AveragePooling3D([2, 2, 2], { strides: 1, padding: 'same' })`, or `new AveragePooling3D({ poolSize: [2, 2, 2], … })`. */
  constructor(...args: KerasArgs<PoolingPositional, PoolingArgs>) {
    super(3, 'average', AveragePooling3D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(AveragePooling3D);
