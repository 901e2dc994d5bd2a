/** Average pooling over windows of `(batch, steps, channels)` inputs; with 'same' padding border windows average only their real cells. */
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, poolingArgs } from './base_pooling.js';

export class AveragePooling1D extends BasePooling {
  static override className = 'AveragePooling1D';

  /** `new AveragePooling1D(2)`, `new AveragePooling1D({ poolSize, strides, padding, dataFormat })`. */
  constructor(poolSize?: number | number[] | PoolingArgs, args: PoolingArgs = {}) {
    super(poolingArgs(poolSize, args), 1, 'average');
  }
}

registerBuiltIn(AveragePooling1D);
