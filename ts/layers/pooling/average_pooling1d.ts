/** Average pooling over windows of `(batch, steps, channels)` inputs; with 'same' padding border windows average only their real cells. */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, type PoolingPositional, poolingSignature } from './base_pooling.js';

export class AveragePooling1D extends BasePooling {
  static override className = 'AveragePooling1D';

  static override readonly signature = poolingSignature(1, 'average');

  /** `new AveragePooling1D(3)`, `new AveragePooling1D(3, { strides: 1, padding: 'same' })`, or `new AveragePooling1D({ poolSize: 3, … })`. */
  constructor(...args: KerasArgs<PoolingPositional, PoolingArgs>) {
    super(1, 'average', AveragePooling1D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(AveragePooling1D);
