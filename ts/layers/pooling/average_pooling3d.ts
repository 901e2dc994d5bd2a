/** Average pooling over windows of `(batch, dim1, dim2, dim3, channels)` inputs; with 'same' padding border windows average only their real cells. */
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, poolingArgs } from './base_pooling.js';

export class AveragePooling3D extends BasePooling {
  static override className = 'AveragePooling3D';

  /** `new AveragePooling3D([2, 2, 2])`, `new AveragePooling3D({ poolSize, strides, padding, dataFormat })`. */
  constructor(poolSize?: number | number[] | PoolingArgs, args: PoolingArgs = {}) {
    super(poolingArgs(poolSize, args), 3, 'average');
  }
}

registerBuiltIn(AveragePooling3D);
