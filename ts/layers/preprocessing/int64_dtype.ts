/**
 * Keras's integer-output preprocessing layers (Hashing, HashedCrossing) default to `int64`, which
 * kerasm has not: it computes their bins in int32 (bins below 2^31) and writes `int64` back in
 * the config, so a file keeps the dtype Keras gave it.
 */
import { dtypePolicyConfig, policyName } from '../../arguments/dtype.js';
import type { LayerArgs } from '../../engine/layer.js';
import type { DType } from '../../tensor/tensor.js';

export class Int64Dtype {
  /** Whether the dtype argument named int64. */
  readonly isInt64: boolean;
  /** The dtype argument to compute in: int32 for int64, the argument itself otherwise. */
  readonly computeDtype: LayerArgs['dtype'];

  constructor(dtype: LayerArgs['dtype'] | 'int64') {
    this.isInt64 = policyName(dtype) === 'int64';
    this.computeDtype = this.isInt64 ? 'int32' : (dtype as LayerArgs['dtype']);
  }

  /** The dtype's name as Keras writes it: int64 if it was given, else the layer's dtype. */
  name(dtype: DType): string {
    return this.isInt64 ? 'int64' : dtype;
  }

  /** The dtype policy a config holds, as Keras writes it. */
  config(dtype: DType): Record<string, unknown> {
    return { ...dtypePolicyConfig(dtype), config: { name: this.name(dtype) } };
  }
}
