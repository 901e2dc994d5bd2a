/** Average pooling over windows of `(batch, rows, cols, channels)` inputs; with 'same' padding border windows average only their real cells. */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BasePooling, type PoolingArgs, type PoolingPositional, poolingSignature } from './base_pooling.js';

export class AveragePooling2D extends BasePooling {
  static override className = 'AveragePooling2D';

  static override readonly signature = poolingSignature(2, 'average');

  /** `new AveragePooling2D([3, 3])`, `new AveragePooling2D([3, 3], { strides: 1, padding: 'same' })`, or `new AveragePooling2D({ poolSize: [3, 3], … })`. */
  constructor(...args: KerasArgs<PoolingPositional, PoolingArgs>) {
    super(2, 'average', AveragePooling2D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(AveragePooling2D);
