/** Maximum over the three spatial dimensions of 5-D inputs: `(batch, channels)`. */
import type { CallArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseGlobalPooling, type GlobalPoolingArgs, type GlobalPoolingPositional } from './base_global_pooling.js';

export class GlobalMaxPooling3D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling3D';

  /** `new GlobalMaxPooling3D()`, `new GlobalMaxPooling3D('channels_first', true)`, or `new GlobalMaxPooling3D({ keepdims: true })`. */
  constructor(...args: KerasArgs<GlobalPoolingPositional, GlobalPoolingArgs>) {
    super(3, GlobalMaxPooling3D.signature.resolve(args, new.target));
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.max(inputs, this.spatialAxes(), this.keepdims);
  }
}

registerBuiltIn(GlobalMaxPooling3D);
