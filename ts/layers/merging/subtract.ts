/** Subtracts two inputs: `subtract([x1, x2])` = `x1 - x2`. It takes exactly 2 inputs. */
import type { KerasTensor } from '../../ops/symbolic/keras_tensor.js';
import type { LayerArgs, ShapeOrShapes } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { Merge, applyMerge, describeInput } from './base_merge.js';

export class Subtract extends Merge {
  static override className = 'Subtract';

  override build(inputShape: ShapeOrShapes): void {
    super.build(inputShape);
    if (inputShape.length !== 2) {
      throw new ValueError(`A \`Subtract\` layer should be called on exactly 2 inputs. Received: input_shape=${describeInput(inputShape)}`);
    }
  }

  protected mergeFunction(inputs: Tensor[]): Tensor {
    if (inputs.length !== 2) {
      throw new ValueError(`A \`Subtract\` layer should be called on exactly 2 inputs. Received: inputs=${describeInput(inputs.map((x) => x.shape))}`);
    }
    return ops.subtract(inputs[0]!, inputs[1]!);
  }
}

/** Functional form of `Subtract`: the difference of the 2 inputs, as `keras.layers.subtract(inputs)`. */
export function subtract(inputs: KerasTensor[], args?: LayerArgs): KerasTensor;
export function subtract(inputs: Tensor[], args?: LayerArgs): Tensor;
export function subtract(inputs: Tensor[] | KerasTensor[], args: LayerArgs = {}): Tensor | KerasTensor {
  return applyMerge(new Subtract(args), inputs);
}

registerBuiltIn(Subtract);
