/** Mean over the rows and columns of `(batch, rows, cols, channels)` inputs: `(batch, channels)`. */
import type { CallArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseGlobalPooling, type GlobalPoolingArgs, type GlobalPoolingPositional } from './base_global_pooling.js';

export class GlobalAveragePooling2D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling2D';

  /** `new GlobalAveragePooling2D()`, `new GlobalAveragePooling2D('channels_first', true)`, or `new GlobalAveragePooling2D({ keepdims: true })`. */
  constructor(...args: KerasArgs<GlobalPoolingPositional, GlobalPoolingArgs>) {
    super(2, GlobalAveragePooling2D.signature.resolve(args, new.target));
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.mean(inputs, this.spatialAxes(), this.keepdims);
  }
}

registerBuiltIn(GlobalAveragePooling2D);
