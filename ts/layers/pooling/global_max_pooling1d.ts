/** Maximum over the steps of `(batch, steps, channels)` inputs: `(batch, channels)` (`(batch, 1, channels)` with keepdims). */
import type { CallArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseGlobalPooling, type GlobalPoolingArgs, type GlobalPoolingPositional } from './base_global_pooling.js';

export class GlobalMaxPooling1D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling1D';

  /** `new GlobalMaxPooling1D()`, `new GlobalMaxPooling1D('channels_first', true)`, or `new GlobalMaxPooling1D({ keepdims: true })`. */
  constructor(...args: KerasArgs<GlobalPoolingPositional, GlobalPoolingArgs>) {
    super(1, GlobalMaxPooling1D.signature.resolve(args, new.target));
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.max(inputs, this.spatialAxes(), this.keepdims);
  }
}

registerBuiltIn(GlobalMaxPooling1D);
