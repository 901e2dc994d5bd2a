/** Averages a list of inputs element-wise. */
import type { KerasTensor } from '../../ops/symbolic/keras_tensor.js';
import type { LayerArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Merge, applyMerge } from './base_merge.js';

export class Average extends Merge {
  static override className = 'Average';

  protected mergeFunction(inputs: Tensor[]): Tensor {
    return ops.divide(inputs.slice(1).reduce((out, x) => ops.add(out, x), inputs[0]!), inputs.length);
  }
}

/** Functional form of `Average`: the mean of the inputs, as `keras.layers.average(inputs)`. */
export function average(inputs: KerasTensor[], args?: LayerArgs): KerasTensor;
export function average(inputs: Tensor[], args?: LayerArgs): Tensor;
export function average(inputs: Tensor[] | KerasTensor[], args: LayerArgs = {}): Tensor | KerasTensor {
  return applyMerge(new Average(args), inputs);
}

registerBuiltIn(Average);
