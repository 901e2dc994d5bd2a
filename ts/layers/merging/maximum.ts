/** The element-wise maximum of a list of inputs (masked-out entries are ignored). */
import type { KerasTensor } from '../../ops/symbolic/keras_tensor.js';
import type { LayerArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Merge, applyMerge } from './base_merge.js';

export class Maximum extends Merge {
  static override className = 'Maximum';

  protected mergeFunction(inputs: Tensor[]): Tensor {
    return this.applyMergeOpAndOrMask(ops.maximum, inputs);
  }
}

/** Functional form of `Maximum`: the element-wise maximum of the inputs, as `keras.layers.maximum(inputs)`. */
export function maximum(inputs: KerasTensor[], args?: LayerArgs): KerasTensor;
export function maximum(inputs: Tensor[], args?: LayerArgs): Tensor;
export function maximum(inputs: Tensor[] | KerasTensor[], args: LayerArgs = {}): Tensor | KerasTensor {
  return applyMerge(new Maximum(args), inputs);
}

registerBuiltIn(Maximum);
