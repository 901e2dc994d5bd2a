/** Mean over the three spatial dimensions of 5-D inputs: `(batch, channels)`. */
import type { CallArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base_global_pooling.js';

export class GlobalAveragePooling3D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling3D';

  constructor(args: GlobalPoolingArgs = {}) {
    super(args, 3);
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.mean(inputs, this.spatialAxes(), this.keepdims);
  }
}

registerBuiltIn(GlobalAveragePooling3D);
