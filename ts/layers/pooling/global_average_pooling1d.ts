/**
 * Mean over the steps of `(batch, steps, channels)` inputs: `(batch, channels)`. With a mask
 * (from `Masking` or `Embedding(maskZero)`), only the unmasked steps count, as in Keras; the
 * output carries no mask.
 */
import type { CallArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseGlobalPooling, type GlobalPoolingArgs, type GlobalPoolingPositional } from './base_global_pooling.js';

export class GlobalAveragePooling1D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling1D';

  /** `new GlobalAveragePooling1D()`, `new GlobalAveragePooling1D('channels_first', true)`, or `new GlobalAveragePooling1D({ keepdims: true })`. */
  constructor(...args: KerasArgs<GlobalPoolingPositional, GlobalPoolingArgs>) {
    super(1, GlobalAveragePooling1D.signature.resolve(args, new.target));
    this.supportsMasking = true;
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    const stepsAxis = this.dataFormat === 'channels_last' ? 1 : 2;
    if (!args.mask) return ops.mean(inputs, stepsAxis, this.keepdims);
    const [batch, steps] = args.mask.shape;
    const maskShape = this.dataFormat === 'channels_last' ? [batch!, steps!, 1] : [batch!, 1, steps!];
    const mask = ops.cast(ops.reshape(ops.notEqual(args.mask, 0), maskShape), 'float32');
    // `where`, not a product: a masked step holding inf or NaN must not poison the sum.
    const total = ops.sum(ops.where(mask, inputs, 0), stepsAxis, this.keepdims);
    return ops.divide(total, ops.sum(mask, stepsAxis, this.keepdims));
  }

  override computeMask(): Tensor | null {
    return null;
  }
}

registerBuiltIn(GlobalAveragePooling1D);
