/** Average pooling over windows of `(batch, rows, cols, channels)` inputs; with 'same' padding border windows average only their real cells. */
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, poolingArgs } from './base_pooling.js';

export class AveragePooling2D extends BasePooling {
  static override className = 'AveragePooling2D';

  /** `new AveragePooling2D([2, 2])`, `new AveragePooling2D({ poolSize, strides, padding, dataFormat })`. */
  constructor(poolSize?: number | number[] | PoolingArgs, args: PoolingArgs = {}) {
    super(poolingArgs(poolSize, args), 2, 'average');
  }
}

registerBuiltIn(AveragePooling2D);
