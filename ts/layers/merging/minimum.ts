/** The element-wise minimum of a list of inputs (masked-out entries are ignored). */
import type { KerasTensor } from '../../ops/symbolic/keras_tensor.js';
import type { LayerArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Merge, applyMerge } from './base_merge.js';

export class Minimum extends Merge {
  static override className = 'Minimum';

  protected mergeFunction(inputs: Tensor[]): Tensor {
    return this.applyMergeOpAndOrMask(ops.minimum, inputs);
  }
}

/** Functional form of `Minimum`: the element-wise minimum of the inputs, as `keras.layers.minimum(inputs)`. */
export function minimum(inputs: KerasTensor[], args?: LayerArgs): KerasTensor;
export function minimum(inputs: Tensor[], args?: LayerArgs): Tensor;
export function minimum(inputs: Tensor[] | KerasTensor[], args: LayerArgs = {}): Tensor | KerasTensor {
  return applyMerge(new Minimum(args), inputs);
}

registerBuiltIn(Minimum);
