/** Adds a list of inputs element-wise: `add([x1, x2])` = `x1 + x2`, shapes broadcasting as NumPy (per sample). */
import type { KerasTensor } from '../../ops/symbolic/keras_tensor.js';
import type { LayerArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Merge, applyMerge } from './base_merge.js';

export class Add extends Merge {
  static override className = 'Add';

  protected mergeFunction(inputs: Tensor[]): Tensor {
    return inputs.slice(1).reduce((out, x) => ops.add(out, x), inputs[0]!);
  }
}

/** Functional form of `Add`: the sum of the inputs, as `keras.layers.add(inputs)`. */
export function add(inputs: KerasTensor[], args?: LayerArgs): KerasTensor;
export function add(inputs: Tensor[], args?: LayerArgs): Tensor;
export function add(inputs: Tensor[] | KerasTensor[], args: LayerArgs = {}): Tensor | KerasTensor {
  return applyMerge(new Add(args), inputs);
}

registerBuiltIn(Add);
