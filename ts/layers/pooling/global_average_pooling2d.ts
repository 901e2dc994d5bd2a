/** Mean over the rows and columns of `(batch, rows, cols, channels)` inputs: `(batch, channels)`. */
import type { CallArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base_global_pooling.js';

export class GlobalAveragePooling2D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling2D';

  constructor(args: GlobalPoolingArgs = {}) {
    super(args, 2);
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.mean(inputs, this.spatialAxes(), this.keepdims);
  }
}

registerBuiltIn(GlobalAveragePooling2D);
