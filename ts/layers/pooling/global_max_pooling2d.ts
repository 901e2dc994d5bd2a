/** Maximum over the rows and columns of `(batch, rows, cols, channels)` inputs: `(batch, channels)`. */
import type { CallArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseGlobalPooling, type GlobalPoolingArgs, type GlobalPoolingPositional } from './base_global_pooling.js';

export class GlobalMaxPooling2D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling2D';

  /** `new GlobalMaxPooling2D()`, `new GlobalMaxPooling2D('channels_first', true)`, or `new GlobalMaxPooling2D({ keepdims: true })`. */
  constructor(...args: KerasArgs<GlobalPoolingPositional, GlobalPoolingArgs>) {
    super(2, GlobalMaxPooling2D.signature.resolve(args, new.target));
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.max(inputs, this.spatialAxes(), this.keepdims);
  }
}

registerBuiltIn(GlobalMaxPooling2D);
