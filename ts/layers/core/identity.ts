/**
 * Identity layer: a placeholder that returns its inputs unchanged (a tensor or a list), and
 * passes masks through. It takes only the keywords every layer takes, so it keeps Layer's signature.
 */
import { type CallArgs, Layer, type LayerArgs, type LayerInputs, type ShapeOrShapes, type SymbolicInputs } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { DType } from '../../tensor/tensor.js';

export class Identity extends Layer {
  static override className = 'Identity';

  constructor(args: LayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: LayerInputs, _args: CallArgs): LayerInputs {
    return inputs;
  }

  /** As Keras: the input's dtype, since the layer only moves values. */
  protected override outputDtype(inputs: SymbolicInputs): DType {
    return (Array.isArray(inputs) ? inputs[0]! : inputs).dtype;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return inputShape;
  }
}

registerBuiltIn(Identity);
