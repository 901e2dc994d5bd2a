/**
 * Multiplies a list of inputs element-wise. With masks on every input, masked-out entries count
 * as 1 and the product is 0 where every input is masked out, as in Keras.
 */
import type { KerasTensor } from '../../ops/symbolic/keras_tensor.js';
import type { LayerArgs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Merge, applyMerge, expandMask } from './base_merge.js';

export class Multiply extends Merge {
  static override className = 'Multiply';

  protected mergeFunction(inputs: Tensor[]): Tensor {
    const masks = inputs.map((x) => x.kerasMask);
    const hasOutputMask = masks.every((m) => m !== null);
    let output: Tensor | null = null;
    let outputMask: Tensor | null = null;
    for (const [i, input] of inputs.entries()) {
      let x = input;
      const mask = masks[i] ? expandMask(masks[i]!) : null;
      if (mask !== null) {
        // Masked-out entries become 1, the identity of the product.
        x = ops.where(mask, x, 1);
        if (hasOutputMask) outputMask = outputMask === null ? mask : ops.maximum(outputMask, mask);
      }
      output = output === null ? x : ops.multiply(output, x);
    }
    // Entries masked out in every input are 0, per the masking convention.
    return outputMask !== null ? ops.where(outputMask, output!, 0) : output!;
  }
}

/** Functional form of `Multiply`: the product of the inputs, as `keras.layers.multiply(inputs)`. */
export function multiply(inputs: KerasTensor[], args?: LayerArgs): KerasTensor;
export function multiply(inputs: Tensor[], args?: LayerArgs): Tensor;
export function multiply(inputs: Tensor[] | KerasTensor[], args: LayerArgs = {}): Tensor | KerasTensor {
  return applyMerge(new Multiply(args), inputs);
}

registerBuiltIn(Multiply);
